import { test } from 'node:test';
import assert from 'node:assert/strict';

import { destination, pagePath, pairAgainUrl, remaining, safeNext, screenOf } from '../src/pairing.js';

/** As the server hands them out with a page's config (ScreenView.config()). */
const VIEWS = [
  { name: 'station', label: 'Kitchen', page: 'kitchen', perStation: true },
  { name: 'expo', label: 'Expo', page: 'expo', perStation: false },
  { name: 'foh', label: 'Front of house', page: 'foh', perStation: false },
  { name: 'board', label: 'Pickup board', page: 'board', perStation: false },
  { name: 'manager', label: 'Manager', page: 'manager', perStation: false },
];

test('a screen page names the location and view it asks to be paired for', () => {
  assert.deepEqual(screenOf('/l/demo/kitchen/grill', VIEWS), { locationId: 'demo', view: 'station:grill' });
  assert.deepEqual(screenOf('/l/demo/board', VIEWS), { locationId: 'demo', view: 'board' });
  assert.deepEqual(screenOf('/l/demo/expo?x=1', VIEWS), { locationId: 'demo', view: 'expo' });
  assert.deepEqual(screenOf('/l/demo/foh', VIEWS), { locationId: 'demo', view: 'foh' });
  assert.deepEqual(screenOf('/l/demo/manager', VIEWS), { locationId: 'demo', view: 'manager' });
  assert.deepEqual(screenOf('/l/caf%C3%A9/kitchen/fry', VIEWS), { locationId: 'café', view: 'station:fry' });
});

test('anything but a screen page asks for nothing', () => {
  for (const path of ['/', '/l/demo', '/l/demo/access', '/l/demo/kitchen', '/l/demo/kitchen/grill/x', '/x/demo/expo',
    '//evil.example/l/demo/expo', 'https://evil.example/l/demo/expo', '/l/%E0%A4%A/expo', null, undefined]) {
    assert.equal(screenOf(path, VIEWS), null, String(path));
  }
});

test('pagePath is the inverse of screenOf', () => {
  for (const path of ['/l/demo/kitchen/grill', '/l/demo/expo', '/l/demo/foh', '/l/demo/board', '/l/demo/manager']) {
    const { locationId, view } = screenOf(path, VIEWS);
    assert.equal(pagePath(locationId, view, VIEWS), path);
  }
  assert.equal(pagePath('demo', 'nonsense', VIEWS), null);
  assert.equal(pagePath('demo', 'station:', VIEWS), null);
  assert.equal(pagePath('demo', 'expo:grill', VIEWS), null);
});

test('the views are the server\'s: a view it does not hand out has no page, and a new one has', () => {
  const withoutBoard = VIEWS.filter((v) => v.name !== 'board');
  assert.equal(screenOf('/l/demo/board', withoutBoard), null);
  assert.equal(pagePath('demo', 'board', withoutBoard), null);
  const withBar = [...VIEWS, { name: 'bar', page: 'bar-screen', perStation: true }];
  assert.deepEqual(screenOf('/l/demo/bar-screen/taps', withBar), { locationId: 'demo', view: 'bar:taps' });
  assert.equal(pagePath('demo', 'bar:taps', withBar), '/l/demo/bar-screen/taps');
  assert.equal(screenOf('/l/demo/expo', undefined), null);
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
  assert.equal(destination('/l/demo/expo', paired, VIEWS), '/l/demo/expo');
  assert.equal(destination('/', paired, VIEWS), '/l/demo/kitchen/fry');
  assert.equal(destination('//evil.example', paired, VIEWS), '/l/demo/kitchen/fry');
  assert.equal(destination(null, { locationId: 'demo', views: [] }, VIEWS), '/');
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
