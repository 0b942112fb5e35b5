-- Indexes for API reads that had none to walk, found by QueryPlansIT (each read's SQL, captured and
-- explained) and the benchmark's scale scenario. Portable as V1: plain indexes on plain columns.

-- GET /v1/balance reads the owner's accounts by owner_id; the unique key starts with owner_type.
create index ledger_accounts_by_owner on ledger_accounts (owner_id, livemode);

-- GET /v1/refunds?payment_intent= and GET /v1/disputes?payment_intent=, newest first.
create index refunds_by_intent on refunds (payment_intent_id, id);
create index disputes_by_intent on disputes (payment_intent_id, id);

-- GET /v1/charges?customer=, newest first (payment intents have the same index).
create index charges_by_customer on charges (merchant_id, livemode, customer_id, id);

-- Customer search by email ignores case. lower(email) in the query could use no (portable) index,
-- so the lower-cased email is kept beside it, written with it, and indexed.
alter table customers add column email_lower varchar(512);
update customers set email_lower = lower(email) where email is not null;
create index customers_by_email_lower on customers (merchant_id, livemode, email_lower, id);
