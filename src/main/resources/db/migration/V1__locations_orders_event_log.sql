-- Locations: the tenant. Stations and routing rules belong to exactly one location.
create table location (
    id                    varchar(40)  primary key,
    name                  varchar(120) not null,
    time_zone             varchar(64)  not null,
    warn_after_seconds    integer      not null,
    late_after_seconds    integer      not null,
    default_station       varchar(40)  not null,
    expo_confirmation     boolean      not null default false,
    recall_window_seconds integer      not null,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null
);

create table station (
    location_id varchar(40)  not null references location (id) on delete cascade,
    id          varchar(40)  not null,
    name        varchar(80)  not null,
    kind        varchar(8)   not null check (kind in ('PREP', 'EXPO')),
    position    integer      not null,
    -- keyed by position: replacing a location's stations rewrites them in place; ids are checked unique on input
    primary key (location_id, position)
);

create table route (
    location_id varchar(40) not null references location (id) on delete cascade,
    category    varchar(80) not null,
    station_id  varchar(40) not null,
    primary key (location_id, category)
);

-- The head of each location's event log. Writers lock this row for the whole command, which serialises the
-- writers of one location: seq order is commit order and there are no holes.
create table location_stream (
    location_id      varchar(40) primary key references location (id) on delete cascade,
    epoch            uuid        not null,
    last_seq         bigint      not null,
    -- the oldest seq that may still be read; a reader at seq >= min_retained_seq - 1 can catch up
    min_retained_seq bigint      not null
);

create table order_number_counter (
    location_id  varchar(40) not null references location (id) on delete cascade,
    business_day date        not null,
    last_number  integer     not null,
    primary key (location_id, business_day)
);

create table kitchen_order (
    id             uuid         primary key,
    location_id    varchar(40)  not null references location (id) on delete cascade,
    external_id    varchar(80)  not null,
    number         integer      not null,
    business_day   date         not null,
    channel        varchar(16)  not null,
    table_label    varchar(40),
    customer_name  varchar(120),
    server_name    varchar(120),
    guests         integer,
    priority       varchar(8)   not null,
    status         varchar(16)  not null,
    notes          varchar(1000),
    -- hash of the placement request, so a retried placement can be told from a conflicting one
    content_hash   varchar(64)  not null,
    promised_at    timestamptz,
    placed_at      timestamptz  not null,
    ready_at       timestamptz,
    completed_at   timestamptz,
    cancelled_at   timestamptz,
    cancel_reason  varchar(500),
    updated_at     timestamptz  not null,
    version        bigint       not null,
    unique (location_id, external_id)
);

create index kitchen_order_open_idx on kitchen_order (location_id, placed_at)
    where status in ('NEW', 'IN_PROGRESS', 'READY');
create index kitchen_order_completed_idx on kitchen_order (location_id, completed_at);

create table order_item (
    id               uuid          primary key,
    order_id         uuid          not null references kitchen_order (id) on delete cascade,
    position         integer       not null,
    name             varchar(120)  not null,
    qty              integer       not null,
    category         varchar(80),
    station_id       varchar(40)   not null,
    status           varchar(16)   not null,
    modifiers        text[]        not null,
    allergens        text[]        not null,
    notes            varchar(500),
    course           integer       not null,
    -- set when the item was added or voided after the ticket was first shown; cleared once a cook touches it
    changed          boolean       not null,
    void_reason      varchar(500),
    started_at       timestamptz,
    done_at          timestamptz,
    voided_at        timestamptz
);

create index order_item_order_idx on order_item (order_id, position);

-- The per-location, gap-free event log. state is the order's full view after the change.
create table order_event (
    location_id   varchar(40)  not null references location_stream (location_id) on delete cascade,
    seq           bigint       not null,
    order_id      uuid         not null,
    order_version bigint       not null,
    type          varchar(32)  not null,
    actor         varchar(80)  not null,
    occurred_at   timestamptz  not null,
    state         jsonb        not null,
    primary key (location_id, seq)
);

create index order_event_retention_idx on order_event (occurred_at);

-- Idempotency-Key replay: the first response of a command, kept so that a retry has no second effect.
create table idempotency_record (
    location_id  varchar(40)  not null references location (id) on delete cascade,
    key          varchar(200) not null,
    fingerprint  varchar(64)  not null,
    status       integer      not null,
    body         jsonb        not null,
    created_at   timestamptz  not null,
    primary key (location_id, key)
);

create index idempotency_record_created_idx on idempotency_record (created_at);
