-- Who may do what (issue 7). Tokens are stored as SHA-256 of a 256-bit random secret: a stolen backup holds no
-- usable credential, and a lookup by hash needs no constant-time compare. Passwords are bcrypt.

create table manager (
    id            uuid         primary key,
    username      varchar(80)  not null unique,
    password_hash varchar(100) not null,
    -- null: every location (the owner); otherwise the locations this manager runs
    locations     text[],
    created_at    timestamptz  not null
);

create table manager_session (
    id          uuid        primary key,
    token_hash  bytea       not null unique,
    manager_id  uuid        not null references manager (id) on delete cascade,
    -- sent back by pages in X-CSRF-Token or a form field; a cookie alone never changes anything
    csrf_token  varchar(64) not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);

create index manager_session_expiry_idx on manager_session (expires_at);

-- A POS integration's key: order entry at one location.
create table api_key (
    id          uuid        primary key,
    location_id varchar(40) not null references location (id) on delete cascade,
    name        varchar(80) not null,
    token_hash  bytea       not null unique,
    created_by  varchar(80) not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

-- A screen. PENDING: it shows pairing_code and waits; APPROVED: a manager gave it a location, views and actions;
-- ACTIVE: it collected its token (once, with the claim secret only it knows); REVOKED: refused from then on.
create table device (
    id                 uuid        primary key,
    status             varchar(10) not null check (status in ('PENDING', 'APPROVED', 'ACTIVE', 'REVOKED')),
    pairing_code       varchar(12) not null,
    claim_hash         bytea       not null,
    pairing_expires_at timestamptz not null,
    location_id        varchar(40) references location (id) on delete cascade,
    name               varchar(80),
    views              text[]      not null,
    actions            text[]      not null,
    token_hash         bytea       unique,
    token_expires_at   timestamptz,
    csrf_token         varchar(64),
    created_at         timestamptz not null,
    approved_by        varchar(80),
    approved_at        timestamptz,
    revoked_at         timestamptz
);

-- a code names one waiting screen; once approved, the same code can be shown again by another screen later
create unique index device_pending_code_idx on device (pairing_code) where status = 'PENDING';
create index device_location_idx on device (location_id);


-- Actors are "key:<id>", "device:<id>" or "manager:<username>" (up to 88 characters).
alter table order_event alter column actor type varchar(120);
