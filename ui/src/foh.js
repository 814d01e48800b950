// Front of house: open orders, ready ones first (longest waiting first), then the rest by age; a ready alert
// (chime and highlight), Served / Picked up on ready orders with an Undo for the recall window, Fire for the next
// held course, filter by server.

import {
  CHANNELS, RememberedChime, command, el, elapsed, embedded, guestLabel, may, promisedTag, replaceKeepingFocus,
  startScreen,
} from './screen.js';
import { byWaiting, nextHeldCourse } from './pickup.js';

const READY_FLASH_MS = 5000;
/** Undo disappears this much before the server's window closes, so a tap at the last second is not refused. */
const UNDO_MARGIN_MS = 3000;
const SERVED_KEY = 'ticketrail.foh.served';
const config = embedded('screen-config');
const foh = embedded('foh-config');
const canComplete = may(config, 'complete');
const canFire = may(config, 'fire-course');
const ordersNode = document.getElementById('orders');
const servedNode = document.getElementById('served');
const filter = document.getElementById('server-filter');
const sound = document.getElementById('enable-sound');
const chime = new RememberedChime(sound, sound);
const readySince = new Map();
/** Orders this tablet marked served, for Undo: { id, version, number, label, pickup, at }; `at` in server time. */
let served = loadServed();
let knownReady = null;
let latest = null;
let client = null;
/** Paging: a tablet is not scrolled mid-service; the page shows shown[start] and as many after it as fit. */
let shown = [];
let start = 0;
const earlierStarts = [];
const pager = document.getElementById('foh-pager');
const pageNode = document.getElementById('foh-page');

filter.addEventListener('change', () => {
  start = 0;
  earlierStarts.length = 0;
  if (latest) {
    render(latest);
  }
});
document.getElementById('foh-previous').addEventListener('click', () => turn(-1));
document.getElementById('foh-next').addEventListener('click', () => turn(1));
window.addEventListener('resize', () => latest && draw());
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
  // an order that is open again (undone here or elsewhere: a version past the completion) needs no Undo
  served = served.filter((s) => !(state.orders.get(s.id)?.version > s.version + 1));
  servers(orders);
  shown = orders.filter((o) => !filter.value || o.serverName === filter.value).sort(byWaiting);
  drawServed();
  draw();
}

/** The cards from `start` that fit; the rest are behind Next, and the pager says how many there are. */
function draw() {
  if (start >= shown.length) {
    start = 0;
    earlierStarts.length = 0;
  }
  replaceKeepingFocus(ordersNode, shown.slice(start).map(card), 'No open orders');
  tickTimers();
  const cards = [...ordersNode.querySelectorAll('.foh-order')];
  let fitting = cards.length;
  while (fitting > 1 && ordersNode.scrollHeight > ordersNode.clientHeight + 1) {
    fitting -= 1;
    cards[fitting].remove();
  }
  const end = start + fitting;
  pager.hidden = start === 0 && end >= shown.length;
  pageNode.textContent = `Orders ${start + 1}–${end} of ${shown.length}`;
  pageNode.dataset.more = String(shown.length - end);
  document.getElementById('foh-previous').disabled = start === 0;
  document.getElementById('foh-next').disabled = end >= shown.length;
  pager.dataset.shown = String(fitting);
}

function turn(delta) {
  const fitting = Number(pager.dataset.shown || 0);
  if (delta > 0 && start + fitting < shown.length) {
    earlierStarts.push(start);
    start += fitting;
  } else if (delta < 0 && start > 0) {
    start = earlierStarts.pop() || 0;
  } else {
    return;
  }
  draw();
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
  const rush = order.priority === 'RUSH';
  const held = nextHeldCourse(order);
  const now = client ? client.now() : Date.now();
  const live = order.items.filter((i) => i.status !== 'VOIDED');
  return el('article', {
    class: `foh-order${isReady ? ' is-ready' : ''}${flashing ? ' just-ready' : ''}${rush ? ' rush' : ''}`,
    'aria-label': `${label(order)}, order ${order.number}${rush ? ', rush' : ''}, ${isReady ? 'ready' : 'in kitchen'}`,
    dataset: { orderId: order.id, number: String(order.number), status: isReady ? 'ready' : 'kitchen' },
  },
  el('h2', {},
    el('span', { class: 'foh-label' }, label(order)),
    el('span', { class: 'meta' }, `#${order.number}`),
    rush ? el('span', { class: 'rush-flag' }, 'RUSH') : null,
    isReady
      ? el('span', { class: 'status-pill ready', dataset: { readyAt: order.readyAt || order.placedAt } }, 'Ready')
      : el('span', { class: 'status-pill kitchen' }, 'In kitchen')),
  el('div', { class: 'meta' },
    [CHANNELS[order.channel] || order.channel, order.serverName ? `Server ${order.serverName}` : null,
      order.guests ? `${order.guests} ${order.guests === 1 ? 'guest' : 'guests'}` : null].filter(Boolean).join(' · '),
    ' · ', el('span', { class: 'age', dataset: { placedAt: order.placedAt } }),
    order.promisedAt ? ' · ' : null, promisedTag(order, config, now)),
  el('div', { class: 'meta foh-items' }, live.filter((i) => i.status !== 'HELD')
    .map((i) => `${i.qty} × ${i.name}`).join(', ')),
  held ? el('div', { class: 'meta held-line' },
    `Course ${held.course} held · ${held.items} ${held.items === 1 ? 'item' : 'items'}`) : null,
  actions(order, isReady, pickup, held));
}

/** Only what this tablet may do now: Served on a ready order, Fire on an order with a held course. */
function actions(order, isReady, pickup, held) {
  const buttons = [];
  if (held && canFire) {
    buttons.push(el('button', {
      type: 'button',
      class: 'control fire',
      dataset: { focus: `fire-${order.id}` },
      'aria-label': `Fire course ${held.course} of order ${order.number}`,
      onclick: () => command(config, order.id, `courses/${held.course}/fire`),
    }, `Fire course ${held.course}`));
  }
  if (isReady && canComplete) {
    buttons.push(el('button', {
      type: 'button',
      class: 'control ready',
      dataset: { focus: `served-${order.id}` },
      'aria-label': `Mark order ${order.number} ${pickup ? 'picked up' : 'served'}`,
      onclick: () => complete(order, pickup),
    }, pickup ? 'Picked up' : 'Served'));
  }
  return buttons.length > 0 ? el('div', { class: 'actions' }, ...buttons) : null;
}

async function complete(order, pickup) {
  if (await command(config, order.id, 'complete')) {
    const entry = { id: order.id, version: order.version, number: order.number, label: label(order), pickup };
    served = [{ ...entry, at: client.now() },
      ...served.filter((s) => s.id !== order.id)];
    saveServed();
    drawServed();
  }
}

async function undo(entry) {
  if (await command(config, entry.id, 'reopen')) {
    served = served.filter((s) => s.id !== entry.id);
    saveServed();
    drawServed();
  }
}

function undoLeft(entry, now) {
  return entry.at + foh.recallWindowSeconds * 1000 - UNDO_MARGIN_MS - now;
}

/** The orders this tablet served within the recall window, each with its Undo and the time left. */
function drawServed() {
  const now = client ? client.now() : Date.now();
  served = served.filter((s) => undoLeft(s, now) > 0);
  const wasHidden = servedNode.hidden;
  servedNode.hidden = served.length === 0 || !canComplete;
  servedNode.replaceChildren(...served.map((s) => el('div', { class: 'served-entry', dataset: { orderId: s.id } },
    el('span', {}, `${s.pickup ? 'Picked up' : 'Served'}: ${s.label} #${s.number}`),
    el('button', {
      type: 'button',
      class: 'control attention',
      dataset: { focus: `undo-${s.id}` },
      'aria-label': `Undo ${s.pickup ? 'picked up' : 'served'} for order ${s.number}`,
      onclick: () => undo(s),
    }, 'Undo'),
    el('span', { class: 'undo-left', dataset: { orderId: s.id } }, elapsed(undoLeft(s, now))))));
  if (wasHidden !== servedNode.hidden && latest) {
    draw(); // the strip took or gave back room
  }
}

function tickTimers() {
  const now = client ? client.now() : Date.now();
  ordersNode.querySelectorAll('.age').forEach((node) => {
    node.textContent = elapsed(now - Date.parse(node.dataset.placedAt));
  });
  ordersNode.querySelectorAll('.status-pill.ready').forEach((node) => {
    const minutes = Math.floor(Math.max(0, now - Date.parse(node.dataset.readyAt)) / 60000);
    node.textContent = minutes < 1 ? 'Ready now' : `Ready for ${minutes} min`;
  });
  ordersNode.querySelectorAll('.promised').forEach((node) => {
    node.classList.toggle('promised-late', now > Date.parse(node.dataset.promisedAt));
  });
  ordersNode.querySelectorAll('.just-ready').forEach((node) => {
    if ((readySince.get(node.dataset.orderId) || 0) <= Date.now()) {
      node.classList.remove('just-ready');
    }
  });
  if (served.some((s) => undoLeft(s, now) <= 0)) {
    saveServed();
    drawServed();
  } else {
    servedNode.querySelectorAll('.undo-left').forEach((node) => {
      const entry = served.find((s) => s.id === node.dataset.orderId);
      node.textContent = `${elapsed(undoLeft(entry, now))} left`;
    });
  }
}

// kept for the tab's life, so a reload within the window still offers Undo
function loadServed() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SERVED_KEY));
    return Array.isArray(stored) ? stored : [];
  } catch {
    return [];
  }
}

function saveServed() {
  try {
    sessionStorage.setItem(SERVED_KEY, JSON.stringify(served));
  } catch {
    // without storage, Undo lasts until the next reload
  }
}
