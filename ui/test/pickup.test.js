import { test } from 'node:test';
import assert from 'node:assert/strict';

import { boardLists, byWaiting, nextHeldCourse } from '../src/pickup.js';

const at = (minute) => new Date(Date.UTC(2026, 11, 4, 18, minute)).toISOString();
const order = (number, fields) => ({
  number, id: `o${number}`, channel: 'TAKEOUT', status: 'IN_PROGRESS', placedAt: at(number), items: [], ...fields,
});

test('front of house: ready first, longest ready on top, then the rest oldest first', () => {
  const orders = [
    order(1, {}),
    order(2, { status: 'READY', readyAt: at(30) }),
    order(3, { status: 'READY', readyAt: at(20) }),
    order(4, { status: 'NEW', placedAt: at(0) }),
  ];
  assert.deepEqual(orders.sort(byWaiting).map((o) => o.number), [3, 2, 4, 1]);
});

test('the next held course is the lowest one still held, with its item count', () => {
  const items = [
    { status: 'DONE', course: 1 }, { status: 'HELD', course: 3 }, { status: 'HELD', course: 2 },
    { status: 'HELD', course: 2 }, { status: 'VOIDED', course: 2 },
  ];
  assert.deepEqual(nextHeldCourse({ items }), { course: 2, items: 2 });
  assert.equal(nextHeldCourse({ items: [{ status: 'QUEUED', course: 1 }] }), null);
});

test('the board shows counter channels only, newest ready first, and drops old ready numbers', () => {
  const orders = [
    order(1, { status: 'READY', readyAt: at(10) }),
    order(2, { status: 'READY', readyAt: at(40) }),
    order(3, { status: 'READY', readyAt: at(45), channel: 'DINE_IN' }),
    order(4, { status: 'READY', readyAt: at(44), channel: 'DELIVERY' }),
    order(5, { channel: 'PICKUP' }),
    order(6, { channel: 'DRIVE_THRU' }),
    order(7, { channel: 'DINE_IN' }),
  ];
  const lists = boardLists(orders, {
    channels: ['TAKEOUT', 'PICKUP', 'DELIVERY'], readyForMs: 15 * 60000, now: Date.parse(at(50)),
  });
  assert.deepEqual(lists.ready.map((o) => o.number), [4, 2]);
  assert.deepEqual(lists.preparing.map((o) => o.number), [5]);
});
