// Expo: every order still being cooked, in fire order, with each station's progress and every line as the plate
// must leave (modifiers, allergens, notes, voids, held courses, done marks); mark ready once every station is
// done; rush an order. Paged like the kitchen, with the same bump-bar keys to select and turn pages.

import {
  RememberedChime, NewArrivals, command, el, elapsed, embedded, fireOrder, firedAt, headerLines, itemDetails, itemHead,
  may, promisedTag, startScreen, urgency,
} from './screen.js';
import { TicketColumns, bumpBar } from './ticket-columns.js';

const config = embedded('screen-config');
// rushing changes the order (a manager's or the POS's right); marking ready is expo's
const canRush = may(config, 'update');
const canReady = may(config, 'ready');
const stationNames = new Map(config.stations.map((s) => [s.id, s.name]));
const ordersNode = document.getElementById('orders');
const chime = new RememberedChime(document.getElementById('enable-sound'), document.getElementById('sound-off'));
const timers = new Map();
let arrivals = null;
let client = null;
const rail = new TicketColumns({
  container: ordersNode,
  build: card,
  maxPerPage: config.ticketsPerPage,
  minColumnRem: 16,
  onDraw: drawn,
  emptyText: 'Nothing in the kitchen',
});

client = startScreen({ render, tick }).client;

// expo's bump bar selects and turns pages; its own actions (ready, recall) come with the recently-ready work
bumpBar(config.keys, rail);
window.addEventListener('resize', () => rail.draw());

function render(state) {
  const orders = fireOrder(state.orders.values());
  if (arrivals === null) {
    arrivals = new NewArrivals(orders.map((o) => o.id));
  }
  if (arrivals.take(orders.map((o) => o.id)).length > 0) {
    chime.play();
  }
  timers.clear();
  rail.show(orders);
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
  const allDone = progress.length > 0 && progress.every((p) => p.done === p.total);
  const rush = order.priority === 'RUSH';
  const timer = el('span', { class: 'timer' });
  timers.set(order.id, { timer, since: firedAt(order) });
  return el('article', {
    class: `ticket${rush ? ' rush' : ''}`,
    'aria-label': `Order ${order.number}${rush ? ', rush' : ''}`,
    dataset: { orderId: order.id, number: String(order.number) },
  },
  el('div', { class: 'ticket-header' },
    headerLines(order, index, timer),
    order.promisedAt ? el('span', { class: 'line' }, promisedTag(order, config, client ? client.now() : Date.now()))
      : null),
  el('ul', { class: 'rows expo-items' },
    el('li', { class: 'row progress', 'aria-label': 'Stations' }, progress.map((p) => el('span', {
      class: `station-chip${p.done === p.total ? ' done' : ''}`,
      dataset: { station: p.station },
      'aria-label': `${stationName(p.station)}: ${p.done} of ${p.total} done`,
    }, `${stationName(p.station)} ${p.done}/${p.total}${p.done === p.total ? ' ✓' : ''}`))),
    order.items.map((item) => el('li', { class: `row item status-${item.status.toLowerCase()}`, dataset: { itemId: item.id } },
      itemHead(item, el('span', { class: 'station-name' }, stationName(item.station))),
      itemDetails(item))),
    order.notes ? el('li', { class: 'row order-notes' }, order.notes) : null,
    canRush || canReady ? el('li', { class: 'row actions' },
      canRush ? el('button', {
        type: 'button',
        class: `control${rush ? ' rush-on' : ''}`,
        'aria-pressed': rush ? 'true' : 'false',
        dataset: { focus: `rush-${order.id}` },
        onclick: () => command(config, order.id, '', {
          method: 'PATCH', body: { priority: rush ? 'NORMAL' : 'RUSH' }, ticket: order.number,
        }),
      }, 'Rush') : null,
      canReady ? el('button', {
        type: 'button',
        class: 'control ready',
        disabled: !allDone,
        'aria-label': `Mark order ${order.number} ready`,
        dataset: { focus: `ready-${order.id}` },
        onclick: () => command(config, order.id, 'ready', { ticket: order.number, quietConflict: true }),
      }, 'Ready') : null) : null));
}

function tick() {
  const now = client ? client.now() : Date.now();
  for (const { timer, since } of timers.values()) {
    const text = elapsed(now - since);
    if (timer.textContent !== text) {
      timer.textContent = text;
    }
    timer.dataset.urgency = urgency(now - since, config);
  }
}
