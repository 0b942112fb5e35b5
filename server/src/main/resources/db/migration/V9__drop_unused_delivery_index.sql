-- No query reads webhook deliveries by event: they are listed by endpoint and claimed by due time.
-- The index cost every delivery an entry on insert and on each change of state.
drop index webhook_deliveries_by_event;
