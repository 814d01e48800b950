// The customer pickup board: numbers (and names) of counter orders, preparing and ready, in large type. Ready
// numbers newest first; what does not fit is counted in a "+N more" tile, never silently cut off.

import { clockTime, el, embedded, startScreen } from './screen.js';
import { boardLists } from './pickup.js';

const config = embedded('screen-config');
const board = embedded('board-config');
const preparingNode = document.getElementById('preparing');
const readyNode = document.getElementById('ready');
// one board can show other channels than the server's setting: /l/demo/board?channels=DRIVE_THRU
const asked = new URLSearchParams(window.location.search).get('channels');
const channels = asked ? asked.toUpperCase().split(',').map((c) => c.trim()) : board.channels;
let latest = null;
let client = null;
let drawn = '';

client = startScreen({ render, tick: () => latest && draw() }).client;
window.addEventListener('resize', () => {
  drawn = '';
  draw();
});

function render(state) {
  latest = state;
  drawn = '';
  draw();
}

/** Redrawn when a change or the clock (a ready number expiring) changes what is shown. */
function draw() {
  const lists = boardLists(latest.orders.values(), {
    channels, readyForMs: board.readyShownForSeconds * 1000, now: client ? client.now() : Date.now(),
  });
  const key = [...lists.preparing, '|', ...lists.ready].map((o) => (o.id ? `${o.id}:${o.version}` : o)).join(',');
  if (key === drawn) {
    return;
  }
  drawn = key;
  fill(preparingNode, lists.preparing);
  fill(readyNode, lists.ready);
}

/** As many entries as the column holds; the rest counted in a last "+N more" tile. */
function fill(list, orders) {
  list.replaceChildren(...orders.map(entry));
  if (!overflows(list)) {
    return;
  }
  const entries = [...list.children];
  const more = el('li', { class: 'more', dataset: { more: '' } });
  list.append(more);
  let shown = entries.length;
  do {
    shown -= 1;
    entries[shown].remove();
    more.textContent = `+${orders.length - shown} more`;
  } while (shown > 0 && overflows(list));
  more.dataset.more = String(orders.length - shown);
}

function overflows(list) {
  return list.scrollHeight > list.clientHeight + 1;
}

function entry(order) {
  return el('li', { dataset: { number: String(order.number) } },
    el('span', { class: 'number' }, String(order.number)),
    order.customerName ? el('span', { class: 'name' }, order.customerName) : null,
    order.promisedAt ? el('span', { class: 'promised' }, `Promised ${clockTime(order.promisedAt, config)}`) : null);
}
