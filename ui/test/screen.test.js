import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fireOrder, refusal } from '../src/screen.js';
import { columnCount, columnsOverride } from '../src/ticket-columns.js';

const ticket = (number, firedAt, priority = 'NORMAL') => ({
  number, priority, placedAt: '2026-12-04T10:00:00Z', firedAt,
});

test('rush tickets come first, then by fire time, then by number', () => {
  const tickets = [
    ticket(1, '2026-12-04T10:00:00Z'),
    ticket(2, '2026-12-04T10:05:00Z', 'RUSH'),
    ticket(3, '2026-12-04T10:01:00Z'),
    ticket(4, '2026-12-04T10:03:00Z', 'RUSH'),
    ticket(5, '2026-12-04T10:00:00Z'),
  ];
  assert.deepEqual(fireOrder(tickets).map((t) => t.number), [4, 2, 1, 5, 3]);
});

test('a course fired late sorts by its fire time, not by placement', () => {
  const dessert = { number: 1, priority: 'NORMAL', placedAt: '2026-12-04T10:00:00Z', firedAt: '2026-12-04T10:40:00Z' };
  const burger = { number: 2, priority: 'NORMAL', placedAt: '2026-12-04T10:20:00Z' };
  assert.deepEqual(fireOrder([dessert, burger]).map((t) => t.number), [2, 1]);
});

test('a refusal names the ticket and never an id', () => {
  assert.equal(refusal(42, 409, { title: 'Illegal transition', detail: 'Order 42 still has 2 items not done' }),
    '#42: Order 42 still has 2 items not done');
  assert.equal(refusal(42, 409, {
    title: 'Recall window passed',
    detail: 'Item 0b5c7f7e-3f65-4a36-9f0e-5b2f7b0f9d11 cannot be recalled',
  }), '#42: Recall window passed');
  assert.equal(refusal(7, 403, {}), '#7: this screen may not do that');
  assert.equal(refusal(7, 500, {}), '#7: refused (500)');
});

test('columns follow the width and keep each one readable; an override wins', () => {
  // 20 px rem, 12 px gap: a kitchen screen's tickets beside a 14rem all-day panel, and without it
  assert.equal(columnCount(1604, 20, 12, null), 5);
  assert.equal(columnCount(1896, 20, 12, null), 6);
  assert.equal(columnCount(1050, 20, 12, null), 3);
  assert.equal(columnCount(1342, 20, 12, null), 4);
  assert.equal(columnCount(708, 20, 12, null), 2);
  assert.equal(columnCount(1000, 20, 12, null), 3);
  assert.equal(columnCount(200, 20, 12, null), 1);
  assert.equal(columnCount(1896, 20, 12, 3), 3);
  assert.equal(columnsOverride('?columns=4'), 4);
  assert.equal(columnsOverride('?columns=0'), null);
  assert.equal(columnsOverride('?columns=x'), null);
});
