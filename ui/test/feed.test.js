import { test } from 'node:test';
import assert from 'node:assert/strict';

import { FeedState, Outcome } from '../src/feed-state.js';
import {
  CLOSE_UNAUTHORIZED, DATABASE_REASON, FeedClient, QUIET_MS, Status, backoff, feedUrls, liveness, newest,
  refusesAccess,
} from '../src/feed.js';

const E1 = '11111111-1111-1111-1111-111111111111';
const E2 = '22222222-2222-2222-2222-222222222222';

const order = (id, version, extra = {}) => ({ id, version, number: 1, status: 'NEW', items: [], ...extra });
const snapshot = (epoch, seq, orders) => ({ type: 'snapshot', epoch, seq, serverTime: new Date().toISOString(), orders });
const diff = (epoch, from, to, changes) => ({ type: 'diff', epoch, from, to, serverTime: new Date().toISOString(), changes });
const upsert = (o) => ({ op: 'upsert', order: o });

test('a diff from our seq is applied and moves us to its to', () => {
  const state = FeedState.from(snapshot(E1, 5, [order('a', 1)]));
  assert.equal(state.apply(diff(E1, 5, 7, [upsert(order('b', 0)), { op: 'remove', orderId: 'a', version: 2 }])), Outcome.APPLIED);
  assert.equal(state.seq, 7);
  assert.deepEqual([...state.orders.keys()], ['b']);
});

test('a duplicate diff is ignored', () => {
  const state = FeedState.from(snapshot(E1, 5, []));
  const d = diff(E1, 5, 6, [upsert(order('a', 0))]);
  assert.equal(state.apply(d), Outcome.APPLIED);
  assert.equal(state.apply(d), Outcome.DUPLICATE);
  assert.equal(state.apply(diff(E1, 3, 6, [upsert(order('a', 0, { status: 'READY' }))])), Outcome.DUPLICATE);
  assert.equal(state.seq, 6);
  assert.equal(state.orders.size, 1);
  assert.equal(state.orders.get('a').status, 'NEW');
});

test('a gap triggers a resume and changes nothing', () => {
  const state = FeedState.from(snapshot(E1, 5, [order('a', 1)]));
  assert.equal(state.apply(diff(E1, 6, 8, [upsert(order('b', 0))])), Outcome.RESUME);
  assert.equal(state.seq, 5);
  assert.deepEqual([...state.orders.keys()], ['a']);
});

test('an epoch change replaces the state with the snapshot', () => {
  const state = FeedState.from(snapshot(E1, 50, [order('a', 1), order('b', 1)]));
  assert.equal(state.apply(diff(E2, 50, 51, [upsert(order('c', 0))])), Outcome.RESUME);
  assert.equal(state.apply(snapshot(E2, 3, [order('c', 0)])), Outcome.APPLIED);
  assert.equal(state.epoch, E2);
  assert.equal(state.seq, 3);
  assert.deepEqual([...state.orders.keys()], ['c']);
});

test('a ping ahead of us triggers a resume; a ping at our seq does not', () => {
  const state = FeedState.from(snapshot(E1, 5, []));
  assert.equal(state.apply({ type: 'ping', seq: 5 }), Outcome.IN_SYNC);
  assert.equal(state.apply({ type: 'ping', seq: 6 }), Outcome.RESUME);
});

test('a stale upsert never overwrites a newer version', () => {
  const state = FeedState.from(snapshot(E1, 5, [order('a', 4, { status: 'READY' })]));
  assert.equal(state.apply(diff(E1, 5, 6, [upsert(order('a', 3))])), Outcome.APPLIED);
  assert.equal(state.orders.get('a').status, 'READY');
});

test('the feed goes to the page host, wss under https', () => {
  const urls = feedUrls({ protocol: 'https:', host: 'kds.example:8443' }, 'demo', { kind: 'station', station: 'grill' });
  assert.equal(urls.websocket, 'wss://kds.example:8443/ws/v1/locations/demo/feed?view=station&station=grill');
  assert.equal(urls.sse, 'https://kds.example:8443/api/v1/locations/demo/feed?view=station&station=grill');
  assert.match(feedUrls({ protocol: 'http:', host: 'h' }, 'demo', { kind: 'expo' }).websocket, /^ws:\/\/h\//);
});

test('backoff doubles, is capped, and is jittered', () => {
  assert.equal(backoff(1, () => 1), 500);
  assert.equal(backoff(3, () => 1), 2000);
  assert.equal(backoff(30, () => 1), 8000);
  assert.equal(backoff(30, () => 0), 4000);
});

test('a kept position only wins when it is later in the same epoch', () => {
  const embedded = snapshot(E1, 5, []);
  assert.equal(newest(embedded, snapshot(E1, 7, [])).seq, 7);
  assert.equal(newest(embedded, snapshot(E1, 4, [])).seq, 5);
  assert.equal(newest(embedded, snapshot(E2, 9, [])).epoch, E1);
});

/** A browser stand-in: sockets that record what the client sends; timers run when the test says. */
function fakeBrowser() {
  const sockets = [];
  const timers = [];
  const intervals = [];
  class FakeSocket {
    constructor(url) {
      this.url = url;
      this.sent = [];
      sockets.push(this);
    }
    send(text) {
      this.sent.push(JSON.parse(text));
    }
    close() {
      this.closed = true;
      this.onclose?.();
    }
    serverSends(message) {
      this.onmessage({ data: JSON.stringify(message) });
    }
  }
  const store = new Map();
  return {
    sockets,
    /** Runs the repeating timers once (the silence watchdog). */
    runIntervals() {
      intervals.forEach((fn) => fn());
    },
    /** Runs the timers due within `ms` (reconnects), keeping the longer ones (first-message deadlines). */
    runTimers(ms = 1000) {
      const due = timers.filter((t) => t.ms <= ms);
      timers.splice(0, timers.length, ...timers.filter((t) => t.ms > ms));
      due.forEach((t) => t.fn());
    },
    runAllTimers() {
      timers.splice(0).forEach((t) => t.fn());
    },
    env: {
      location: { protocol: 'http:', host: 'kds' },
      WebSocket: FakeSocket,
      EventSource: class {},
      sessionStorage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) },
      setTimeout: (fn, ms) => timers.push({ fn, ms }) && timers.length,
      clearTimeout: () => {},
      setInterval: (fn) => {
        intervals.push(fn);
        return intervals.length;
      },
      clearInterval: () => {},
      addEventListener: () => {},
    },
  };
}

test('the client resumes from where it is after a gap, and goes live again', () => {
  const browser = fakeBrowser();
  const statuses = [];
  const client = new FeedClient({
    locationId: 'demo',
    view: { kind: 'expo' },
    initial: snapshot(E1, 5, [order('a', 0)]),
    onUpdate: () => {},
    onStatus: (s) => statuses.push(s.state),
    env: browser.env,
  }).start();
  const first = browser.sockets[0];
  first.onopen();
  assert.deepEqual(first.sent[0], { type: 'hello', resume: { epoch: E1, seq: 5 } });
  first.serverSends({ type: 'ping', seq: 5, serverTime: new Date().toISOString() });
  assert.equal(client.status.state, Status.LIVE);

  first.serverSends(diff(E1, 7, 8, [upsert(order('b', 0))]));
  assert.equal(client.status.state, Status.RESYNCING);
  assert.equal(first.closed, true);
  browser.runTimers();
  const second = browser.sockets[1];
  second.onopen();
  assert.deepEqual(second.sent[0], { type: 'hello', resume: { epoch: E1, seq: 5 } });
  second.serverSends(diff(E1, 5, 8, [upsert(order('b', 0))]));
  assert.equal(client.state.seq, 8);
  assert.equal(client.status.state, Status.LIVE);
  assert.deepEqual(statuses.filter((s, i) => s !== statuses[i - 1]), ['connecting', 'live', 'resyncing', 'live']);
});

test('after repeated WebSocket failures the client falls back to SSE', () => {
  const browser = fakeBrowser();
  const sources = [];
  browser.env.EventSource = class {
    constructor(url) {
      this.url = url;
      sources.push(this);
    }
    close() {}
  };
  const client = new FeedClient({ locationId: 'demo', view: { kind: 'foh' }, onUpdate: () => {}, env: browser.env }).start();
  for (let i = 0; i < 3; i++) {
    browser.sockets[i].onclose();
    assert.equal(client.status.state, Status.RECONNECTING);
    browser.runTimers(4000);
  }
  assert.equal(browser.sockets.length, 3);
  assert.equal(sources.length, 1);
  assert.match(sources[0].url, /^http:\/\/kds\/api\/v1\/locations\/demo\/feed\?view=foh&screen=[0-9a-f-]{36}$/);
});

test('on SSE the client tries WebSocket again at a reconnect two minutes later', () => {
  const browser = fakeBrowser();
  let time = 0;
  browser.env.now = () => time;
  const sources = [];
  browser.env.EventSource = class {
    constructor(url) {
      sources.push(this);
    }
    close() {}
  };
  new FeedClient({ locationId: 'demo', view: { kind: 'foh' }, onUpdate: () => {}, env: browser.env }).start();
  for (let i = 0; i < 3; i++) {
    browser.sockets[i].onclose();
    browser.runTimers(4000);
  }
  assert.equal(sources.length, 1);

  sources[0].onerror();
  browser.runTimers(10000);
  assert.equal(sources.length, 2, 'soon after, SSE again');
  assert.equal(browser.sockets.length, 3);

  time = 2 * 60 * 1000;
  sources[1].onerror();
  browser.runTimers(10000);
  assert.equal(browser.sockets.length, 4, 'later, WebSocket is tried again');

  browser.sockets[3].onclose();
  browser.runTimers(10000);
  assert.equal(sources.length, 3, 'and one more failure goes straight back to SSE');
});

test('a connection that brings no first message in time is given up and tried again', () => {
  const browser = fakeBrowser();
  const client = new FeedClient({ locationId: 'demo', view: { kind: 'expo' }, onUpdate: () => {}, env: browser.env }).start();
  browser.sockets[0].onopen();
  browser.runAllTimers();
  assert.equal(browser.sockets[0].closed, true);
  assert.equal(client.status.state, Status.RECONNECTING);
  browser.runTimers(10000);
  assert.equal(browser.sockets.length, 2);
});

test('a close with 4401 stops the client for good and says the access was revoked', () => {
  const browser = fakeBrowser();
  let revoked = 0;
  const client = new FeedClient({
    locationId: 'demo', view: { kind: 'board' }, onUpdate: () => {}, onRevoked: () => { revoked += 1; }, env: browser.env,
  }).start();
  browser.sockets[0].onopen();
  browser.sockets[0].serverSends(snapshot(E1, 3, []));
  assert.equal(client.status.state, Status.LIVE);
  browser.sockets[0].onclose({ code: CLOSE_UNAUTHORIZED });
  assert.equal(client.status.state, Status.REVOKED);
  assert.equal(revoked, 1);
  browser.runAllTimers();
  assert.equal(browser.sockets.length, 1, 'no reconnect');
});

/** An expo client whose first WebSocket fails before any message, and whose feed then answers `status`. */
async function failedOnce(status) {
  const browser = fakeBrowser();
  const asked = [];
  browser.env.fetch = async (url) => {
    asked.push(url);
    return { status };
  };
  const seen = { revoked: 0, asked, browser };
  seen.client = new FeedClient({
    locationId: 'demo', view: { kind: 'expo' }, onUpdate: () => {}, onRevoked: () => { seen.revoked += 1; }, env: browser.env,
  }).start();
  browser.sockets[0].onclose({ code: 1006 });
  await new Promise((resolve) => setImmediate(resolve));
  return seen;
}

test('a connection refused for its credential (401 or 403 for the session) stops the client', async () => {
  for (const status of [401, 403]) {
    const { asked, browser, client, revoked } = await failedOnce(status);
    assert.deepEqual(asked, ['http://kds/api/v1/session']);
    assert.equal(client.status.state, Status.REVOKED);
    assert.equal(revoked, 1);
    browser.runAllTimers();
    assert.equal(browser.sockets.length, 1, `no reconnect after ${status}`);
  }
});

test('asking why a connection failed opens no feed: it would hold one of the four a screen may have', async () => {
  const browser = fakeBrowser();
  const asked = [];
  let sources = 0;
  browser.env.EventSource = class {
    constructor() {
      sources += 1;
    }
    close() {}
  };
  browser.env.fetch = async (url, init) => {
    asked.push({ url, accept: init?.headers?.Accept });
    return { status: 200 };
  };
  new FeedClient({ locationId: 'demo', view: { kind: 'expo' }, onUpdate: () => {}, env: browser.env }).start();
  browser.sockets[0].onclose({ code: 1006 });
  await new Promise((resolve) => setImmediate(resolve));

  assert.equal(asked.length, 1);
  assert.doesNotMatch(asked[0].url, /\/feed/);
  assert.notEqual(asked[0].accept, 'text/event-stream');
  assert.equal(sources, 0);
});

test('a failed connection whose credential is fine is simply tried again', async () => {
  const { browser, client, revoked } = await failedOnce(200);
  assert.equal(client.status.state, Status.RECONNECTING);
  assert.equal(revoked, 0);
  browser.runTimers(4000);
  assert.equal(browser.sockets.length, 2);
});

/** A server that is up but cannot reach its database: every upgrade fails, the session check answers 503. */
function databaseAway(browser) {
  const asked = [];
  browser.env.fetch = async (url) => {
    asked.push(url);
    return { status: 503, json: async () => ({ type: '/problems/database-unavailable', status: 503 }) };
  };
  return asked;
}

test('a server without its database: the screen keeps its tickets, says why, and retries WebSocket until back', async () => {
  const browser = fakeBrowser();
  databaseAway(browser);
  const client = new FeedClient({
    locationId: 'demo', view: { kind: 'expo' }, initial: snapshot(E1, 3, [order('a', 1)]), onUpdate: () => {}, env: browser.env,
  }).start();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    browser.sockets.at(-1).onclose({ code: 1006 });
    await new Promise((resolve) => setImmediate(resolve));
    browser.runTimers(8000);
  }

  assert.equal(client.status.reason, DATABASE_REASON);
  assert.equal(liveness(client.status).live, false);
  assert.equal(liveness(client.status).reason, DATABASE_REASON);
  assert.deepEqual([...client.state.orders.keys()], ['a']);
  assert.equal(client.useSse, false, 'refused upgrades while the database is away say nothing about WebSocket');

  const back = browser.sockets.at(-1);
  back.onopen();
  back.serverSends({ type: 'ping', seq: 3, serverTime: new Date().toISOString() });
  assert.equal(client.status.reason, null);
  assert.equal(liveness(client.status).live, true);
});

test('a live connection that misses its pings asks the server why', async () => {
  const browser = fakeBrowser();
  const asked = databaseAway(browser);
  const client = new FeedClient({ locationId: 'demo', view: { kind: 'expo' }, onUpdate: () => {}, env: browser.env }).start();
  browser.sockets[0].onopen();
  browser.sockets[0].serverSends(snapshot(E1, 1, []));
  browser.runIntervals();
  assert.deepEqual(asked, [], 'a screen that hears its pings asks nothing');

  client.status.lastMessageAt = Date.now() - QUIET_MS - 1000;
  browser.runIntervals();
  await new Promise((resolve) => setImmediate(resolve));

  assert.deepEqual(asked, ['http://kds/api/v1/session']);
  assert.equal(client.status.reason, DATABASE_REASON);
  assert.equal(browser.sockets[0].closed, undefined, 'the connection is kept until the watchdog gives it up');
});

test('a live screen told its server lost the database says why at once, keeps its tickets and connection, and goes live when told it is back', () => {
  const browser = fakeBrowser();
  const client = new FeedClient({ locationId: 'demo', view: { kind: 'expo' }, onUpdate: () => {}, env: browser.env }).start();
  const socket = browser.sockets[0];
  socket.onopen();
  socket.serverSends(snapshot(E1, 3, [order('a', 1)]));
  const updated = client.status.lastMessageAt;

  socket.serverSends({ type: 'status', database: 'unreachable', since: new Date().toISOString(), serverTime: new Date().toISOString() });
  assert.equal(client.status.reason, DATABASE_REASON);
  assert.equal(liveness(client.status).live, false);
  assert.equal(liveness(client.status).phase, 'still connected');
  assert.equal(client.status.lastMessageAt, updated, 'the age shown is of the last update, not of the status');
  assert.deepEqual([...client.state.orders.keys()], ['a']);

  // the server repeats it in place of pings: the connection is heard, so the watchdog keeps it
  client.status.lastMessageAt = Date.now() - 41000;
  socket.serverSends({ type: 'status', database: 'unreachable', since: new Date().toISOString(), serverTime: new Date().toISOString() });
  browser.runIntervals();
  assert.equal(socket.closed, undefined);
  assert.equal(browser.sockets.length, 1);
  assert.equal(liveness(client.status).live, false);

  socket.serverSends({ type: 'status', database: 'reachable', serverTime: new Date().toISOString() });
  socket.serverSends({ type: 'ping', seq: 3, serverTime: new Date().toISOString() });
  assert.equal(client.status.reason, null);
  assert.equal(liveness(client.status).live, true);
  assert.equal(client.state.seq, 3);
});

test('only 401 and 403 mean the credential is refused', () => {
  assert.equal(refusesAccess(401), true);
  assert.equal(refusesAccess(403), true);
  for (const status of [200, 404, 429, 500, 503]) {
    assert.equal(refusesAccess(status), false);
  }
});

test('a connection silent past the watchdog shows as reconnecting while a new one is tried', () => {
  const browser = fakeBrowser();
  const client = new FeedClient({ locationId: 'demo', view: { kind: 'expo' }, onUpdate: () => {}, env: browser.env }).start();
  browser.sockets[0].onopen();
  browser.sockets[0].serverSends(snapshot(E1, 1, []));
  assert.equal(client.status.state, Status.LIVE);

  client.status.lastMessageAt = Date.now() - 41000;
  browser.runIntervals();

  assert.equal(client.status.state, Status.RECONNECTING);
  assert.equal(browser.sockets[0].closed, true);
  assert.equal(liveness(client.status).live, false);
  assert.equal(liveness(client.status).phase, 'reconnecting');
  browser.runTimers();
  browser.sockets[1].onopen();
  browser.sockets[1].serverSends({ type: 'ping', seq: 1, serverTime: new Date().toISOString() });
  assert.equal(liveness(client.status).live, true);
});

test('a screen is live only while connected, recently heard and without a reason', () => {
  const now = 1_000_000;
  const live = { state: Status.LIVE, transport: 'websocket', lastMessageAt: now - 1000, reason: null };
  assert.deepEqual(liveness(live, now), { live: true, ageSeconds: 1, phase: 'live', reason: null });
  assert.equal(liveness({ ...live, lastMessageAt: now - QUIET_MS - 1000 }, now).live, false);
  assert.equal(liveness({ ...live, lastMessageAt: now - QUIET_MS - 1000 }, now).phase, 'checking the connection');
  assert.equal(liveness({ ...live, reason: 'the kitchen server cannot reach its database' }, now).live, false);
  assert.equal(liveness({ ...live, state: Status.CONNECTING }, now).live, false);
  assert.equal(liveness({ ...live, state: Status.RESYNCING }, now).phase, 'resyncing');
  assert.equal(liveness({ ...live, state: Status.RECONNECTING, transport: 'sse' }, now).phase, 'catching up over SSE');
  assert.equal(liveness({ ...live, lastMessageAt: now - 42000, state: Status.RECONNECTING }, now).ageSeconds, 42);
});

test('a screen acknowledges what it drew: after the frame, at most once a second, with the newest seq', () => {
  const browser = fakeBrowser();
  let time = 0;
  const frames = [];
  browser.env.now = () => time;
  browser.env.requestAnimationFrame = (fn) => frames.push(fn);
  const drawn = [];
  new FeedClient({
    locationId: 'demo',
    view: { kind: 'station', station: 'grill' },
    initial: snapshot(E1, 5, []),
    onUpdate: (state) => drawn.push(state.seq),
    env: browser.env,
  }).start();
  const socket = browser.sockets[0];
  socket.onopen();
  socket.serverSends(diff(E1, 5, 6, [upsert(order('a', 0))]));
  const acks = () => socket.sent.filter((m) => m.type === 'ack');

  browser.runTimers(0);
  assert.deepEqual(acks(), [], 'nothing before the frame that paints it');
  frames.splice(0).forEach((fn) => fn());
  browser.runTimers(0);
  assert.deepEqual(acks().map((a) => a.seq), [6]);
  assert.deepEqual(drawn.slice(-1), [6]);

  time = 200;
  socket.serverSends(diff(E1, 6, 7, [upsert(order('b', 0))]));
  socket.serverSends(diff(E1, 7, 8, [upsert(order('c', 0))]));
  browser.runTimers(0);
  frames.splice(0).forEach((fn) => fn());
  assert.deepEqual(acks().map((a) => a.seq), [6], 'the second waits out the second');
  browser.runTimers(1000);
  frames.splice(0).forEach((fn) => fn());
  browser.runTimers(0);
  assert.deepEqual(acks().map((a) => a.seq), [6, 8]);

  socket.serverSends({ type: 'ping', seq: 8, serverTime: new Date().toISOString() });
  time = 1300;
  browser.runTimers(1000);
  frames.splice(0).forEach((fn) => fn());
  browser.runTimers(0);
  assert.deepEqual(acks().map((a) => a.seq), [6, 8, 8], 'a ping is acknowledged too: the screen is alive');
});

test('on SSE the acknowledgement is a POST naming the feed by the id it was opened with', async () => {
  const browser = fakeBrowser();
  const sources = [];
  const posts = [];
  browser.env.EventSource = class {
    constructor(url) {
      this.url = url;
      sources.push(this);
    }
    close() {}
  };
  browser.env.fetch = (url, init) => {
    posts.push({ url, init });
    return Promise.resolve({ status: 204 });
  };
  const client = new FeedClient({ locationId: 'demo', view: { kind: 'expo' }, onUpdate: () => {}, env: browser.env }).start();
  for (let i = 0; i < 3; i++) {
    browser.sockets[i].onclose();
    browser.runTimers(4000);
  }
  posts.length = 0;
  sources[0].onmessage({ data: JSON.stringify(snapshot(E1, 4, [])) });
  browser.runTimers(0);
  browser.runTimers(0);

  assert.equal(client.state.seq, 4);
  const acks = posts.filter((p) => p.init?.method === 'POST');
  assert.equal(acks.length, 1);
  assert.equal(acks[0].url, 'http://kds/api/v1/locations/demo/feed/acks');
  const body = JSON.parse(acks[0].init.body);
  assert.equal(body.seq, 4);
  assert.equal(sources[0].url.endsWith(`&screen=${body.screen}`), true);
});
