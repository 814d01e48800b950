// What front of house and the pickup board show, and in which order: plain functions of the screen's orders and
// the server's time, tested in ui/test/pickup.test.js.

/** Ready orders first, the one ready longest on top; then the others, oldest first. */
export function byWaiting(a, b) {
  const readyA = a.status === 'READY';
  const readyB = b.status === 'READY';
  if (readyA !== readyB) {
    return readyA ? -1 : 1;
  }
  const since = (o) => Date.parse(readyA ? o.readyAt || o.placedAt : o.placedAt);
  return since(a) - since(b) || a.number - b.number;
}

/** The lowest course that still has held items, and how many: what Fire sends next. Null when nothing is held. */
export function nextHeldCourse(order) {
  const held = order.items.filter((i) => i.status === 'HELD');
  if (held.length === 0) {
    return null;
  }
  const course = Math.min(...held.map((i) => i.course));
  return { course, items: held.filter((i) => i.course === course).length };
}

/**
 * The board's two lists. Only channels whose guests wait at a counter; ready numbers newest first (the one a
 * guest just heard about is never the one pushed off), and gone once ready longer than `readyForMs`, measured
 * against the server's clock (`now`). Preparing numbers in the order they were placed.
 */
export function boardLists(orders, { channels, readyForMs, now }) {
  const counter = [...orders].filter((o) => channels.includes(o.channel));
  const readyTime = (o) => Date.parse(o.readyAt || o.placedAt);
  const ready = counter.filter((o) => o.status === 'READY' && now - readyTime(o) < readyForMs)
    .sort((a, b) => readyTime(b) - readyTime(a) || b.number - a.number);
  const preparing = counter.filter((o) => o.status !== 'READY')
    .sort((a, b) => Date.parse(a.placedAt) - Date.parse(b.placedAt) || a.number - b.number);
  return { preparing, ready };
}
