-- Issue 18: a command keeps its location's rules (stations, routes, settings) in memory and checks them against this
-- version, which the stream lock statement it already runs returns. A change to the location bumps it under the
-- same row lock, so no command on any instance uses rules older than the ones committed before it took the lock.
alter table location_stream add column config_version bigint not null default 0;
