import { test } from 'node:test';
import assert from 'node:assert/strict';

import { describe } from '../src/webhooks.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');

test('an active endpoint says how far it delivered', () => {
  const text = describe({
    state: 'ACTIVE', deliveredSeq: 42, lastSuccessAt: '2026-12-04T11:59:30Z', lastStatus: 204,
  }, NOW);
  assert.equal(text.state, 'active');
  assert.equal(text.delivered, '30 s ago, up to seq 42');
  assert.equal(text.failure, '–');
});

test('a failing endpoint says since when and why', () => {
  const text = describe({
    state: 'ACTIVE', deliveredSeq: 7, failingSince: '2026-12-04T11:58:00Z', lastError: 'HTTP 503',
  }, NOW);
  assert.equal(text.delivered, 'none yet, from seq 7');
  assert.equal(text.failure, 'failing since 2 min ago: HTTP 503');
});

test('a paused endpoint says why it was paused', () => {
  const text = describe({
    state: 'PAUSED', deliveredSeq: 7, pausedAt: '2026-12-04T10:00:00Z', pausedReason: 'Failing since …: HTTP 500',
    failingSince: '2026-12-04T09:00:00Z', lastError: 'HTTP 500',
  }, NOW);
  assert.equal(text.state, 'paused 2 h ago: Failing since …: HTTP 500');
});
