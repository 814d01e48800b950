import { test } from 'node:test';
import assert from 'node:assert/strict';

import { localDate } from '../src/dates.js';

test('the report date is the location\'s, not UTC\'s', () => {
  // 19:00 in Los Angeles on 4 December is 03:00 UTC on 5 December
  const evening = Date.parse('2026-12-05T03:00:00Z');
  assert.equal(localDate(evening, 'America/Los_Angeles'), '2026-12-04');
  assert.equal(localDate(evening, 'UTC'), '2026-12-05');
  assert.equal(localDate(Date.parse('2026-12-04T23:30:00Z'), 'Asia/Tokyo'), '2026-12-05');
});
