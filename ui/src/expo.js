// Expo: every order still being cooked with each station's progress; mark ready once every station is done;
// rush an order.

import './alarm.js';
import {
  CHANNELS, Chime, NewArrivals, command, el, elapsed, embedded, fireOrder, guestLabel, may, replaceKeepingFocus, startScreen,
  urgency,
} from './screen.js';

const config = embedded('screen-config');
// rushing changes the order (a manager's or the POS's right); marking ready is expo's
const canRush = may(config, 'update');
const canReady = may(config, 'ready');
const stationNames = new Map(config.stations.map((s) => [s.id, s.name]));
const ordersNode = document.getElementById('orders');
const chime = new Chime(document.getElementById('enable-sound'), document.getElementById('sound-off'));
const timers = [];
let arrivals = null;
let client = null;

client = startScreen({ render, tick }).client;

function render(state) {
  const orders = fireOrder(state.orders.values());
  if (arrivals === null) {
    arrivals = new NewArrivals(orders.map((o) => o.id));
  }
  if (arrivals.take(orders.map((o) => o.id)).length > 0) {
    chime.play();
  }
  timers.length = 0;
  replaceKeepingFocus(ordersNode, orders.map(card), 'Nothing in the kitchen');
  tick();
}

function card(order) {
  const progress = order.stations || [];
  const allDone = progress.length > 0 && progress.every((p) => p.done === p.total);
  const rush = order.priority === 'RUSH';
  const timer = el('span', { class: 'timer' });
  timers.push({ timer, placedAt: Date.parse(order.placedAt) });
  return el('article', {
    class: `ticket${rush ? ' rush' : ''}`,
    'aria-label': `Order ${order.number}`,
    dataset: { orderId: order.id, number: String(order.number) },
  },
  el('div', { class: 'ticket-header' },
    el('span', { class: 'number' }, `#${order.number}`),
    el('span', { class: `channel channel-${order.channel.toLowerCase()}` }, CHANNELS[order.channel] || order.channel),
    timer,
    el('span', { class: 'guest' }, guestLabel(order)),
    rush ? el('span', { class: 'rush-flag' }, 'RUSH') : null),
  el('div', { class: 'progress', 'aria-label': 'Stations' }, progress.map((p) => el('span', {
    class: `station-chip${p.done === p.total ? ' done' : ''}`,
    dataset: { station: p.station },
    'aria-label': `${stationNames.get(p.station) || p.station}: ${p.done} of ${p.total} done`,
  }, `${stationNames.get(p.station) || p.station} ${p.done}/${p.total}${p.done === p.total ? ' ✓' : ''}`))),
  el('ul', { class: 'expo-items' }, order.items.filter((i) => i.status !== 'VOIDED').map((item) => el('li', {},
    el('span', { class: item.status === 'DONE' ? 'done' : '' }, `${item.qty} × ${item.name}`),
    ' ',
    el('span', { class: 'station-name' }, stationNames.get(item.station) || item.station)))),
  el('div', { class: 'actions' },
    canRush ? el('button', {
      type: 'button',
      class: `control${rush ? ' rush-on' : ''}`,
      'aria-pressed': rush ? 'true' : 'false',
      dataset: { focus: `rush-${order.id}` },
      onclick: () => command(config, order.id, '', { method: 'PATCH', body: { priority: rush ? 'NORMAL' : 'RUSH' } }),
    }, 'Rush') : null,
    canReady ? el('button', {
      type: 'button',
      class: 'control ready',
      disabled: !allDone,
      'aria-label': `Mark order ${order.number} ready`,
      dataset: { focus: `ready-${order.id}` },
      onclick: () => command(config, order.id, 'ready'),
    }, 'Ready') : null));
}

function tick() {
  const now = client ? client.now() : Date.now();
  for (const { timer, placedAt } of timers) {
    timer.textContent = elapsed(now - placedAt);
    timer.dataset.urgency = urgency(now - placedAt, config);
  }
}
