-- The double-entry ledger, fees, balance transactions, refunds and disputes.
-- Amounts are integers in the currency's minor unit. Postings are never updated or deleted.

create table ledger_accounts (
    id              varchar(40)  primary key,
    owner_type      varchar(20)  not null,
    owner_id        varchar(40)  not null,
    livemode        boolean      not null,
    currency        varchar(3)   not null,
    kind            varchar(30)  not null,
    debits_pending  bigint       not null default 0,
    credits_pending bigint       not null default 0,
    debits_posted   bigint       not null default 0,
    credits_posted  bigint       not null default 0,
    created         bigint       not null,
    unique (owner_type, owner_id, livemode, currency, kind)
);

create table journal_entries (
    id          varchar(40)  primary key,
    merchant_id varchar(40),
    livemode    boolean      not null,
    kind        varchar(40)  not null,
    source_id   varchar(40),
    description varchar(500),
    created     bigint       not null
);
create index journal_entries_by_source on journal_entries (source_id, id);

create table postings (
    entry_id   varchar(40) not null,
    seq        integer     not null,
    account_id varchar(40) not null,
    currency   varchar(3)  not null,
    debit      bigint      not null,
    credit     bigint      not null,
    primary key (entry_id, seq)
);
create index postings_by_account on postings (account_id, entry_id);

-- Two-phase transfers: an authorization reserves money (pending) until it is posted (captured,
-- possibly for less) or voided (released).
create table pending_transfers (
    id                varchar(40) primary key,
    merchant_id       varchar(40) not null,
    livemode          boolean     not null,
    debit_account_id  varchar(40) not null,
    credit_account_id varchar(40) not null,
    currency          varchar(3)  not null,
    amount            bigint      not null,
    status            varchar(10) not null,
    posted_amount     bigint      not null default 0,
    source_id         varchar(40) not null unique,
    created           bigint      not null,
    resolved          bigint
);

create table balance_transactions (
    id                 varchar(40)  primary key,
    merchant_id        varchar(40)  not null,
    livemode           boolean      not null,
    amount             bigint       not null,
    fee                bigint       not null,
    net                bigint       not null,
    currency           varchar(3)   not null,
    type               varchar(30)  not null,
    reporting_category varchar(40)  not null,
    status             varchar(20)  not null,
    available_on       bigint       not null,
    source_id          varchar(40),
    description        varchar(500),
    fee_details        varchar(4000) not null default '[]',
    entry_id           varchar(40)  not null,
    created            bigint       not null
);
create index balance_transactions_by_merchant on balance_transactions (merchant_id, livemode, id);
create index balance_transactions_by_type on balance_transactions (merchant_id, livemode, type, id);
create index balance_transactions_by_source on balance_transactions (source_id, id);
create index balance_transactions_to_release on balance_transactions (status, available_on);

create table merchant_pricing (
    merchant_id         varchar(40) not null,
    livemode            boolean     not null,
    payment_method_type varchar(20) not null,
    currency            varchar(3)  not null,
    percent_bps         integer     not null,
    fixed_minor         bigint      not null,
    rounding            varchar(10) not null,
    refund_fees         varchar(20) not null,
    dispute_fee_minor   bigint      not null,
    created             bigint      not null,
    primary key (merchant_id, livemode, payment_method_type, currency)
);

create table merchant_settlement (
    merchant_id           varchar(40) primary key,
    settlement_delay_days integer     not null,
    created               bigint      not null
);

alter table charges add column fee bigint not null default 0;
alter table charges add column fee_refunded bigint not null default 0;
alter table charges add column amount_refund_pending bigint not null default 0;
alter table charges add column amount_disputed bigint not null default 0;
alter table charges add column balance_transaction_id varchar(40);

create table refunds (
    id                            varchar(40)  primary key,
    merchant_id                   varchar(40)  not null,
    livemode                      boolean      not null,
    charge_id                     varchar(40)  not null,
    payment_intent_id             varchar(40)  not null,
    amount                        bigint       not null,
    fee_reversed                  bigint       not null default 0,
    currency                      varchar(3)   not null,
    status                        varchar(20)  not null,
    processor_state               varchar(20)  not null,
    reason                        varchar(40),
    failure_reason                varchar(60),
    balance_transaction_id        varchar(40),
    failure_balance_transaction_id varchar(40),
    connector_account_id          varchar(40)  not null,
    processor_reference           varchar(100),
    metadata                      varchar(40000) not null default '{}',
    created                       bigint       not null,
    updated_ms                    bigint       not null,
    next_check_ms                 bigint,
    check_count                   integer      not null default 0,
    lease_until_ms                bigint
);
create index refunds_by_merchant on refunds (merchant_id, livemode, id);
create index refunds_by_charge on refunds (charge_id, id);
create index refunds_to_check on refunds (next_check_ms);

create table disputes (
    id                   varchar(40)  primary key,
    merchant_id          varchar(40)  not null,
    livemode             boolean      not null,
    charge_id            varchar(40)  not null,
    payment_intent_id    varchar(40)  not null,
    amount               bigint       not null,
    fee                  bigint       not null default 0,
    currency             varchar(3)   not null,
    status               varchar(30)  not null,
    reason               varchar(40)  not null,
    evidence             varchar(200000) not null default '{}',
    evidence_due_by      bigint,
    submission_count     integer      not null default 0,
    funds_withdrawn      boolean      not null default false,
    funds_reinstated     boolean      not null default false,
    connector_account_id varchar(40)  not null,
    processor_reference  varchar(100) not null,
    metadata             varchar(40000) not null default '{}',
    created              bigint       not null,
    updated_ms           bigint       not null,
    next_check_ms        bigint,
    lease_until_ms       bigint,
    unique (connector_account_id, processor_reference)
);
create index disputes_by_merchant on disputes (merchant_id, livemode, id);
create index disputes_by_charge on disputes (charge_id, id);
create index disputes_to_check on disputes (next_check_ms);
