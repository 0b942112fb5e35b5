-- Paygate's foundation schema. One history for PostgreSQL and the embedded H2 database: only
-- portable types (varchar, bigint, integer, boolean, text) and plain indexes. Times are epoch
-- seconds ("created", as on the wire) or epoch milliseconds (columns ending in _ms).

create table merchants (
    id               varchar(40)  primary key,
    name             varchar(200) not null,
    email            varchar(320),
    country          varchar(2),
    default_currency varchar(3),
    demo             boolean      not null default false,
    metadata         varchar(40000) not null default '{}',
    created          bigint       not null
);

create table api_keys (
    id          varchar(40)  primary key,
    merchant_id varchar(40)  not null references merchants (id),
    livemode    boolean      not null,
    kind        varchar(20)  not null,
    key_hash    varchar(64)  not null unique,
    redacted    varchar(64)  not null,
    name        varchar(200),
    permissions varchar(4000),
    created     bigint       not null,
    expires_at  bigint,
    revoked_at  bigint
);
create index api_keys_by_merchant on api_keys (merchant_id, livemode, id);

create table idempotency_keys (
    merchant_id        varchar(40)  not null,
    livemode           boolean      not null,
    idem_key           varchar(255) not null,
    request_method     varchar(10)  not null,
    request_path       varchar(500) not null,
    params_fingerprint varchar(64)  not null,
    request_id         varchar(40),
    completed          boolean      not null,
    response_status    integer,
    response_body      text,
    created_ms         bigint       not null,
    locked_until_ms    bigint       not null,
    primary key (merchant_id, livemode, idem_key)
);
create index idempotency_keys_by_age on idempotency_keys (created_ms);

create table metadata_entries (
    object_id   varchar(40)  not null,
    merchant_id varchar(40)  not null,
    livemode    boolean      not null,
    object_type varchar(40)  not null,
    meta_key    varchar(40)  not null,
    meta_value  varchar(500) not null,
    primary key (object_id, meta_key)
);
create index metadata_entries_lookup on metadata_entries (merchant_id, livemode, object_type, meta_key, meta_value, object_id);

create table events (
    id               varchar(40)  primary key,
    merchant_id      varchar(40)  not null,
    livemode         boolean      not null,
    type             varchar(100) not null,
    object_id        varchar(40),
    api_version      varchar(40)  not null,
    data             text         not null,
    request_id       varchar(40),
    idempotency_key  varchar(255),
    created          bigint       not null
);
create index events_by_merchant on events (merchant_id, livemode, id);
create index events_by_type on events (merchant_id, livemode, type, id);
create index events_by_object on events (object_id, id);

create table connector_accounts (
    id                     varchar(40)  primary key,
    merchant_id            varchar(40)  not null references merchants (id),
    livemode               boolean      not null,
    connector              varchar(40)  not null,
    display_name           varchar(200),
    settings               varchar(8000) not null default '{}',
    credentials_key_id     varchar(40),
    credentials_nonce      varchar(40),
    credentials_ciphertext varchar(8000),
    credential_names       varchar(1000) not null default '',
    status                 varchar(20)  not null,
    priority               integer      not null default 0,
    metadata               varchar(40000) not null default '{}',
    created                bigint       not null
);
create index connector_accounts_by_merchant on connector_accounts (merchant_id, livemode, status, priority);

create table customers (
    id                     varchar(40)  primary key,
    merchant_id            varchar(40)  not null,
    livemode               boolean      not null,
    email                  varchar(512),
    name                   varchar(256),
    phone                  varchar(64),
    description            varchar(1000),
    address                varchar(4000),
    shipping               varchar(4000),
    default_payment_method varchar(40),
    metadata               varchar(40000) not null default '{}',
    deleted                boolean      not null default false,
    created                bigint       not null
);
create index customers_by_merchant on customers (merchant_id, livemode, deleted, id);
create index customers_by_email on customers (merchant_id, livemode, email, id);

create table vault_cards (
    id          varchar(40)  primary key,
    merchant_id varchar(40)  not null,
    key_id      varchar(40)  not null,
    nonce       varchar(40)  not null,
    ciphertext  varchar(200) not null,
    created     bigint       not null
);

create table payment_methods (
    id               varchar(40)  primary key,
    merchant_id      varchar(40)  not null,
    livemode         boolean      not null,
    type             varchar(20)  not null,
    customer_id      varchar(40),
    card_brand       varchar(20),
    card_last4       varchar(4),
    card_exp_month   integer,
    card_exp_year    integer,
    card_funding     varchar(10),
    card_country     varchar(2),
    card_fingerprint varchar(64),
    card_vault_id    varchar(40),
    card_cvc_check   varchar(20),
    upi_vpa          varchar(255),
    netbanking_bank  varchar(100),
    billing_details  varchar(4000) not null default '{}',
    metadata         varchar(40000) not null default '{}',
    created          bigint       not null
);
create index payment_methods_by_merchant on payment_methods (merchant_id, livemode, id);
create index payment_methods_by_customer on payment_methods (merchant_id, livemode, customer_id, id);

create table payment_intents (
    id                          varchar(40)  primary key,
    merchant_id                 varchar(40)  not null,
    livemode                    boolean      not null,
    amount                      bigint       not null,
    currency                    varchar(3)   not null,
    status                      varchar(32)  not null,
    capture_method              varchar(20)  not null,
    confirmation_method         varchar(20)  not null,
    customer_id                 varchar(40),
    payment_method_id           varchar(40),
    payment_method_types        varchar(500) not null,
    description                 varchar(1000),
    receipt_email               varchar(512),
    statement_descriptor        varchar(22),
    statement_descriptor_suffix varchar(22),
    setup_future_usage          varchar(20),
    shipping                    varchar(4000),
    client_secret               varchar(100) not null,
    amount_capturable           bigint       not null default 0,
    amount_received             bigint       not null default 0,
    canceled_at                 bigint,
    cancellation_reason         varchar(40),
    last_payment_error          varchar(4000),
    next_action                 varchar(4000),
    latest_charge_id            varchar(40),
    pending_operation_id        varchar(40),
    connector                   varchar(40),
    connector_account_id        varchar(40),
    return_url                  varchar(2000),
    metadata                    varchar(40000) not null default '{}',
    version                     integer      not null default 0,
    created                     bigint       not null
);
create index payment_intents_by_merchant on payment_intents (merchant_id, livemode, id);
create index payment_intents_by_customer on payment_intents (merchant_id, livemode, customer_id, id);
create index payment_intents_by_status on payment_intents (merchant_id, livemode, status, id);

-- One charge per confirmation attempt, written before the processor is called. Its id is the
-- idempotency key the processor sees.
create table charges (
    id                     varchar(40)  primary key,
    merchant_id            varchar(40)  not null,
    livemode               boolean      not null,
    payment_intent_id      varchar(40)  not null,
    attempt_number         integer      not null,
    customer_id            varchar(40),
    payment_method_id      varchar(40)  not null,
    amount                 bigint       not null,
    amount_captured        bigint       not null default 0,
    amount_refunded        bigint       not null default 0,
    currency               varchar(3)   not null,
    capture                boolean      not null,
    status                 varchar(20)  not null,
    processor_state        varchar(30)  not null,
    failure_code           varchar(60),
    failure_message        varchar(500),
    decline_code           varchar(60),
    payment_method_details varchar(4000) not null default '{}',
    connector              varchar(40)  not null,
    connector_account_id   varchar(40)  not null,
    processor_reference    varchar(100),
    redirect_url           varchar(2000),
    description            varchar(1000),
    metadata               varchar(40000) not null default '{}',
    created                bigint       not null,
    updated_ms             bigint       not null,
    next_check_ms          bigint,
    check_count            integer      not null default 0,
    lease_until_ms         bigint,
    unique (payment_intent_id, attempt_number)
);
create index charges_by_merchant on charges (merchant_id, livemode, id);
create index charges_by_intent on charges (payment_intent_id, id);
create index charges_to_check on charges (next_check_ms);

-- Captures and cancellations sent to processors, written before the call, resolved by the
-- reconciler when the answer was lost.
create table processor_operations (
    id                   varchar(40)  primary key,
    merchant_id          varchar(40)  not null,
    livemode             boolean      not null,
    payment_intent_id    varchar(40)  not null,
    charge_id            varchar(40)  not null,
    operation            varchar(20)  not null,
    amount               bigint,
    status               varchar(20)  not null,
    error_code           varchar(60),
    error_message        varchar(500),
    created_ms           bigint       not null,
    updated_ms           bigint       not null,
    next_check_ms        bigint,
    check_count          integer      not null default 0,
    lease_until_ms       bigint
);
create index processor_operations_by_charge on processor_operations (charge_id, id);
create index processor_operations_to_check on processor_operations (next_check_ms);

-- The simulator processor's own records. Paygate's payment code never reads these: it asks the
-- simulator over HTTP, like any processor.
create table sim_payments (
    id                varchar(40)  primary key,
    account_id        varchar(40)  not null,
    idem_key          varchar(100) not null,
    reference         varchar(100),
    amount            bigint       not null,
    currency          varchar(3)   not null,
    capture           boolean      not null,
    instrument_type   varchar(20)  not null,
    instrument_label  varchar(100),
    status            varchar(20)  not null,
    planned_status    varchar(20)  not null,
    amount_authorized bigint       not null default 0,
    amount_captured   bigint       not null default 0,
    decline_code      varchar(60),
    decline_reason    varchar(60),
    decline_message   varchar(500),
    action_kind       varchar(20),
    action_succeeds   boolean,
    return_url        varchar(2000),
    resolve_at_ms     bigint,
    created_ms        bigint       not null,
    updated_ms        bigint       not null,
    unique (account_id, idem_key)
);
create index sim_payments_to_resolve on sim_payments (resolve_at_ms);
create index sim_payments_by_reference on sim_payments (reference);

create table sim_operations (
    account_id  varchar(40)  not null,
    idem_key    varchar(100) not null,
    payment_id  varchar(40),
    operation   varchar(20)  not null,
    amount      bigint,
    created_ms  bigint       not null,
    primary key (account_id, idem_key)
);
