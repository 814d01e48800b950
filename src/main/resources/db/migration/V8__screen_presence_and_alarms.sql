-- Screen presence and the missed-ticket alarm (issue 13).

-- One row per feed connection, written in batches by the instance that holds it (one statement a second for the
-- rows that changed) and by whichever instance took a REST acknowledgement for it. Rows stay after the screen
-- closes, so the access page can say when it was last seen; a sweep deletes them a day later.
create table screen_presence (
    id            uuid         primary key,
    location_id   varchar(40)  not null references location (id) on delete cascade,
    -- the credential it was opened with: a REST acknowledgement must come with the same one
    owner         uuid         not null,
    -- null until the holding instance wrote its first batch (an acknowledgement from elsewhere may come first)
    instance      varchar(64),
    view_tag      varchar(60),
    station       varchar(40),
    transport     varchar(10),
    connected_at  timestamptz,
    closed_at     timestamptz,
    -- the oldest message sent to it that it has not acknowledged yet, as the holder knows it
    pending_seq   bigint,
    pending_since timestamptz,
    ack_seq       bigint       not null default -1,
    ack_at        timestamptz,
    page          varchar(200)
);

create index screen_presence_location_idx on screen_presence (location_id);

-- Each instance says it is alive with every batch; a screen whose instance stopped saying so is offline.
create table presence_instance (
    id      varchar(64) primary key,
    seen_at timestamptz not null
);

-- The alarm each station has raised and not yet cleared. Changed only under the location's stream lock, together
-- with the STATION_ALARM_RAISED / _CLEARED event, so two evaluators cannot raise one alarm twice.
create table station_alarm (
    location_id varchar(40)  not null references location (id) on delete cascade,
    station_id  varchar(40)  not null,
    kind        varchar(16)  not null check (kind in ('STATION', 'PRINTER')),
    raised_at   timestamptz  not null,
    raised_seq  bigint       not null,
    detail      jsonb        not null,
    primary key (location_id, station_id, kind)
);

-- Location settings: when a station counts as blind, and its fallback printer.
alter table location add column alarm_unseen_seconds integer;
alter table location add column alarm_no_screen_seconds integer;
alter table station add column printer varchar(120);
alter table station add column always_print boolean not null default false;

-- Alarm and print events are log entries of a location, not of one order.
alter table order_event alter column order_id drop not null;

-- What the printer fallback printed: the TICKET_PRINTED event in the log is the record, this is its unique index,
-- written in the same transaction, so a change is printed at most once per station once the print is recorded.
create table ticket_print (
    location_id varchar(40) not null references location (id) on delete cascade,
    station_id  varchar(40) not null,
    seq         bigint      not null,
    printed_seq bigint      not null,
    primary key (location_id, station_id, seq)
);
