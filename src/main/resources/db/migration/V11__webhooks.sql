-- Webhooks out (issue 16): a receiver per row, delivered from the log in seq order. The cursor, the backoff and
-- the pause live here, not in memory, so a restart or a new delivering instance goes on where the last one stopped.
create table webhook_endpoint (
    id               uuid          primary key,
    location_id      varchar(40)   not null references location (id) on delete cascade,
    url              varchar(2000) not null,
    event_types      text[]        not null,
    -- the HMAC key deliveries are signed with; the server must read it to sign (docs/security.md)
    secret           varchar(100)  not null,
    created_by       varchar(80)   not null,
    created_at       timestamptz   not null,
    -- the last seq delivered (or skipped as unwanted) in cursor_epoch; a new endpoint starts at the log's head
    cursor_epoch     uuid          not null,
    delivered_seq    bigint        not null,
    state            varchar(8)    not null check (state in ('ACTIVE', 'PAUSED')),
    paused_reason    varchar(500),
    paused_at        timestamptz,
    last_attempt_at  timestamptz,
    last_success_at  timestamptz,
    last_status      integer,
    last_error       varchar(500),
    failing_since    timestamptz,
    failed_attempts  integer       not null default 0,
    next_attempt_at  timestamptz
);

create index webhook_endpoint_location on webhook_endpoint (location_id);
