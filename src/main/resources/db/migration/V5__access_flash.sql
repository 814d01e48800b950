-- A POS key's token, shown once after the form that created it redirected (Post/Redirect/Get). Sealed with a key
-- that only the redirect's address carries: this row alone reveals nothing, and it is deleted when it is shown,
-- or two minutes after it was made. Bound to the manager session that created it.
create table access_flash (
    id          uuid        primary key,
    session_id  uuid        not null,
    sealed      bytea       not null,
    expires_at  timestamptz not null
);

create index access_flash_expiry_idx on access_flash (expires_at);
