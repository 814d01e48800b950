// A kitchen station's screen: its tickets in fire order, tap an item to start or bump it, tap a ticket's header to
// bump the station's items on it, recall the last bump, bump-bar keys, an all-day panel, flash and chime.

import {
  CHANNELS, Chime, NewArrivals, command, el, elapsed, embedded, fireOrder, guestLabel, may, replaceKeepingFocus, startScreen,
  urgency,
} from './screen.js';

const FLASH_MS = 4000;
/** Bumps this screen remembers for recall (the server's recall window decides whether it is still allowed). */
const RECALL_DEPTH = 10;

const ticketsNode = document.getElementById('tickets');
const allDayList = document.getElementById('all-day-list');
const pageNode = document.getElementById('page');
const recallButton = document.getElementById('recall');
const chime = new Chime(document.getElementById('enable-sound'), document.getElementById('sound-off'));

const config = embedded('screen-config');
const station = config.view.station;
// a screen shows only what it was given: no tap or key that the server would refuse
const canStart = may(config, 'start');
const canBump = may(config, 'bump');
const canRecall = may(config, 'recall');
const maxPerPage = config.ticketsPerPage;
let client = null;
let arrivals = null;
let tickets = [];
/** The page shows tickets[start] and as many after it as fit the screen; earlier starts for paging back. */
let start = 0;
let shown = 0;
const earlierStarts = [];
let selected = 0;
const flashing = new Map();
const timers = new Map();
const bumped = loadBumped();

client = startScreen({ render, tick }).client;

recallButton.hidden = !canRecall;
recallButton.addEventListener('click', recall);
document.getElementById('page-previous').addEventListener('click', () => turn(-1));
document.getElementById('page-next').addEventListener('click', () => turn(1));
document.addEventListener('keydown', onKey);
window.addEventListener('resize', () => draw());
showRecall();

function render(state) {
  tickets = fireOrder(state.orders.values());
  if (arrivals === null) {
    arrivals = new NewArrivals(tickets.map((t) => t.id));
  }
  const fresh = arrivals.take(tickets.map((t) => t.id));
  if (fresh.length > 0) {
    const until = Date.now() + FLASH_MS;
    fresh.forEach((id) => flashing.set(id, until));
    chime.play();
  }
  if (start >= tickets.length) {
    start = 0;
    earlierStarts.length = 0;
  }
  draw();
  drawAllDay();
}

function pageTickets() {
  return tickets.slice(start, start + shown);
}

function draw() {
  timers.clear();
  const candidates = tickets.slice(start, start + maxPerPage);
  replaceKeepingFocus(ticketsNode, candidates.map((order, index) => card(order, index)), 'No open tickets');
  shown = fit();
  selected = Math.min(selected, Math.max(0, shown - 1));
  ticketsNode.querySelectorAll('.ticket').forEach((node, index) => node.classList.toggle('selected', index === selected));
  pageNode.textContent = tickets.length === 0 ? '0 tickets' : `${start + 1}–${start + shown} of ${tickets.length}`;
  document.getElementById('page-previous').disabled = start === 0;
  document.getElementById('page-next').disabled = start + shown >= tickets.length;
  tick();
}

/**
 * Drops the cards that do not fit on the screen, from the first one that overflows on, so the page never hides
 * half a ticket and fire order stays unbroken; the next page starts there. At least one card always shows.
 */
function fit() {
  const cards = [...ticketsNode.querySelectorAll('.ticket')];
  const bottom = ticketsNode.clientHeight;
  let fitting = cards.findIndex((node) => node.offsetTop + node.offsetHeight > bottom);
  fitting = fitting === -1 ? cards.length : Math.max(Math.min(1, cards.length), fitting);
  cards.slice(fitting).forEach((node) => {
    timers.delete(node.dataset.orderId);
    node.remove();
  });
  return fitting;
}

function card(order, index) {
  const classes = ['ticket'];
  if (order.priority === 'RUSH') {
    classes.push('rush');
  }
  if (index === selected) {
    classes.push('selected');
  }
  if ((flashing.get(order.id) || 0) > Date.now()) {
    classes.push('fresh');
  }
  const timer = el('span', { class: 'timer' });
  const pending = order.items.filter((i) => i.status === 'QUEUED' || i.status === 'IN_PROGRESS');
  const header = el(canBump ? 'button' : 'div', {
    type: canBump ? 'button' : null,
    class: 'ticket-header',
    dataset: { focus: `h-${order.id}` },
    onclick: canBump ? () => bumpTicket(order) : null,
  },
  canBump ? el('span', { class: 'sr-only' }, `Bump ${pending.length} ${config.stationName} items of order`) : null,
  el('span', { class: 'line' },
    el('span', { class: 'position', 'aria-hidden': 'true' }, index < 9 ? String(index + 1) : ''),
    el('span', { class: 'number' }, `#${order.number}`),
    order.priority === 'RUSH' ? el('span', { class: 'rush-flag' }, 'RUSH') : null,
    timer),
  el('span', { class: 'line' },
    el('span', { class: `channel channel-${order.channel.toLowerCase()}` }, CHANNELS[order.channel] || order.channel),
    el('span', { class: 'guest' }, guestLabel(order))));
  timers.set(order.id, { timer, placedAt: Date.parse(order.placedAt), card: null });
  const items = el('ul', { class: 'items' }, order.items.map((item) => el('li', {}, itemButton(order, item))));
  const node = el('article', {
    class: classes.join(' '),
    'aria-label': `Order ${order.number}${order.priority === 'RUSH' ? ', rush' : ''}`,
    dataset: { orderId: order.id, number: String(order.number) },
  }, header, items,
  order.notes ? el('p', { class: 'order-notes' }, order.notes) : null,
  order.otherItems ? el('p', { class: 'others' }, `+${order.otherItems} at other stations`) : null);
  timers.get(order.id).card = node;
  return node;
}

function itemButton(order, item) {
  const action = { QUEUED: canStart ? 'Start' : null, IN_PROGRESS: canBump ? 'Bump' : null }[item.status];
  return el('button', {
    type: 'button',
    class: `item status-${item.status.toLowerCase()}${item.changed ? ' changed' : ''}`,
    'aria-disabled': action ? null : 'true',
    dataset: { focus: `i-${item.id}`, itemId: item.id },
    onclick: () => {
      if (action) {
        send(order, `items/${item.id}/${action === 'Start' ? 'start' : 'bump'}`);
      }
    },
  },
  el('span', { class: 'item-line' },
    action ? el('span', { class: 'sr-only' }, action) : null,
    el('span', { class: 'qty' }, String(item.qty)),
    item.status === 'VOIDED' ? el('s', { class: 'name' }, item.name) : el('span', { class: 'name' }, item.name),
    item.changed ? el('span', { class: 'tag changed-tag' }, 'CHANGED') : null,
    item.status === 'IN_PROGRESS' ? el('span', { class: 'tag cooking-tag' }, 'COOKING') : null,
    item.status === 'HELD' ? el('span', { class: 'tag held-tag' }, `HELD · course ${item.course}`) : null,
    item.status === 'VOIDED' ? el('span', { class: 'tag void-tag' }, 'VOID') : null,
    item.status === 'DONE' ? el('span', { class: 'tag done-tag' }, 'DONE') : null),
  (item.modifiers || []).map((m) => el('span', { class: 'modifier' }, m)),
  item.notes ? el('span', { class: 'item-notes' }, item.notes) : null,
  (item.allergens || []).length > 0
    ? el('span', { class: 'allergens' }, `ALLERGY: ${item.allergens.join(', ')}`)
    : null);
}

function drawAllDay() {
  const totals = new Map();
  for (const order of tickets) {
    for (const item of order.items) {
      if (item.status === 'QUEUED' || item.status === 'IN_PROGRESS') {
        totals.set(item.name, (totals.get(item.name) || 0) + item.qty);
      }
    }
  }
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  allDayList.replaceChildren(...rows.map(([name, qty]) => el('li', {},
    el('span', { class: 'qty' }, String(qty)), el('span', { class: 'name' }, name))));
}

/** Once a second: timers in server time with the location's warn and late colours; flashes end. */
function tick() {
  const now = client ? client.now() : Date.now();
  for (const [id, { timer, placedAt, card: node }] of timers) {
    const age = now - placedAt;
    const text = elapsed(age);
    if (timer.textContent !== text) {
      timer.textContent = text;
    }
    timer.dataset.urgency = urgency(age, config);
    if (node && node.classList.contains('fresh') && (flashing.get(id) || 0) <= Date.now()) {
      node.classList.remove('fresh');
      flashing.delete(id);
    }
  }
}

function bumpTicket(order) {
  return send(order, `stations/${encodeURIComponent(station)}/bump`);
}

async function send(order, path) {
  const ok = await command(config, order.id, path);
  if (ok && path.endsWith('/bump')) {
    // the ticket leaves this screen once its last item here is done; keep it for recall either way
    const last = order.items.filter((i) => i.status === 'QUEUED' || i.status === 'IN_PROGRESS').length <= 1;
    if (last || path.startsWith('stations/')) {
      remember(order);
    }
  }
  return ok;
}

function remember(order) {
  const index = bumped.findIndex((b) => b.id === order.id);
  if (index >= 0) {
    bumped.splice(index, 1);
  }
  bumped.push({ id: order.id, number: order.number });
  bumped.splice(0, Math.max(0, bumped.length - RECALL_DEPTH));
  saveBumped();
  showRecall();
}

async function recall() {
  const last = bumped.pop();
  saveBumped();
  showRecall();
  if (last) {
    await command(config, last.id, 'recall', { body: { stationId: station } });
  }
}

function showRecall() {
  const last = bumped[bumped.length - 1];
  recallButton.disabled = !last;
  recallButton.textContent = last ? `Recall #${last.number}` : 'Recall';
}

function turn(delta) {
  if (delta > 0 && start + shown < tickets.length) {
    earlierStarts.push(start);
    start += shown;
  } else if (delta < 0 && start > 0) {
    start = earlierStarts.pop() || 0;
  } else {
    return;
  }
  selected = 0;
  draw();
}

function keyName(event) {
  return event.key === ' ' ? 'Space' : event.key;
}

/** Bump bar: it types keys like a keyboard. The keys are a setting (ticketrail.screens.keys.*). */
function onKey(event) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest('select, input, textarea')) {
    return;
  }
  const key = keyName(event);
  const keys = config.keys;
  const position = keys.select.indexOf(key);
  if (position >= 0) {
    if (position < pageTickets().length) {
      selected = position;
      draw();
    }
  } else if (keys.bump.includes(key) && canBump) {
    // Enter and Space on a focused button press that button; the bump bar's keys bump the selected ticket
    if (event.target.closest('button')) {
      return;
    }
    const order = pageTickets()[selected];
    if (order) {
      bumpTicket(order);
    }
  } else if (keys.recall.includes(key) && canRecall) {
    recall();
  } else if (keys.nextPage.includes(key)) {
    turn(1);
  } else if (keys.previousPage.includes(key)) {
    turn(-1);
  } else {
    return;
  }
  event.preventDefault();
}

function loadBumped() {
  try {
    return JSON.parse(sessionStorage.getItem(`ticketrail.bumped.${location.pathname}`)) || [];
  } catch {
    return [];
  }
}

function saveBumped() {
  try {
    sessionStorage.setItem(`ticketrail.bumped.${location.pathname}`, JSON.stringify(bumped));
  } catch {
    // without storage, recall still works until a reload
  }
}
