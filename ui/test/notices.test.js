import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  NoticeWatch, goneKind, heldCourses, heldText, noticeText, recentlyReady,
} from '../src/notices.js';

test('each notice kind reads as a cook expects it', () => {
  assert.equal(noticeText({ kind: 'ADDED', itemName: 'Fries', qty: 2 }), '+ ADDED: 2 Fries');
  assert.equal(noticeText({ kind: 'VOIDED', itemName: 'Ribeye', text: 'guest changed mind' }),
    'VOID: Ribeye — guest changed mind');
  assert.equal(noticeText({ kind: 'VOIDED', itemName: 'Ribeye' }), 'VOID: Ribeye');
  assert.equal(noticeText({ kind: 'QTY_CHANGED', itemName: 'Fries', previousQty: 1, qty: 2 }), 'QTY 1→2: Fries');
  assert.equal(noticeText({ kind: 'NOTE_CHANGED', itemName: 'Burger', text: 'no salt' }), 'NOTE CHANGED: Burger — no salt');
  assert.equal(noticeText({ kind: 'COURSE_FIRED', course: 2 }), 'COURSE 2 FIRED');
  assert.equal(noticeText({ kind: 'CANCELLED', text: 'walked out' }), 'CANCELLED — walked out');
});

test('a ticket is a VOID card when all it shows was voided, a CANCELLED card when the order was', () => {
  assert.equal(goneKind({ status: 'IN_PROGRESS', items: [{ status: 'VOIDED' }] }), 'VOID');
  assert.equal(goneKind({ status: 'IN_PROGRESS', items: [{ status: 'VOIDED' }, { status: 'QUEUED' }] }), null);
  assert.equal(goneKind({ status: 'CANCELLED', items: [{ status: 'QUEUED' }] }), 'CANCELLED');
});

test('held items collapse to one row per course', () => {
  const held = heldCourses([{ status: 'HELD', course: 3 }, { status: 'QUEUED', course: 1 },
    { status: 'HELD', course: 2 }, { status: 'HELD', course: 2 }]);
  assert.deepEqual(held, [{ course: 2, count: 2 }, { course: 3, count: 1 }]);
  assert.equal(heldText(held[0]), 'Course 2 held · 2 items');
  assert.equal(heldText(held[1]), 'Course 3 held · 1 item');
});

test('notices present at load do not chime; later ones do, once', () => {
  const watch = new NoticeWatch();
  assert.equal(watch.take([{ notices: [{ id: 'a' }] }]), 0);
  assert.equal(watch.take([{ notices: [{ id: 'a' }, { id: 'b' }] }]), 1);
  assert.equal(watch.take([{ notices: [{ id: 'b' }] }]), 0);
});

test('the recently-ready strip keeps the newest ready orders within the recall window', () => {
  const now = Date.parse('2026-12-04T12:10:00Z');
  const ready = (id, at) => ({ id, status: 'READY', readyAt: at });
  const orders = [ready('old', '2026-12-04T12:04:00Z'), ready('a', '2026-12-04T12:08:00Z'),
    ready('b', '2026-12-04T12:09:00Z'), ready('c', '2026-12-04T12:09:30Z'), { id: 'cooking', status: 'IN_PROGRESS' }];
  assert.deepEqual(recentlyReady(orders, now, 5 * 60_000, 2).map((o) => o.id), ['c', 'b']);
  assert.deepEqual(recentlyReady(orders, now, 5 * 60_000, 10).map((o) => o.id), ['c', 'b', 'a']);
});
