-- The simulator processor's refunds and disputes. Portable as V1: varchar, bigint, integer, text,
-- plain indexes; times in epoch milliseconds (_ms) or epoch seconds (evidence_due_by, as on the wire).

-- What a payment does after capture, fixed on receipt from its instrument (never the card number):
-- how its refunds behave, whether a dispute opens, and when. amount_refunded counts refunds that are
-- pending or succeeded, so a refund can never take back more than was captured.
alter table sim_payments add column amount_refunded bigint not null default 0;
alter table sim_payments add column refund_behaviour varchar(20);
alter table sim_payments add column dispute_behaviour varchar(20);
alter table sim_payments add column dispute_delay_ms bigint;
alter table sim_payments add column dispute_decision_ms bigint;
-- Set when a payment whose card disputes is captured; cleared in the transaction that opens the dispute.
alter table sim_payments add column dispute_at_ms bigint;
create index sim_payments_to_dispute on sim_payments (dispute_at_ms);

create table sim_refunds (
    id              varchar(40)  primary key,
    account_id      varchar(40)  not null,
    idem_key        varchar(100) not null,
    payment_id      varchar(40)  not null,
    payment_key     varchar(100) not null,
    amount          bigint       not null,
    currency        varchar(3)   not null,
    reason          varchar(40),
    status          varchar(20)  not null,
    -- Where the refund moves once resolve_at_ms has passed (null when it is final).
    planned_status  varchar(20),
    failure_code    varchar(60),
    failure_message varchar(500),
    resolve_at_ms   bigint,
    created_ms      bigint       not null,
    updated_ms      bigint       not null,
    unique (account_id, idem_key)
);
create index sim_refunds_to_resolve on sim_refunds (resolve_at_ms);
create index sim_refunds_by_payment on sim_refunds (account_id, payment_key);

create table sim_disputes (
    id               varchar(40)  primary key,
    account_id       varchar(40)  not null,
    payment_id       varchar(40)  not null,
    payment_key      varchar(100) not null,
    amount           bigint       not null,
    currency         varchar(3)   not null,
    status           varchar(30)  not null,
    reason           varchar(40)  not null,
    -- A JSON object of string fields.
    evidence         text         not null,
    evidence_due_by  bigint       not null,
    submission_count integer      not null default 0,
    decision_ms      bigint       not null,
    -- When the resolver decides on submitted evidence (null when nothing is waiting for a decision).
    decide_at_ms     bigint,
    -- Bumped by every change: each change is a compare-and-set on it.
    version          integer      not null default 0,
    created_ms       bigint       not null,
    updated_ms       bigint       not null,
    -- One dispute per payment, so two resolvers can never open it twice.
    unique (payment_id)
);
create index sim_disputes_to_decide on sim_disputes (decide_at_ms);
create index sim_disputes_by_account on sim_disputes (account_id, payment_key);

-- The idempotency keys of evidence updates and acceptances, so a repeat answers the dispute as it is.
create table sim_dispute_operations (
    account_id  varchar(40)  not null,
    idem_key    varchar(100) not null,
    dispute_id  varchar(40)  not null,
    operation   varchar(20)  not null,
    created_ms  bigint       not null,
    primary key (account_id, idem_key)
);
