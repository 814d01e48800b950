-- Issue 12, finding 5: an Idempotency-Key belongs to the caller that sent it. Another caller's use of the same key
-- is neither replayed to it nor revealed (it runs as a new command, through every permission check).
alter table idempotency_record add column caller varchar(120) not null default '';
alter table idempotency_record drop constraint idempotency_record_pkey;
alter table idempotency_record add primary key (location_id, caller, key);
alter table idempotency_record alter column caller drop default;
