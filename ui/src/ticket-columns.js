// The ticket rail of the kitchen and expo screens: tickets in fire order, down one column and on to the next, as
// many columns as the screen's width allows. A ticket is never cut: one that does not fit the rest of a column
// continues at the top of the next on a "#42 continued (2/2)" card (or starts there, when little of the column
// is left); its first part ends with a visible "continued" marker. What does not fit the last column starts the
// next page. Paging and the bump-bar positions (1-9) follow the same order.

import { el } from './screen.js';

/** Narrower than this (in rem) a column would break names and timers apart. */
const MIN_COLUMN_REM = 15;
const MAX_COLUMNS = 6;
/**
 * A ticket that does not fit a column's leftover space starts there anyway, continued at the top of the next
 * column, when its header and first two lines fit there (Square and Fresh KDS flow tickets the same way); else it
 * starts the next column whole, so no part is a lone header.
 */
const LINES_BEFORE_A_BREAK = 2;

/**
 * How many columns fit `widthPx`: as many as keep each one readable, at most six; `override` (the screen's
 * `?columns=` query parameter) wins when given.
 */
export function columnCount(widthPx, remPx, gapPx, override, minRem = MIN_COLUMN_REM) {
  if (Number.isInteger(override) && override >= 1 && override <= 8) {
    return override;
  }
  const fit = Math.floor((widthPx + gapPx) / (minRem * remPx + gapPx));
  return Math.max(1, Math.min(MAX_COLUMNS, fit));
}

/** The `?columns=N` of the page's address, or null. */
export function columnsOverride(search = window.location.search) {
  const value = Number.parseInt(new URLSearchParams(search).get('columns'), 10);
  return Number.isInteger(value) && value >= 1 && value <= 8 ? value : null;
}

/**
 * Paged columns of tickets. `build(order, position)` returns the ticket's card: an element whose `.rows` child
 * holds its lines (items, notes, actions) as direct children, so a tall ticket can be split between them.
 */
export class TicketColumns {
  /**
   * `pager`: the page's ◀ and ▶ buttons and its "1–8 of 29" label (ids page-previous, page-next, page), wired
   * here and kept up to date on every draw.
   */
  constructor({ container, build, maxPerPage = 15, minColumnRem = MIN_COLUMN_REM, onDraw = () => {}, emptyText }) {
    this.container = container;
    this.emptyText = emptyText;
    this.previousButton = document.getElementById('page-previous');
    this.nextButton = document.getElementById('page-next');
    this.pageLabel = document.getElementById('page');
    this.previousButton?.addEventListener('click', () => this.turn(-1));
    this.nextButton?.addEventListener('click', () => this.turn(1));
    // the rail's height changes without a window resize (expo's recently-ready strip comes and goes): lay the
    // tickets out again, or the last ones would run past the bottom
    let size = '';
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(() => {
        const now = `${container.clientWidth}x${container.clientHeight}`;
        if (now !== size) {
          size = now;
          this.draw();
        }
      }).observe(container);
    }
    this.build = build;
    this.maxPerPage = maxPerPage;
    this.minColumnRem = minColumnRem;
    this.onDraw = onDraw;
    this.override = columnsOverride();
    this.orders = [];
    this.start = 0;
    this.shown = 0;
    this.earlierStarts = [];
    this.selected = 0;
  }

  show(orders) {
    this.orders = orders;
    if (this.start >= orders.length) {
      this.start = 0;
      this.earlierStarts.length = 0;
    }
    this.draw();
  }

  /** The orders on this page, in the order of their positions. */
  pageOrders() {
    return this.orders.slice(this.start, this.start + this.shown);
  }

  selectedOrder() {
    return this.pageOrders()[this.selected] || null;
  }

  select(position) {
    if (position < this.shown) {
      this.selected = position;
      this.markSelected();
      return true;
    }
    return false;
  }

  turn(delta) {
    if (delta > 0 && this.start + this.shown < this.orders.length) {
      this.earlierStarts.push(this.start);
      this.start += this.shown;
    } else if (delta < 0 && this.start > 0) {
      this.start = this.earlierStarts.pop() || 0;
    } else {
      return false;
    }
    this.selected = 0;
    this.draw();
    return true;
  }

  hasPrevious() {
    return this.start > 0;
  }

  hasNext() {
    return this.start + this.shown < this.orders.length;
  }

  label() {
    return this.orders.length === 0 ? '0 tickets' : `${this.start + 1}–${this.start + this.shown} of ${this.orders.length}`;
  }

  draw() {
    const focused = document.activeElement?.dataset?.focus;
    const style = getComputedStyle(this.container);
    const gap = Number.parseFloat(style.columnGap) || 0;
    const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const count = columnCount(this.container.clientWidth, rem, gap, this.override, this.minColumnRem);
    const columns = Array.from({ length: count }, () => el('div', { class: 'column' }));
    this.container.style.setProperty('--columns', String(count));
    this.container.replaceChildren(...columns);
    this.shown = 0;
    if (this.orders.length === 0) {
      columns[0].append(el('p', { class: 'empty' }, this.emptyText || 'No open tickets'));
    }
    // a quiet screen reads left to right: as long as every ticket left has a column of its own, each gets one
    const spread = this.orders.length - this.start <= count;
    let column = 0;
    for (let i = this.start; i < this.orders.length && this.shown < this.maxPerPage; i++) {
      const card = this.build(this.orders[i], this.shown);
      const at = spread && this.shown > 0 ? column + 1 : column;
      const next = at < count ? this.place(card, columns, at, this.shown === 0) : -1;
      if (next === -1) {
        break;
      }
      column = next;
      this.shown += 1;
    }
    this.selected = Math.min(this.selected, Math.max(0, this.shown - 1));
    this.markSelected();
    if (focused) {
      this.container.querySelector(`[data-focus="${CSS.escape(focused)}"]`)?.focus();
    }
    if (this.pageLabel) {
      this.pageLabel.textContent = this.label();
    }
    if (this.previousButton) {
      this.previousButton.disabled = !this.hasPrevious();
    }
    if (this.nextButton) {
      this.nextButton.disabled = !this.hasNext();
    }
    this.onDraw(this);
  }

  markSelected() {
    const id = this.selectedOrder()?.id;
    this.container.querySelectorAll('.ticket').forEach((node) => {
      node.classList.toggle('selected', node.dataset.orderId === id);
    });
  }

  /**
   * Puts a card in `columns[at]` or a later one; returns the column the next card goes to, or -1 when the card
   * belongs on the next page (never for the page's first card: that one is shown, continued as far as it goes).
   */
  place(card, columns, at, first) {
    columns[at].append(card);
    shrinkLongWords(card);
    if (fits(card, columns[at])) {
      return at;
    }
    if (columns[at].firstChild === card) {
      return this.continueCard(card, columns, at, first);
    }
    if (roomToStart(card, columns[at])) {
      const end = this.continueCard(card, columns, at, false);
      if (end !== -1) {
        return end;
      }
    }
    // whole, from the top of the next column (the page's first card is always first in its column)
    card.remove();
    return at + 1 < columns.length ? this.place(card, columns, at + 1, first) : -1;
  }

  /** Splits a card between its rows into "continued" parts in the following columns. */
  continueCard(card, columns, column, first) {
    const parts = [card];
    let part = card;
    let at = column;
    while (!fits(part, columns[at])) {
      if (at + 1 >= columns.length) {
        if (!first) {
          rejoin(parts);
          return -1;
        }
        this.markRest(part, columns[at]);
        break;
      }
      const rest = continuation(card);
      const rows = part.querySelector('.rows');
      const marker = el('p', { class: 'continued-marker', 'data-more': '' }, 'continued ▸');
      part.append(marker);
      // move lines from the end until the part fits with its marker; a part keeps at least one line
      while (!fits(part, columns[at]) && rows.children.length > 1) {
        rest.querySelector('.rows').prepend(rows.lastElementChild);
      }
      if (rest.querySelector('.rows').children.length === 0) {
        marker.remove();
        this.markRest(part, columns[at]);
        break;
      }
      at += 1;
      columns[at].append(rest);
      parts.push(rest);
      part = rest;
    }
    if (parts.length > 1) {
      parts.forEach((p, index) => {
        const of = p.querySelector('.part-of');
        if (of) {
          of.textContent = `(${index + 1}/${parts.length})`;
        }
      });
    }
    return at;
  }

  /** A part that cannot fit anywhere (one line taller than the screen): say there is more, never hide it. */
  markRest(part) {
    if (!part.querySelector('[data-more]')) {
      part.append(el('p', { class: 'continued-marker', 'data-more': '' }, 'more below — ticket too long for this screen'));
    }
  }
}

/** Undoes a split that ran out of columns: every line back on the first card, which leaves the page. */
function rejoin(parts) {
  const [card, ...rest] = parts;
  const rows = card.querySelector('.rows');
  rest.forEach((part) => {
    rows.append(...part.querySelector('.rows').children);
    part.remove();
  });
  card.querySelectorAll('.continued-marker').forEach((marker) => marker.remove());
  card.remove();
}

/** The "#42 continued (2/2)" card that takes the rest of a ticket's lines into the next column. */
function continuation(card) {
  return el('article', {
    class: `${card.className} continuation`,
    'aria-label': `${card.getAttribute('aria-label') || 'Ticket'}, continued`,
    dataset: { orderId: card.dataset.orderId, continues: card.dataset.number },
  },
  el('div', { class: 'continued-header' },
    el('span', { class: 'number' }, `#${card.dataset.number}`), ' continued ',
    el('span', { class: 'part-of' })),
  el('ul', { class: card.querySelector('.rows').className }));
}

/** Smallest a text may shrink to, relative to its size, so a single word longer than the column still fits. */
const MIN_SCALE = 0.6;

/**
 * Names wrap between words; a single word wider than its box (a German dish, a long code) shrinks until it fits
 * instead of being cut. Past MIN_SCALE it would be too small to read from the pass, so it breaks (visibly) instead.
 */
const WORDY = '.name, .modifier, .item-notes, .guest, .order-notes, .void-reason';

export function shrinkLongWords(root) {
  for (const node of root.querySelectorAll(WORDY)) {
    if (node.scrollWidth <= node.clientWidth + 1) {
      continue;
    }
    const size = Number.parseFloat(getComputedStyle(node).fontSize);
    let scale = 1;
    while (node.scrollWidth > node.clientWidth + 1 && scale > MIN_SCALE) {
      scale -= 0.05;
      node.style.fontSize = `${(size * scale).toFixed(1)}px`;
    }
    if (node.scrollWidth > node.clientWidth + 1) {
      node.classList.add('too-long');
    }
  }
}

function fits(card, column) {
  return card.getBoundingClientRect().bottom <= column.getBoundingClientRect().top + column.clientHeight + 0.5;
}

/** Whether the card's header, its first lines and a "continued" marker fit in what is left of the column. */
function roomToStart(card, column) {
  const rows = card.querySelector('.rows').children;
  if (rows.length <= LINES_BEFORE_A_BREAK) {
    return false;
  }
  const marker = 2 * (Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
  const bottom = column.getBoundingClientRect().top + column.clientHeight;
  return rows[LINES_BEFORE_A_BREAK - 1].getBoundingClientRect().bottom + marker <= bottom;
}

/**
 * The bump bar (it types keys like a keyboard; the keys are settings, ticketrail.screens.keys.*): select keys
 * pick a ticket of the page, page keys turn it, and `actions` ([{keys, run}]) act on the selected ticket. They
 * act whatever has the focus (captured before any button sees them): a button a cook tapped earlier must never
 * take the bump bar's Enter.
 */
export function bumpBar(keys, rail, actions = []) {
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest?.('select, input, textarea')) {
      return;
    }
    const key = event.key === ' ' ? 'Space' : event.key;
    const position = keys.select.indexOf(key);
    const action = actions.find((a) => a.keys.includes(key));
    if (position >= 0) {
      rail.select(position);
    } else if (action) {
      action.run(rail.selectedOrder());
    } else if (keys.nextPage.includes(key)) {
      rail.turn(1);
    } else if (keys.previousPage.includes(key)) {
      rail.turn(-1);
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    // Space presses a focused button on key up: take the focus away so it presses nothing
    if (document.activeElement instanceof HTMLElement && document.activeElement.closest('main')) {
      document.activeElement.blur();
    }
  }, true);
}
