-- Issue 12, finding 3: waiting pairings are counted per client address (an IPv6 client by its /64), so one
-- address cannot fill the table and lock every other screen out of pairing.
alter table device add column pairing_address varchar(64);
create index device_pending_address_idx on device (pairing_address) where status = 'PENDING';
