-- Webhooks between processors and Paygate: the simulator processor's outgoing webhooks (its
-- endpoint registrations and its outbox) and Paygate's inbound webhook queue. Portable types only;
-- "created" is epoch seconds, columns ending in _ms are epoch milliseconds.

-- The simulator's one webhook endpoint per account. idem_key is the key of the registration request
-- that set it, so a repeat answers the same secret. While a secret is replaced, the previous one keeps
-- signing too (a second v1 in the signature header) until previous_secret_until_ms.
create table sim_webhook_endpoints (
    account_id               varchar(40)   primary key,
    url                      varchar(2000) not null,
    secret                   varchar(100)  not null,
    idem_key                 varchar(100)  not null,
    previous_secret          varchar(100),
    previous_secret_until_ms bigint,
    created                  bigint        not null
);

-- The simulator's outbox: one row per event, written in the transaction of the change it reports.
-- next_attempt_ms is when the sender next takes the row up: its due time while pending, the end of
-- the sender's lease while sending (a sender that died leaves it due again), null once delivered or dead.
create table sim_webhook_deliveries (
    id              varchar(40)  primary key,
    account_id      varchar(40)  not null,
    type            varchar(40)  not null,
    payload         text         not null,
    status          varchar(20)  not null,
    attempts        integer      not null default 0,
    next_attempt_ms bigint,
    last_error      varchar(500),
    created         bigint       not null,
    updated_ms      bigint       not null
);
create index sim_webhook_deliveries_due on sim_webhook_deliveries (next_attempt_ms);
create index sim_webhook_deliveries_by_account on sim_webhook_deliveries (account_id, id);

-- Paygate's inbound processor webhooks: each verified event stored once per (connector account,
-- processor event id) before it is acknowledged, then processed from here. next_attempt_ms as above:
-- due time while pending, end of the worker's lease while processing, null once final.
create table inbound_webhooks (
    id                   varchar(40)   primary key,
    connector_account_id varchar(40)   not null,
    event_id             varchar(255)  not null,
    event_type           varchar(255)  not null,
    kind                 varchar(20)   not null,
    object_key           varchar(255)  not null,
    event_created        bigint        not null,
    payload              text          not null,
    status               varchar(20)   not null,
    attempts             integer       not null default 0,
    replays              integer       not null default 0,
    next_attempt_ms      bigint,
    last_error_code      varchar(40),
    last_error_message   varchar(1000),
    created              bigint        not null,
    updated_ms           bigint        not null,
    constraint inbound_webhooks_once unique (connector_account_id, event_id)
);
create index inbound_webhooks_due on inbound_webhooks (next_attempt_ms);
create index inbound_webhooks_by_account on inbound_webhooks (connector_account_id, id);
create index inbound_webhooks_by_status on inbound_webhooks (status, id);
