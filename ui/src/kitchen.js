// A kitchen station's screen: its tickets in fire order, tap an item to start or bump it, tap a ticket's header to
// bump the station's items on it, recall the last bump, bump-bar keys, an all-day panel, flash and chime.

import {
  Chime, NewArrivals, command, el, elapsed, embedded, fireOrder, firedAt, headerLines, itemDetails, itemHead, may,
  startScreen, urgency,
} from './screen.js';
import { TicketColumns, bumpBar, shrinkLongWords } from './ticket-columns.js';
import {
  NoticeWatch, acknowledge, goneClasses, goneKind, heldRow, listedItems, noticeRows,
} from './notices.js';

const FLASH_MS = 4000;
/** Bumps this screen remembers for recall (the server's recall window decides whether it is still allowed). */
const RECALL_DEPTH = 10;

const ticketsNode = document.getElementById('tickets');
const allDayList = document.getElementById('all-day-list');
const allDayPanel = document.getElementById('all-day');
const allDayToggle = document.getElementById('toggle-all-day');
const recallButton = document.getElementById('recall');
const chime = new Chime(document.getElementById('enable-sound'), document.getElementById('sound-off'));

const config = embedded('screen-config');
const station = config.view.station;
// a screen shows only what it was given: no tap or key that the server would refuse
const canStart = may(config, 'start');
const canBump = may(config, 'bump');
const canRecall = may(config, 'recall');
let client = null;
let arrivals = null;
let tickets = [];
const flashing = new Map();
const timers = new Map();
const bumped = loadBumped();
const notices = new NoticeWatch();
const rail = new TicketColumns({ container: ticketsNode, build: card, maxPerPage: config.ticketsPerPage, onDraw: drawn });

showAllDay(loadAllDay());
client = startScreen({ render, tick }).client;

recallButton.hidden = !canRecall;
recallButton.addEventListener('click', recall);
allDayToggle.addEventListener('click', () => {
  showAllDay(allDayPanel.hidden);
  rail.draw();
  drawAllDay();
});
bumpBar(config.keys, rail, [
  ...(canBump ? [{ keys: config.keys.bump, run: (order) => order && bumpTicket(order) }] : []),
  ...(canRecall ? [{ keys: config.keys.recall, run: () => recall() }] : []),
  { keys: config.keys.ack, run: (order) => order && ackTicket(order) },
]);
window.addEventListener('resize', () => {
  rail.draw();
  drawAllDay();
});
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
  }
  // a change (void, cancel, added item, fired course) has its own tone; a new ticket without one the chime
  if (notices.take(tickets) > 0) {
    chime.playChange();
  } else if (fresh.length > 0) {
    chime.play();
  }
  timers.clear();
  rail.show(tickets);
  drawAllDay();
}

function drawn() {
  const onPage = new Set(rail.pageOrders().map((o) => o.id));
  [...timers.keys()].filter((id) => !onPage.has(id)).forEach((id) => timers.delete(id));
  tick();
}

function card(order, index) {
  const classes = ['ticket', ...goneClasses(order)];
  const bumpable = canBump && !goneKind(order);
  if (order.priority === 'RUSH') {
    classes.push('rush');
  }
  if ((flashing.get(order.id) || 0) > Date.now()) {
    classes.push('fresh');
  }
  const timer = el('span', { class: 'timer' });
  const pending = order.items.filter((i) => i.status === 'QUEUED' || i.status === 'IN_PROGRESS');
  const header = el(bumpable ? 'button' : 'div', {
    type: bumpable ? 'button' : null,
    class: 'ticket-header',
    dataset: { focus: `h-${order.id}` },
    onclick: bumpable ? (event) => {
      event.currentTarget.blur();
      bumpTicket(order);
    } : null,
  },
  bumpable ? el('span', { class: 'sr-only' }, `Bump ${pending.length} ${config.stationName} items of order`) : null,
  headerLines(order, index, timer));
  const node = el('article', {
    class: classes.join(' '),
    'aria-label': `Order ${order.number}${order.priority === 'RUSH' ? ', rush' : ''}`,
    dataset: { orderId: order.id, number: String(order.number) },
  }, header, el('ul', { class: 'rows items' },
    noticeRows(order, () => ackTicket(order)),
    listedItems(order.items).map((item) => el('li', { class: 'row' }, itemButton(order, item))),
    heldRow(order.items),
    order.notes ? el('li', { class: 'row order-notes' }, order.notes) : null,
    order.otherItems ? el('li', { class: 'row others' }, `+${order.otherItems} at other stations`) : null));
  timers.set(order.id, { timer, since: firedAt(order), card: node });
  return node;
}

function itemButton(order, item) {
  const action = order.status === 'CANCELLED' ? null
    : { QUEUED: canStart ? 'Start' : null, IN_PROGRESS: canBump ? 'Bump' : null }[item.status];
  return el('button', {
    type: 'button',
    class: `item status-${item.status.toLowerCase()}${item.changed ? ' changed' : ''}`,
    'aria-disabled': action ? null : 'true',
    dataset: { focus: `i-${item.id}`, itemId: item.id },
    onclick: (event) => {
      // a tap leaves no focus behind: the bump bar's Enter must not press this button again
      event.currentTarget.blur();
      if (action) {
        send(order, `items/${item.id}/${action === 'Start' ? 'start' : 'bump'}`);
      }
    },
  },
  action ? el('span', { class: 'sr-only' }, action) : null,
  itemHead(item),
  itemDetails(item));
}

function drawAllDay() {
  const totals = new Map();
  for (const order of tickets.filter((t) => t.status !== 'CANCELLED')) {
    for (const item of order.items) {
      if (item.status === 'QUEUED' || item.status === 'IN_PROGRESS') {
        totals.set(item.name, (totals.get(item.name) || 0) + item.qty);
      }
    }
  }
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  allDayList.replaceChildren(...rows.map(([name, qty]) => el('li', {},
    el('span', { class: 'qty' }, String(qty)), el('span', { class: 'name' }, name))));
  shrinkLongWords(allDayList);
  // the panel never scrolls: the smallest counts give way to a line saying how many are not shown
  const overflows = (node) => node.getBoundingClientRect().bottom
    > allDayPanel.getBoundingClientRect().top + allDayPanel.clientHeight;
  const last = allDayList.lastElementChild;
  if (allDayPanel.hidden || !last || !overflows(last)) {
    return;
  }
  const more = el('li', { class: 'more', 'data-more': '' }, `+${rows.length} more`);
  allDayList.append(more);
  let hidden = 0;
  while (overflows(more) && more.previousElementSibling) {
    more.previousElementSibling.remove();
    hidden += 1;
    more.textContent = `+${hidden} more`;
  }
}

/** The all-day panel, shown or hidden, remembered for this screen's address. */
function showAllDay(shown) {
  allDayPanel.hidden = !shown;
  document.body.classList.toggle('all-day-hidden', !shown);
  allDayToggle.setAttribute('aria-pressed', shown ? 'true' : 'false');
  try {
    localStorage.setItem(`ticketrail.allDay.${location.pathname}`, shown ? 'shown' : 'hidden');
  } catch {
    // without storage the panel is shown after a reload
  }
}

function loadAllDay() {
  try {
    return localStorage.getItem(`ticketrail.allDay.${location.pathname}`) !== 'hidden';
  } catch {
    return true;
  }
}

/** Once a second: timers from the fire of the ticket's items, in server time; flashes end. */
function tick() {
  const now = client ? client.now() : Date.now();
  for (const [id, { timer, since, card: node }] of timers) {
    const age = now - since;
    const text = elapsed(age);
    if (timer.textContent !== text) {
      timer.textContent = text;
    }
    timer.dataset.urgency = urgency(age, config);
    if (node && node.classList.contains('fresh') && (flashing.get(id) || 0) <= Date.now()) {
      ticketsNode.querySelectorAll(`[data-order-id="${CSS.escape(id)}"]`).forEach((n) => n.classList.remove('fresh'));
      flashing.delete(id);
    }
  }
}

/** Clears this station's notices on the ticket, on every screen of the station. */
function ackTicket(order) {
  return (order.notices || []).length > 0 ? acknowledge(config, order, `station:${station}`) : null;
}

function bumpTicket(order) {
  return send(order, `stations/${encodeURIComponent(station)}/bump`);
}

async function send(order, path) {
  // a tap that raced a change (a double tap, another cook) gets a 409: the next diff shows the truth
  const ok = await command(config, order.id, path, { ticket: order.number, quietConflict: true });
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
    await command(config, last.id, 'recall', { body: { stationId: station }, ticket: last.number });
  }
}

function showRecall() {
  const last = bumped[bumped.length - 1];
  recallButton.disabled = !last;
  recallButton.textContent = last ? `Recall #${last.number}` : 'Recall';
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
