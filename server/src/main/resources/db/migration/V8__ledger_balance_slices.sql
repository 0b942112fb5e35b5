-- A merchant's ledger accounts are updated by every one of its payments. One row per account made
-- those rows a queue: each payment waited for the previous one's commit. Each account's balance is
-- now its row's columns plus the sum of its slices; a transaction adds its changes to one slice,
-- chosen at random, so concurrent payments mostly touch different rows.
create table ledger_balance_slices (
    account_id      varchar(40) not null,
    slice           integer     not null,
    debits_pending  bigint      not null default 0,
    credits_pending bigint      not null default 0,
    debits_posted   bigint      not null default 0,
    credits_posted  bigint      not null default 0,
    primary key (account_id, slice)
);
