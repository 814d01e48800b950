// Expo's "recently ready" strip: the last ready orders still within the location's recall window, each with
// Recall (the whole order back onto expo) and, unfolded on demand, each done item to send back to its station. Ready
// orders leave expo's grid, so this is where an expediter takes one back (the README's promise).

import {
  command, el, elapsed, guestLabel, may, replaceKeepingFocus,
} from './screen.js';
import { recentlyReady } from './notices.js';

/** At most this many orders in the strip: the newest, which are the ones a runner may bring back. */
const STRIP_SIZE = 6;

export class RecentlyReady {
  /** `onResize`: called when the strip's height changed, so the ticket grid above it is laid out again. */
  constructor({ config, container, stationName, onResize }) {
    this.onResize = onResize;
    this.config = config;
    this.container = container;
    this.stationName = stationName;
    this.canRecall = may(config, 'recall');
    this.windowMs = (config.recallWindowSeconds || 300) * 1000;
    this.ready = [];
    this.shownKey = null;
    this.ages = [];
    this.lastNow = Date.now();
    /** Orders whose items are unfolded, kept across redraws. */
    this.unfolded = new Set();
  }

  /** The location's ready orders; the strip picks the recent ones itself. */
  show(readyOrders, now) {
    this.ready = readyOrders;
    this.draw(now);
  }

  /** Once a second: ages move on, and an order whose recall window passed leaves the strip. */
  tick(now) {
    if (this.key(now) !== this.shownKey) {
      this.draw(now);
      return;
    }
    this.ages.forEach(({ node, readyAt }) => {
      node.textContent = `ready ${elapsed(now - readyAt)} ago`;
    });
  }

  pick(now) {
    return recentlyReady(this.ready, now, this.windowMs, STRIP_SIZE);
  }

  key(now) {
    return this.pick(now).map((o) => `${o.id}@${o.version}`).join(',');
  }

  draw(now) {
    const height = this.container.hidden ? 0 : this.container.offsetHeight;
    this.lastNow = now;
    const orders = this.pick(now);
    this.shownKey = this.key(now);
    this.ages = [];
    this.container.hidden = orders.length === 0;
    document.body.classList.toggle('has-recent-ready', orders.length > 0);
    replaceKeepingFocus(this.container, [
      el('h2', { class: 'recent-title' }, 'Recently ready'),
      el('ul', { class: 'recent-list' }, orders.map((order) => this.entry(order, now))),
    ], '');
    if ((this.container.hidden ? 0 : this.container.offsetHeight) !== height) {
      this.onResize();
    }
  }

  entry(order, now) {
    const readyAt = Date.parse(order.readyAt);
    const age = el('span', { class: 'recent-age' }, `ready ${elapsed(now - readyAt)} ago`);
    this.ages.push({ node: age, readyAt });
    const done = (order.items || []).filter((i) => i.status === 'DONE');
    const unfolded = this.unfolded.has(order.id);
    // the item buttons exist only while unfolded: nothing hidden takes room or hides behind the strip's edge
    const items = this.canRecall && done.length > 0 ? [
      el('button', {
        type: 'button',
        class: 'control recall-items',
        'aria-expanded': unfolded ? 'true' : 'false',
        dataset: { focus: `items-${order.id}` },
        onclick: () => {
          if (unfolded) {
            this.unfolded.delete(order.id);
          } else {
            this.unfolded.add(order.id);
          }
          this.draw(this.lastNow);
        },
      }, unfolded ? 'Items ▾' : 'Send an item back ▸'),
      ...(unfolded ? done : []).map((item) => el('button', {
        type: 'button',
        class: 'control recall-item',
        dataset: { focus: `recall-${item.id}` },
        'aria-label': `Send ${item.qty} ${item.name} of order ${order.number} back to ${this.stationName(item.station)}`,
        onclick: () => this.recall(order, { itemId: item.id }),
      }, `${item.qty} ${item.name} → ${this.stationName(item.station)}`)),
    ] : null;
    // not data-number: that names a ticket in the grid, which a ready order has left
    return el('li', { class: 'recent', dataset: { readyOrderId: order.id, readyNumber: String(order.number) } },
      el('span', { class: 'recent-head' },
        el('span', { class: 'number' }, `#${order.number}`),
        el('span', { class: 'guest' }, guestLabel(order)),
        age),
      this.canRecall ? el('button', {
        type: 'button',
        class: 'control recall-order',
        dataset: { focus: `recall-${order.id}` },
        'aria-label': `Recall order ${order.number}: take it back from ready`,
        onclick: () => this.recall(order, {}),
      }, 'Recall') : null,
      items);
  }

  /** The recall key: the order that turned ready last goes back onto expo's grid. */
  recallNewest(now) {
    const newest = this.canRecall ? this.pick(now)[0] : null;
    return newest ? this.recall(newest, {}) : null;
  }

  recall(order, body) {
    this.unfolded.delete(order.id);
    return command(this.config, order.id, 'recall', { body, ticket: order.number, quietConflict: true });
  }
}
