// The customer pickup board: order numbers (and names) preparing and ready, in large type.

import { el, fireOrder, startScreen } from './screen.js';

const preparing = document.getElementById('preparing');
const ready = document.getElementById('ready');

startScreen({ render });

function render(state) {
  const orders = fireOrder(state.orders.values());
  preparing.replaceChildren(...orders.filter((o) => o.status !== 'READY').map(entry));
  ready.replaceChildren(...orders.filter((o) => o.status === 'READY').map(entry));
}

function entry(order) {
  return el('li', { dataset: { number: String(order.number) } },
    el('span', { class: 'number' }, String(order.number)),
    order.customerName ? el('span', { class: 'name' }, order.customerName) : null);
}
