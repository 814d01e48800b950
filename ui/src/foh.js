// Front of house: open orders by table or guest with their status, a ready alert (chime and highlight), mark
// served or picked up, filter by server.

import {
  CHANNELS, Chime, command, el, elapsed, embedded, guestLabel, may, replaceKeepingFocus, startScreen,
} from './screen.js';

const READY_FLASH_MS = 5000;
const config = embedded('screen-config');
const canComplete = may(config, 'complete');
const ordersNode = document.getElementById('orders');
const filter = document.getElementById('server-filter');
const chime = new Chime(document.getElementById('enable-sound'), document.getElementById('sound-off'));
const readySince = new Map();
let knownReady = null;
let latest = null;
let client = null;

filter.addEventListener('change', () => latest && render(latest));
client = startScreen({ render, tick: () => latest && tickTimers() }).client;

function render(state) {
  latest = state;
  const orders = [...state.orders.values()];
  const ready = orders.filter((o) => o.status === 'READY').map((o) => o.id);
  if (knownReady === null) {
    knownReady = new Set(ready);
  }
  const fresh = ready.filter((id) => !knownReady.has(id));
  fresh.forEach((id) => readySince.set(id, Date.now() + READY_FLASH_MS));
  knownReady = new Set(ready);
  if (fresh.length > 0) {
    chime.play();
  }
  servers(orders);
  const shown = orders
    .filter((o) => !filter.value || o.serverName === filter.value)
    .sort((a, b) => (a.status === 'READY' ? 0 : 1) - (b.status === 'READY' ? 0 : 1)
      || label(a).localeCompare(label(b), undefined, { numeric: true }));
  replaceKeepingFocus(ordersNode, shown.map(card), 'No open orders');
  tickTimers();
}

function label(order) {
  return guestLabel(order) || `#${order.number}`;
}

function servers(orders) {
  const names = [...new Set(orders.map((o) => o.serverName).filter(Boolean))].sort();
  const current = filter.value;
  const options = [el('option', { value: '' }, 'All servers'), ...names.map((n) => el('option', { value: n }, n))];
  if (current && !names.includes(current)) {
    options.push(el('option', { value: current }, current));
  }
  filter.replaceChildren(...options);
  filter.value = current;
}

function card(order) {
  const isReady = order.status === 'READY';
  const flashing = (readySince.get(order.id) || 0) > Date.now();
  const pickup = order.channel !== 'DINE_IN';
  return el('article', {
    class: `foh-order${isReady ? ' is-ready' : ''}${flashing ? ' just-ready' : ''}`,
    'aria-label': `${label(order)}, order ${order.number}, ${isReady ? 'ready' : 'in kitchen'}`,
    dataset: { orderId: order.id, number: String(order.number), status: isReady ? 'ready' : 'kitchen' },
  },
  el('h2', {},
    el('span', {}, label(order)),
    el('span', { class: 'meta' }, `#${order.number}`),
    el('span', { class: `status-pill ${isReady ? 'ready' : 'kitchen'}` }, isReady ? 'Ready' : 'In kitchen')),
  el('div', { class: 'meta' },
    [CHANNELS[order.channel] || order.channel, order.serverName ? `Server ${order.serverName}` : null,
      order.guests ? `${order.guests} ${order.guests === 1 ? 'guest' : 'guests'}` : null].filter(Boolean).join(' · '),
    ' · ', el('span', { class: 'age', dataset: { placedAt: order.placedAt } })),
  el('div', { class: 'meta' }, order.items.filter((i) => i.status !== 'VOIDED')
    .map((i) => `${i.qty} × ${i.name}`).join(', ')),
  canComplete ? el('div', { class: 'actions' }, el('button', {
    type: 'button',
    class: 'control ready',
    disabled: !isReady,
    dataset: { focus: `served-${order.id}` },
    'aria-label': `Mark order ${order.number} ${pickup ? 'picked up' : 'served'}`,
    onclick: () => command(config, order.id, 'complete'),
  }, pickup ? 'Picked up' : 'Served')) : null);
}

function tickTimers() {
  const now = client ? client.now() : Date.now();
  ordersNode.querySelectorAll('.age').forEach((node) => {
    node.textContent = elapsed(now - Date.parse(node.dataset.placedAt));
  });
  ordersNode.querySelectorAll('.just-ready').forEach((node) => {
    if ((readySince.get(node.dataset.orderId) || 0) <= Date.now()) {
      node.classList.remove('just-ready');
    }
  });
}
