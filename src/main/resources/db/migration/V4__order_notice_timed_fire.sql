-- Notices (issue 11): what changed on a ticket after a screen first showed it, one row per screen that must see
-- it. A row lives until that screen acknowledges it (the NOTICES_ACKNOWLEDGED event records who); the order's
-- events carry the live rows, so every screen, and every reload, shows the same banners.
create table order_notice (
    id             uuid         primary key,
    order_id       uuid         not null references kitchen_order (id) on delete cascade,
    -- the screen that must acknowledge it: station:<id> or expo
    view           varchar(48)  not null,
    position       integer      not null,
    kind           varchar(16)  not null,
    item_id        uuid,
    item_name      varchar(120),
    qty            integer,
    previous_qty   integer,
    -- a void's or a cancel's reason, or an item's new note
    text           varchar(500),
    course         integer,
    created_at     timestamptz  not null
);

create index order_notice_order_idx on order_notice (order_id, position);

-- Timed fire: course N+1 goes to the kitchen this many minutes after course N was bumped; null: only by hand.
alter table location add column course_fire_delay_minutes integer;
