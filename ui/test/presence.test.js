import { test } from 'node:test';
import assert from 'node:assert/strict';

import { describe } from '../src/alarm.js';
import { ago, summarize } from '../src/presence.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');

test('an alarm says which station, why, which tickets and since when', () => {
  const line = describe({
    station: 'grill',
    kind: 'STATION',
    raisedAt: '2026-12-04T11:59:50Z',
    detail: {
      stationName: 'Grill',
      reasons: ['NO_SCREEN', 'UNSEEN'],
      tickets: [{ number: 12 }, { number: 14 }, { number: 12 }],
      since: '2026-12-04T11:58:30Z',
    },
  }, NOW);
  assert.equal(line.title, 'Grill');
  assert.equal(line.reasons, 'no screen is showing its tickets, tickets not seen on its screen');
  assert.equal(line.tickets, '#12 #14');
  assert.equal(line.since, '1 min 30 s');
});

test('a printer alarm is named as the printer', () => {
  const line = describe({ station: 'grill', kind: 'PRINTER', raisedAt: '2026-12-04T11:59:55Z',
    detail: { stationName: 'Grill', reasons: ['PRINTER'] } }, NOW);
  assert.equal(line.title, 'Grill printer');
  assert.equal(line.since, '5 s');
});

test("a paired screen's feeds fold into its best state and its latest sighting", () => {
  const summary = summarize([
    { state: 'offline', view: 'station:grill', station: 'grill', transport: 'sse', lastSeen: '2026-12-04T11:59:58Z' },
    { state: 'live', view: 'station:grill', station: 'grill', transport: 'websocket', lastSeen: '2026-12-04T11:59:40Z' },
  ], NOW);
  assert.equal(summary.state, 'live');
  assert.equal(summary.text, 'live · grill (websocket) · seen 2 s ago');
  assert.equal(summarize([], NOW).state, 'offline');
  assert.equal(ago('2026-12-04T10:00:00Z', NOW), '2 h ago');
});
