-- The object an idempotent request created, written in the same transaction that created it: a
-- retry of a request whose first execution died answers that object instead of running again.
alter table idempotency_keys add column recovery_object varchar(64);
