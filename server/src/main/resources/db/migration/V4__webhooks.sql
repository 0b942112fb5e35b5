-- Merchant webhooks: endpoints, and deliveries written in the same transaction as the event they
-- carry (a transactional outbox), with every attempt recorded.

create table webhook_endpoints (
    id                          varchar(40)   primary key,
    merchant_id                 varchar(40)   not null,
    livemode                    boolean       not null,
    url                         varchar(2048) not null,
    description                 varchar(5000),
    enabled_events              varchar(8000) not null,
    status                      varchar(20)   not null,
    api_version                 varchar(40),
    secret_key_id               varchar(40)   not null,
    secret_nonce                varchar(40)   not null,
    secret_ciphertext           varchar(400)  not null,
    previous_secret_key_id      varchar(40),
    previous_secret_nonce       varchar(40),
    previous_secret_ciphertext  varchar(400),
    previous_secret_expires_at  bigint,
    metadata                    varchar(40000) not null default '{}',
    failing_since_ms            bigint,
    disabled_reason             varchar(60),
    deleted                     boolean       not null default false,
    created                     bigint        not null
);
create index webhook_endpoints_by_merchant on webhook_endpoints (merchant_id, livemode, id);

create table webhook_deliveries (
    id                   varchar(40)  primary key,
    merchant_id          varchar(40)  not null,
    livemode             boolean      not null,
    endpoint_id          varchar(40)  not null,
    event_id             varchar(40)  not null,
    event_type           varchar(100) not null,
    status               varchar(20)  not null,
    attempts             integer      not null default 0,
    next_attempt_ms      bigint,
    lease_until_ms       bigint,
    last_attempt_ms      bigint,
    last_response_status integer,
    created_ms           bigint       not null,
    completed_ms         bigint
);
create index webhook_deliveries_due on webhook_deliveries (status, next_attempt_ms);
create index webhook_deliveries_by_endpoint on webhook_deliveries (endpoint_id, id);
create index webhook_deliveries_by_event on webhook_deliveries (event_id, id);

create table webhook_attempts (
    delivery_id     varchar(40)  not null,
    attempt         integer      not null,
    node            varchar(100),
    started_ms      bigint       not null,
    latency_ms      bigint       not null,
    response_status integer,
    response_body   varchar(1024),
    error           varchar(500),
    primary key (delivery_id, attempt)
);
