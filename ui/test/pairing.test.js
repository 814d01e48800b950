import { test } from 'node:test';
import assert from 'node:assert/strict';

import { destination, pagePath, pairAgainUrl, remaining, safeNext, screenOf } from '../src/pairing.js';

test('a screen page names the location and view it asks to be paired for', () => {
  assert.deepEqual(screenOf('/l/demo/kitchen/grill'), { locationId: 'demo', view: 'station:grill' });
  assert.deepEqual(screenOf('/l/demo/board'), { locationId: 'demo', view: 'board' });
  assert.deepEqual(screenOf('/l/demo/expo?x=1'), { locationId: 'demo', view: 'expo' });
  assert.deepEqual(screenOf('/l/demo/foh'), { locationId: 'demo', view: 'foh' });
  assert.deepEqual(screenOf('/l/demo/manager'), { locationId: 'demo', view: 'manager' });
  assert.deepEqual(screenOf('/l/caf%C3%A9/kitchen/fry'), { locationId: 'café', view: 'station:fry' });
});

test('anything but a screen page asks for nothing', () => {
  for (const path of ['/', '/l/demo', '/l/demo/access', '/l/demo/kitchen', '/l/demo/kitchen/grill/x', '/x/demo/expo',
    '//evil.example/l/demo/expo', 'https://evil.example/l/demo/expo', '/l/%E0%A4%A/expo', null, undefined]) {
    assert.equal(screenOf(path), null, String(path));
  }
});

test('pagePath is the inverse of screenOf', () => {
  for (const path of ['/l/demo/kitchen/grill', '/l/demo/expo', '/l/demo/foh', '/l/demo/board', '/l/demo/manager']) {
    const { locationId, view } = screenOf(path);
    assert.equal(pagePath(locationId, view), path);
  }
  assert.equal(pagePath('demo', 'nonsense'), null);
});

test('only a local path is a place to go next', () => {
  assert.equal(safeNext('/l/demo/expo'), '/l/demo/expo');
  assert.equal(safeNext('//evil.example'), null);
  assert.equal(safeNext('/\\evil.example'), null);
  assert.equal(safeNext('https://evil.example'), null);
  assert.equal(safeNext('/l/demo\n/expo'), null);
  assert.equal(safeNext(''), null);
});

test('a paired screen opens the page it came for, else its first view', () => {
  const paired = { locationId: 'demo', views: ['station:fry', 'expo'] };
  assert.equal(destination('/l/demo/expo', paired), '/l/demo/expo');
  assert.equal(destination('/', paired), '/l/demo/kitchen/fry');
  assert.equal(destination('//evil.example', paired), '/l/demo/kitchen/fry');
  assert.equal(destination(null, { locationId: 'demo', views: [] }), '/');
});

test('a screen that lost access is sent to pairing, back to itself, marked revoked', () => {
  const url = new URL(pairAgainUrl('/l/demo/kitchen/grill'), 'http://kds');
  assert.equal(url.pathname, '/pair');
  assert.equal(url.searchParams.get('next'), '/l/demo/kitchen/grill');
  assert.equal(url.searchParams.get('revoked'), '1');
});

test('the countdown shows minutes and seconds, never below zero', () => {
  assert.equal(remaining(15 * 60 * 1000), '15:00');
  assert.equal(remaining(61500), '1:02');
  assert.equal(remaining(-5000), '0:00');
});
