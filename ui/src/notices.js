// Notices: what changed on a ticket after it reached the line (added, voided, quantity or note changed, course
// fired, order cancelled), shown as a banner that stays until a cook acknowledges it. Shared by the kitchen and
// expo screens; the server keeps what each screen acknowledged, so every screen of a station clears together.

import { command, el } from './screen.js';

/** The banner line of one notice, as a cook reads it at a glance. */
export function noticeText(notice) {
  const item = notice.itemName || '';
  switch (notice.kind) {
    case 'ADDED':
      return `+ ADDED: ${notice.qty} ${item}`;
    case 'VOIDED':
      return `VOID: ${item}${notice.text ? ` — ${notice.text}` : ''}`;
    case 'QTY_CHANGED':
      return `QTY ${notice.previousQty}→${notice.qty}: ${item}`;
    case 'NOTE_CHANGED':
      return `NOTE CHANGED: ${item} — ${notice.text || 'note removed'}`;
    case 'COURSE_FIRED':
      return `COURSE ${notice.course} FIRED`;
    case 'CANCELLED':
      return `CANCELLED${notice.text ? ` — ${notice.text}` : ''}`;
    default:
      return String(notice.kind);
  }
}

/**
 * What is left of a ticket on this screen: `CANCELLED` for a cancelled order, `VOID` when every item it shows
 * was voided (the screen keeps it only until the cook acknowledges), else null for a ticket to cook.
 */
export function goneKind(order) {
  if (order.status === 'CANCELLED') {
    return 'CANCELLED';
  }
  const items = order.items || [];
  return items.length > 0 && items.every((i) => i.status === 'VOIDED') ? 'VOID' : null;
}

/** Held courses in course order: [{course, count}], so a ticket shows "Course 2 held · 3 items" in one row. */
export function heldCourses(items) {
  const counts = new Map();
  for (const item of items || []) {
    if (item.status === 'HELD') {
      counts.set(item.course, (counts.get(item.course) || 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([course, count]) => ({ course, count }));
}

export function heldText({ course, count }) {
  return `Course ${course} held · ${count} item${count === 1 ? '' : 's'}`;
}

/** The items a ticket lists one by one: all but held ones, which {@link heldRow} sums up. */
export function listedItems(items) {
  return (items || []).filter((i) => i.status !== 'HELD');
}

/** One compact ticket row for the held courses ("Course 2 held · 3 items"), or null when nothing is held. */
export function heldRow(items) {
  const held = heldCourses(items);
  return held.length === 0 ? null : el('li', { class: 'row held-courses' },
    held.map((h) => el('span', { class: 'held-course' }, heldText(h))));
}

/**
 * The rows a ticket starts with: a VOID or CANCELLED label when nothing is left to cook, and the banner with
 * every notice this screen has not acknowledged, as one button: a tap acknowledges them all.
 */
export function noticeRows(order, onAck) {
  const notices = order.notices || [];
  const gone = goneKind(order);
  const rows = [];
  if (gone) {
    rows.push(el('li', { class: `row gone-label gone-${gone.toLowerCase()}` },
      gone === 'VOID' ? 'VOID · nothing left to cook' : 'CANCELLED · stop cooking'));
  }
  if (notices.length > 0) {
    const loud = notices.some((n) => n.kind === 'VOIDED' || n.kind === 'CANCELLED');
    rows.push(el('li', { class: 'row notice-row' }, el('button', {
      type: 'button',
      class: `notice-banner${loud ? ' notice-loud' : ''}`,
      'aria-label': `Order ${order.number} changed: ${notices.map(noticeText).join('; ')}. Tap to acknowledge`,
      dataset: { focus: `n-${order.id}` },
      onclick: (event) => {
        event.currentTarget.blur();
        onAck();
      },
    },
    el('span', { class: 'notice-lines' }, notices.map((n) => el('span', {
      class: `notice-line notice-${n.kind.toLowerCase()}`,
    }, noticeText(n)))),
    el('span', { class: 'notice-hint', 'aria-hidden': 'true' }, 'Tap to acknowledge'))));
  }
  return rows;
}

/** Ticket classes for a gone ticket (a VOID or CANCELLED card), so it cannot be taken for one to cook. */
export function goneClasses(order) {
  const gone = goneKind(order);
  return gone ? ['gone', `gone-${gone.toLowerCase()}`] : [];
}

/**
 * Acknowledges this screen's notices on the order, at the version the cook saw: a notice that arrived since
 * makes it a 412 and the banner stays with the new line. A 409 means another screen of the station was
 * quicker; neither is an error to show.
 */
export function acknowledge(config, order, view) {
  return command(config, order.id, 'notices/ack', {
    body: { view }, ticket: order.number, ifMatch: order.version, quietConflict: true,
  });
}

/** Which notices are new since the last render, for the change tone; those present at load are not new. */
export class NoticeWatch {
  constructor() {
    this.seen = null;
  }

  /** The number of notices not seen before among these orders'. */
  take(orders) {
    const ids = [];
    for (const order of orders) {
      for (const notice of order.notices || []) {
        ids.push(notice.id);
      }
    }
    if (this.seen === null) {
      this.seen = new Set(ids);
      return 0;
    }
    const fresh = ids.filter((id) => !this.seen.has(id));
    fresh.forEach((id) => this.seen.add(id));
    return fresh.length;
  }
}

/**
 * Expo's recently-ready strip: ready orders whose ready time is within the recall window (so Recall still
 * works), newest first, at most `limit`.
 */
export function recentlyReady(orders, now, windowMs, limit) {
  return [...orders]
    .filter((o) => o.status === 'READY' && o.readyAt && now - Date.parse(o.readyAt) <= windowMs)
    .sort((a, b) => Date.parse(b.readyAt) - Date.parse(a.readyAt))
    .slice(0, limit);
}
