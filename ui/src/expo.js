// Expo: every order still being cooked, in fire order, with each station's progress and every line as the plate
// must leave (modifiers, allergens, notes, voids, held courses, done marks); mark ready once every station is
// done; rush an order. Paged like the kitchen, with the same bump-bar keys to select and turn pages.

import './alarm.js';
import {
  RememberedChime, NewArrivals, command, el, elapsed, embedded, fireOrder, firedAt, headerLines, itemDetails, itemHead,
  may, promisedTag, startScreen, urgency,
} from './screen.js';
import { TicketColumns, bumpBar } from './ticket-columns.js';
import {
  NoticeWatch, acknowledge, goneClasses, heldCourses, heldRow, listedItems, noticeRows,
} from './notices.js';
import { RecentlyReady } from './recent-ready.js';

const config = embedded('screen-config');
// rushing changes the order (a manager's or the POS's right); marking ready is expo's
const canRush = may(config, 'update');
const canReady = may(config, 'ready');
const canFire = may(config, 'fire-course');
const stationNames = new Map(config.stations.map((s) => [s.id, s.name]));
const ordersNode = document.getElementById('orders');
const chime = new RememberedChime(document.getElementById('enable-sound'), document.getElementById('sound-off'));
const timers = new Map();
let arrivals = null;
let client = null;
const notices = new NoticeWatch();
const rail = new TicketColumns({
  container: ordersNode,
  build: card,
  maxPerPage: config.ticketsPerPage,
  minColumnRem: 16,
  onDraw: drawn,
  emptyText: 'Nothing in the kitchen',
});

const recent = new RecentlyReady({
  config, container: document.getElementById('recent-ready'), stationName, onResize: () => rail.draw(),
});
client = startScreen({ render, tick }).client;

// expo's bump bar selects, turns pages, acknowledges the selected ticket's notices, marks it ready (the bump key)
// and takes the newest ready order back (the recall key)
bumpBar(config.keys, rail, [
  { keys: config.keys.ack, run: (order) => order && ackTicket(order) },
  { keys: config.keys.bump, run: (order) => order && canReady && readyByKey(order) },
  { keys: config.keys.recall, run: () => recent.recallNewest(now()) },
]);
window.addEventListener('resize', () => rail.draw());

function render(state) {
  // ready orders leave the grid for the recently-ready strip (unless expo still has a notice to acknowledge)
  const all = [...state.orders.values()];
  const orders = fireOrder(all.filter((o) => o.status !== 'READY' || (o.notices || []).length > 0));
  if (arrivals === null) {
    arrivals = new NewArrivals(orders.map((o) => o.id));
  }
  const fresh = arrivals.take(orders.map((o) => o.id)).length > 0;
  if (notices.take(all) > 0) {
    chime.playChange();
  } else if (fresh) {
    chime.play();
  }
  // the strip first: it takes its height from the grid, which the columns then measure
  recent.show(all.filter((o) => o.status === 'READY'), now());
  timers.clear();
  rail.show(orders);
}

function now() {
  return client ? client.now() : Date.now();
}

function ackTicket(order) {
  return (order.notices || []).length > 0 ? acknowledge(config, order, 'expo') : null;
}

/** The bump key on expo: Ready once every station is done; a notice on the ticket is acknowledged first. */
function readyByKey(order) {
  if ((order.notices || []).length > 0) {
    return ackTicket(order);
  }
  return isAllDone(order) ? command(config, order.id, 'ready', { ticket: order.number, quietConflict: true }) : null;
}

function isAllDone(order) {
  const progress = order.stations || [];
  return progress.length > 0 && progress.every((p) => p.done === p.total);
}

/** Ready, or why not: at an automatic-ready location the last bump makes the order ready by itself. */
function readyButton(order, allDone) {
  const auto = !config.expoConfirmation && !allDone;
  return el('button', {
    type: 'button',
    class: 'control ready',
    disabled: !allDone,
    'aria-label': auto ? `Auto: order ${order.number} turns ready by itself when every station has bumped`
      : `Mark order ${order.number} ready`,
    dataset: { focus: `ready-${order.id}` },
    onclick: () => command(config, order.id, 'ready', { ticket: order.number, quietConflict: true }),
  }, auto ? 'Auto' : 'Ready');
}

/** Fire for the next held course, for an expo screen with the fire-course right. */
function fireButton(order) {
  const next = heldCourses(order.items)[0];
  return next && canFire && order.status !== 'CANCELLED' ? el('button', {
    type: 'button',
    class: 'control fire',
    dataset: { focus: `fire-${order.id}` },
    onclick: () => command(config, order.id, `courses/${next.course}/fire`, { ticket: order.number, quietConflict: true }),
  }, `Fire course ${next.course}`) : null;
}

function drawn() {
  const onPage = new Set(rail.pageOrders().map((o) => o.id));
  [...timers.keys()].filter((id) => !onPage.has(id)).forEach((id) => timers.delete(id));
  tick();
}

function stationName(id) {
  return stationNames.get(id) || id;
}

function card(order, index) {
  const progress = order.stations || [];
  const allDone = isAllDone(order);
  const rush = order.priority === 'RUSH';
  const timer = el('span', { class: 'timer' });
  timers.set(order.id, { timer, since: firedAt(order) });
  const live = order.status !== 'CANCELLED';
  return el('article', {
    class: ['ticket', ...goneClasses(order), rush ? 'rush' : null].filter(Boolean).join(' '),
    'aria-label': `Order ${order.number}${rush ? ', rush' : ''}`,
    dataset: { orderId: order.id, number: String(order.number) },
  },
  el('div', { class: 'ticket-header' },
    headerLines(order, index, timer),
    order.promisedAt ? el('span', { class: 'line' }, promisedTag(order, config, client ? client.now() : Date.now()))
      : null),
  el('ul', { class: 'rows expo-items' },
    noticeRows(order, () => ackTicket(order)),
    el('li', { class: 'row progress', 'aria-label': 'Stations' }, progress.map((p) => el('span', {
      class: `station-chip${p.done === p.total ? ' done' : ''}`,
      dataset: { station: p.station },
      'aria-label': `${stationName(p.station)}: ${p.done} of ${p.total} done`,
    }, `${stationName(p.station)} ${p.done}/${p.total}${p.done === p.total ? ' ✓' : ''}`))),
    listedItems(order.items).map((item) => el('li', { class: `row item status-${item.status.toLowerCase()}`, dataset: { itemId: item.id } },
      itemHead(item, el('span', { class: 'station-name' }, stationName(item.station))),
      itemDetails(item))),
    heldRow(order.items),
    order.notes ? el('li', { class: 'row order-notes' }, order.notes) : null,
    live && (canRush || canReady || canFire) ? el('li', { class: 'row actions' },
      fireButton(order),
      canRush ? el('button', {
        type: 'button',
        class: `control${rush ? ' rush-on' : ''}`,
        'aria-pressed': rush ? 'true' : 'false',
        dataset: { focus: `rush-${order.id}` },
        onclick: () => command(config, order.id, '', {
          method: 'PATCH', body: { priority: rush ? 'NORMAL' : 'RUSH' }, ticket: order.number,
        }),
      }, 'Rush') : null,
      canReady ? readyButton(order, allDone) : null) : null));
}

function tick() {
  const at = now();
  for (const { timer, since } of timers.values()) {
    const text = elapsed(at - since);
    if (timer.textContent !== text) {
      timer.textContent = text;
    }
    timer.dataset.urgency = urgency(at - since, config);
  }
  recent.tick(at);
}
