-- When an item was sent to the kitchen: at placement for the first course, when its course was fired for the
-- others. Ticket timers count from it, so a dessert fired 40 minutes in starts at 0:00, not red.
alter table order_item add column fired_at timestamptz;

-- Orders placed before this column existed: the best known time is placement (held items stay null).
update order_item i set fired_at = o.placed_at
  from kitchen_order o
 where i.order_id = o.id and i.status <> 'HELD';
