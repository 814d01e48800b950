'use strict';
// The benchmark's peer: the minimal server a team would write with Node, ws and pg, doing what the benchmark
// drives on Ticketrail: create a location, place an order, bump a station, complete an order, and a feed with
// the same protocol v1 (hello, resume by epoch and seq, snapshot, diff with from/to, ping). It works on the
// tables Ticketrail's Flyway migration created, with the same commit setting (synchronous_commit as the server
// has it: on), the same stream-row lock per command, the same event rows and the same NOTIFY wake-up.
// Loopback only. Not a product: no validation beyond what the benchmark sends, no idempotency keys, no auth.

const http = require('http');
const crypto = require('crypto');
const { Pool, Client } = require('pg');
const { WebSocketServer } = require('ws');

const PORT = Number(process.env.PORT || 8090);
const CHANNEL = 'ticketrail_feed';
// the same bounds as Ticketrail's defaults: 20 pooled connections, 500 entries per catch-up or read round
const POOL_SIZE = 20;
const MAX_CATCH_UP = 500;
const BATCH = 500;
const PING_MS = 15000;

const pool = new Pool({ max: POOL_SIZE });

// ---------------------------------------------------------------------------------------------------------------
// Commands: one transaction each, the location's stream row locked first, so seq order is commit order.
// ---------------------------------------------------------------------------------------------------------------

async function tx(fn) {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const result = await fn(c);
    await c.query('commit');
    return result;
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

async function lockStream(c, locationId) {
  const r = await c.query('select epoch, last_seq from location_stream where location_id = $1 for update', [locationId]);
  if (r.rowCount === 0) throw status(404, 'No location ' + locationId);
  return { epoch: r.rows[0].epoch, lastSeq: Number(r.rows[0].last_seq) };
}

async function append(c, locationId, lock, type, order) {
  const seq = lock.lastSeq + 1;
  await c.query(
    `with e as (insert into order_event (location_id, seq, order_id, order_version, type, actor, occurred_at, state)
                values ($1, $2, $3, $4, $5, 'api', now(), $6) returning seq),
          s as (update location_stream set last_seq = (select seq from e) where location_id = $1 returning last_seq)
     select pg_notify('${CHANNEL}', $1 || ':' || (select last_seq from s))`,
    [locationId, seq, order.id, order.version, type, JSON.stringify(order)]);
  return seq;
}

function status(code, message) {
  const e = new Error(message);
  e.status = code;
  return e;
}

async function putLocation(locationId, body) {
  return tx(async (c) => {
    const now = new Date();
    await c.query(
      `insert into location (id, name, time_zone, warn_after_seconds, late_after_seconds, default_station,
                             expo_confirmation, recall_window_seconds, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, 300, $8, $8)`,
      [locationId, body.name, body.timeZone, body.warnAfterSeconds, body.lateAfterSeconds, body.defaultStation,
        !!body.expoConfirmation, now]);
    for (let i = 0; i < body.stations.length; i++) {
      const s = body.stations[i];
      await c.query('insert into station (location_id, id, name, kind, position) values ($1, $2, $3, $4, $5)',
        [locationId, s.id, s.name, s.kind, i]);
    }
    for (const r of body.routes || []) {
      await c.query('insert into route (location_id, category, station_id) values ($1, $2, $3)',
        [locationId, r.category.trim().toLowerCase(), r.station]);
    }
    await c.query(`insert into location_stream (location_id, epoch, last_seq, min_retained_seq)
                   values ($1, $2, 0, 1)`, [locationId, crypto.randomUUID()]);
    return { status: 201, body: { id: locationId, ...body } };
  });
}

async function placeOrder(locationId, body) {
  return tx(async (c) => {
    const lock = await lockStream(c, locationId);
    const routes = await c.query('select category, station_id from route where location_id = $1', [locationId]);
    const loc = await c.query('select default_station from location where id = $1', [locationId]);
    const routeOf = new Map(routes.rows.map((r) => [r.category, r.station_id]));
    const now = new Date();
    const day = now.toISOString().slice(0, 10);
    const number = await c.query(
      `insert into order_number_counter (location_id, business_day, last_number) values ($1, $2, 1)
       on conflict (location_id, business_day) do update set last_number = order_number_counter.last_number + 1
       returning last_number`, [locationId, day]);
    const order = {
      id: crypto.randomUUID(), locationId, externalId: body.externalId, number: number.rows[0].last_number,
      channel: body.channel, table: body.table ?? null, customerName: body.customerName ?? null,
      serverName: body.serverName ?? null, guests: body.guests ?? null, priority: body.priority || 'NORMAL',
      status: 'NEW', version: 0, placedAt: now.toISOString(), promisedAt: body.promisedAt ?? null, readyAt: null,
      completedAt: null, cancelledAt: null, cancelReason: null, updatedAt: now.toISOString(), notes: body.notes ?? null,
      items: body.items.map((it) => ({
        id: crypto.randomUUID(), name: it.name, qty: it.qty, category: it.category ?? null,
        station: it.station || routeOf.get((it.category || '').trim().toLowerCase()) || loc.rows[0].default_station,
        status: 'QUEUED', modifiers: it.modifiers || [], allergens: it.allergens || [], notes: it.notes ?? null,
        course: it.course || 1, changed: false, voidReason: null, startedAt: null, doneAt: null,
      })),
    };
    await c.query(
      `insert into kitchen_order (id, location_id, external_id, number, business_day, channel, table_label,
         customer_name, server_name, guests, priority, status, notes, content_hash, promised_at, placed_at,
         updated_at, version)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, 0)`,
      [order.id, locationId, order.externalId, order.number, day, order.channel, order.table, order.customerName,
        order.serverName, order.guests, order.priority, order.status, order.notes,
        crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex'), order.promisedAt, now]);
    for (let i = 0; i < order.items.length; i++) {
      const it = order.items[i];
      await c.query(
        `insert into order_item (id, order_id, position, name, qty, category, station_id, status, modifiers,
           allergens, notes, course, changed)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, false)`,
        [it.id, order.id, i, it.name, it.qty, it.category, it.station, it.status, it.modifiers, it.allergens,
          it.notes, it.course]);
    }
    await append(c, locationId, lock, 'ORDER_PLACED', order);
    return { status: 201, body: order };
  });
}

/** Bump a station or complete: read the order's last state, change it, write rows and the event. */
async function changeOrder(locationId, orderId, type, change) {
  return tx(async (c) => {
    const lock = await lockStream(c, locationId);
    const last = await c.query(
      `select state from order_event where location_id = $1 and order_id = $2 order by seq desc limit 1`,
      [locationId, orderId]);
    if (last.rowCount === 0) throw status(404, 'No order ' + orderId);
    const order = last.rows[0].state;
    const now = new Date().toISOString();
    change(order, now);
    order.version += 1;
    order.updatedAt = now;
    const updated = await c.query(
      `update kitchen_order set status = $3, ready_at = $4, completed_at = $5, updated_at = $6, version = $7
       where id = $1 and location_id = $2 and version = $8`,
      [orderId, locationId, order.status, order.readyAt, order.completedAt, now, order.version, order.version - 1]);
    if (updated.rowCount !== 1) throw status(409, 'Order changed meanwhile');
    for (const it of order.items) {
      if (it.touched) {
        delete it.touched;
        await c.query('update order_item set status = $2, done_at = $3, changed = false where id = $1',
          [it.id, it.status, it.doneAt]);
      }
    }
    await append(c, locationId, lock, type, order);
    return { status: 200, body: order };
  });
}

const PENDING = new Set(['HELD', 'QUEUED', 'IN_PROGRESS']);
// as FeedProjection: a station shows fired items not yet done; held ones wait for their course
const ON_THE_STATION = new Set(['QUEUED', 'IN_PROGRESS']);
const OPEN = new Set(['NEW', 'IN_PROGRESS', 'READY']);

function bumpStation(station) {
  return (order, now) => {
    if (!OPEN.has(order.status)) throw status(422, 'Order is ' + order.status);
    const mine = order.items.filter((it) => it.station === station && (it.status === 'QUEUED' || it.status === 'IN_PROGRESS'));
    if (mine.length === 0) throw status(422, 'Nothing to bump at ' + station);
    for (const it of mine) {
      it.status = 'DONE';
      it.doneAt = now;
      it.changed = false;
      it.touched = true;
    }
    const live = order.items.filter((it) => it.status !== 'VOIDED');
    if (live.length > 0 && !live.some((it) => PENDING.has(it.status))) {
      order.status = 'READY';
      order.readyAt = now;
    } else if (order.status === 'NEW') {
      order.status = 'IN_PROGRESS';
    }
  };
}

function complete(order, now) {
  if (order.status !== 'READY') throw status(422, 'Order is ' + order.status);
  order.status = 'COMPLETED';
  order.completedAt = now;
}

// ---------------------------------------------------------------------------------------------------------------
// Views: the same projection as Ticketrail's FeedProjection.
// ---------------------------------------------------------------------------------------------------------------

function project(view, order) {
  if (!order || !OPEN.has(order.status)) return null;
  if (view.kind === 'station') {
    const own = order.items.filter((it) => it.station === view.station);
    if (!own.some((it) => ON_THE_STATION.has(it.status))) return null;
    const others = order.items.filter((it) => it.station !== view.station && it.status !== 'VOIDED').length;
    return screenOrder(order, own.map(item), others, undefined);
  }
  // expo keeps ready orders too (its recently-ready strip, for recall), as FeedProjection does
  const progress = new Map();
  for (const it of order.items) {
    if (it.status === 'VOIDED') continue;
    const p = progress.get(it.station) || { station: it.station, total: 0, done: 0 };
    p.total++;
    if (it.status === 'DONE') p.done++;
    progress.set(it.station, p);
  }
  return screenOrder(order, order.items.map(item), undefined, [...progress.values()]);
}

function screenOrder(o, items, otherItems, stations) {
  return {
    id: o.id, externalId: o.externalId, number: o.number, channel: o.channel, table: o.table ?? undefined,
    customerName: o.customerName ?? undefined, serverName: o.serverName ?? undefined, guests: o.guests ?? undefined,
    priority: o.priority, status: o.status, placedAt: o.placedAt, promisedAt: o.promisedAt ?? undefined,
    readyAt: o.readyAt ?? undefined, completedAt: o.completedAt ?? undefined, version: o.version,
    notes: o.notes ?? undefined, items, otherItems, stations,
  };
}

function item(i) {
  return {
    id: i.id, name: i.name, qty: i.qty, modifiers: i.modifiers, notes: i.notes ?? undefined, allergens: i.allergens,
    course: i.course, station: i.station, status: i.status, changed: i.changed,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The feed: per location, the open orders and the screens grouped by view; one read per wake-up, each view's
// diff encoded once and sent to its screens. Node runs this on one thread, so a join never interleaves with a
// fan-out except at awaits, which a per-location promise chain serialises.
// ---------------------------------------------------------------------------------------------------------------

const feeds = new Map();

class LocationFeed {
  constructor(id) {
    this.id = id;
    this.groups = new Map(); // view key -> { view, members: Set<ws>, lastSentTo }
    this.model = null; // orderId -> order, while screens are connected
    this.epoch = null;
    this.processed = 0;
    this.chain = Promise.resolve();
    this.woken = false;
  }

  serial(fn) {
    this.chain = this.chain.then(fn).catch((e) => console.error('feed', this.id, e));
    return this.chain;
  }

  async load() {
    const c = await pool.connect();
    try {
      await c.query('begin isolation level repeatable read');
      const head = await c.query('select epoch, last_seq from location_stream where location_id = $1', [this.id]);
      if (head.rowCount === 0) {
        await c.query('rollback');
        return false;
      }
      const open = await c.query(
        `select distinct on (e.order_id) e.state from order_event e join kitchen_order o on o.id = e.order_id
         where o.location_id = $1 and o.status in ('NEW', 'IN_PROGRESS', 'READY')
         order by e.order_id, e.seq desc`, [this.id]);
      await c.query('commit');
      this.model = new Map(open.rows.map((r) => [r.state.id, r.state]));
      this.epoch = head.rows[0].epoch;
      this.processed = Number(head.rows[0].last_seq);
      return true;
    } finally {
      c.release();
    }
  }

  async events(after, upTo, limit) {
    const r = await pool.query(
      `select seq, order_id, order_version, state from order_event
       where location_id = $1 and seq > $2 and seq <= $3 order by seq limit $4`,
      [this.id, after, upTo, limit]);
    return r.rows.map((e) => ({ seq: Number(e.seq), orderId: e.order_id, version: Number(e.order_version), state: e.state }));
  }

  join(ws, view, resume) {
    return this.serial(async () => {
      if (ws.readyState !== ws.OPEN) return;
      if (!(await this.ready())) {
        ws.close(4404, 'location gone');
        return;
      }
      const key = viewKey(view);
      const group = this.group(key, view);
      this.align(group);
      if (!(resume && (await this.catchUp(ws, view, resume)))) {
        ws.send(JSON.stringify(this.snapshot(view)));
      }
      group.members.add(ws);
      ws.on('close', () => this.leave(key, ws));
    });
  }

  group(key, view) {
    let group = this.groups.get(key);
    if (!group) {
      group = { view, members: new Set(), lastSentTo: this.processed };
      this.groups.set(key, group);
    }
    return group;
  }

  /** What a screen of this view shows now, at the feed's position. */
  snapshot(view) {
    const orders = [...this.model.values()]
      .sort((a, b) => a.placedAt.localeCompare(b.placedAt) || a.number - b.number)
      .map((o) => project(view, o)).filter((o) => o);
    return { type: 'snapshot', epoch: this.epoch, seq: this.processed, serverTime: new Date().toISOString(), orders };
  }

  /** Reads the model if no screen is connected yet, else brings it up to date; false if the location is gone. */
  async ready() {
    if (this.model === null) return this.load();
    await this.dispatchAvailable();
    return true;
  }

  leave(key, ws) {
    this.serial(async () => {
      const group = this.groups.get(key);
      if (group && group.members.delete(ws) && group.members.size === 0) this.groups.delete(key);
      if (this.groups.size === 0) this.model = null;
    });
  }

  async catchUp(ws, view, resume) {
    if (resume.epoch !== this.epoch || resume.seq > this.processed || this.processed - resume.seq > MAX_CATCH_UP) {
      return false;
    }
    if (resume.seq === this.processed) {
      ws.send(JSON.stringify({ type: 'ping', seq: this.processed, serverTime: new Date().toISOString() }));
      return true;
    }
    const events = await this.events(resume.seq, this.processed, this.processed - resume.seq);
    if (!contiguous(events, resume.seq) || events[events.length - 1].seq !== this.processed) return false;
    const touched = new Map();
    for (const e of events) {
      touched.delete(e.orderId);
      touched.set(e.orderId, e.version);
    }
    const changes = [];
    for (const [orderId, version] of touched) {
      const shown = project(view, this.model.get(orderId));
      changes.push(shown ? { op: 'upsert', order: shown } : { op: 'remove', orderId, version });
    }
    ws.send(JSON.stringify({ type: 'diff', epoch: this.epoch, from: resume.seq, to: this.processed,
      serverTime: new Date().toISOString(), changes }));
    return true;
  }

  align(group) {
    if (group.lastSentTo < this.processed && this.hasMembers(group)) {
      this.deliver(group, { type: 'diff', epoch: this.epoch, from: group.lastSentTo, to: this.processed,
        serverTime: new Date().toISOString(), changes: [] });
    }
    group.lastSentTo = this.processed;
  }

  /** Sends one message to every screen of a view, encoded once. */
  deliver(group, message) {
    const text = JSON.stringify(message);
    for (const ws of group.members) send(ws, text);
  }

  hasMembers(group) {
    return group.members.size > 0;
  }

  wake() {
    if (this.woken) return;
    this.woken = true;
    this.serial(async () => {
      this.woken = false;
      if (this.model !== null) await this.dispatchAvailable();
    });
  }

  async dispatchAvailable() {
    for (;;) {
      const events = await this.events(this.processed, Number.MAX_SAFE_INTEGER, BATCH);
      if (events.length === 0) return;
      if (!contiguous(events, this.processed)) {
        await this.load();
        for (const group of this.groups.values()) {
          group.lastSentTo = this.processed;
          for (const ws of group.members) ws.close(4409, 'resync');
        }
        return;
      }
      this.fanOut(events);
      if (events.length < BATCH) return;
    }
  }

  deliverPing(group, ping) {
    this.deliver(group, ping);
  }

  fanOut(events) {
    const before = new Map();
    const after = new Map();
    for (const e of events) {
      if (!before.has(e.orderId)) before.set(e.orderId, this.model.get(e.orderId));
      after.delete(e.orderId);
      after.set(e.orderId, e.state);
      if (OPEN.has(e.state.status)) this.model.set(e.orderId, e.state);
      else this.model.delete(e.orderId);
    }
    const to = events[events.length - 1].seq;
    for (const group of this.groups.values()) {
      const changes = [];
      for (const [orderId, state] of after) {
        const now = project(group.view, state);
        if (now) changes.push({ op: 'upsert', order: now });
        else if (project(group.view, before.get(orderId))) changes.push({ op: 'remove', orderId, version: state.version });
      }
      if (changes.length === 0) continue;
      this.deliver(group, { type: 'diff', epoch: this.epoch, from: group.lastSentTo, to,
        serverTime: new Date().toISOString(), changes });
      group.lastSentTo = to;
    }
    this.processed = to;
  }

  ping() {
    this.serial(async () => {
      if (this.model === null) return;
      await this.dispatchAvailable();
      const ping = { type: 'ping', seq: this.processed, serverTime: new Date().toISOString() };
      for (const group of this.groups.values()) {
        this.align(group);
        this.deliverPing(group, ping);
      }
    });
  }
}

// a screen whose socket buffer passes this bound is closed instead of being waited on; it resumes on return
const MAX_BUFFERED = 4 * 1024 * 1024;

function send(ws, text) {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED) {
    ws.close(4408, 'too slow');
    return;
  }
  ws.send(text);
}

function contiguous(events, after) {
  let expected = after + 1;
  for (const e of events) if (e.seq !== expected++) return false;
  return events.length > 0;
}

function viewKey(v) {
  return v.kind === 'station' ? 'station:' + v.station : v.kind;
}

function feedOf(locationId) {
  let feed = feeds.get(locationId);
  if (!feed) {
    feed = new LocationFeed(locationId);
    feeds.set(locationId, feed);
  }
  return feed;
}

/** LISTENs on the commit channel and wakes the location's feed, if it has one, at every commit. */
async function listen(feedsById) {
  const c = new Client();
  await c.connect();
  c.on('notification', (n) => {
    const colon = n.payload.lastIndexOf(':');
    const feed = feedsById.get(n.payload.slice(0, colon));
    if (feed) feed.wake();
  });
  await c.query('listen ' + CHANNEL);
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP and WebSocket plumbing.
// ---------------------------------------------------------------------------------------------------------------

const ORDER_PATH = /^\/api\/v1\/locations\/([a-z0-9-]{1,40})\/orders(?:\/([0-9a-f-]{36})\/(?:stations\/([a-z0-9-]{1,40})\/bump|complete))?$/;
const LOCATION_PATH = /^\/api\/v1\/locations\/([a-z0-9-]{1,40})$/;
const FEED_PATH = /^\/ws\/v1\/locations\/([a-z0-9-]{1,40})\/feed$/;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch (e) {
        reject(status(400, 'Bad JSON'));
      }
    });
    req.on('error', reject);
  });
}

async function route(req) {
  const path = req.url.split('?')[0];
  if (req.method === 'GET' && (path === '/q/health/ready' || path === '/q/health/live')) {
    await pool.query('select 1');
    return { status: 200, body: { status: 'UP' } };
  }
  let m = LOCATION_PATH.exec(path);
  if (m && req.method === 'PUT') return putLocation(m[1], await readBody(req));
  m = ORDER_PATH.exec(path);
  if (m && req.method === 'POST') {
    const body = await readBody(req);
    if (!m[2]) return placeOrder(m[1], body);
    if (m[3]) return changeOrder(m[1], m[2], 'STATION_BUMPED', bumpStation(m[3]));
    return changeOrder(m[1], m[2], 'ORDER_COMPLETED', complete);
  }
  throw status(404, 'Not found');
}

function handleHttp(req, res) {
  route(req).then((r) => {
    res.writeHead(r.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(r.body));
  }, (e) => {
    res.writeHead(e.status || 500, { 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify({ status: e.status || 500, detail: e.message }));
  });
}

/** The view a feed URL's query names, or null if it names none. */
function viewOf(params) {
  const kind = params.get('view');
  const view = { kind, station: params.get('station') };
  return ['station', 'expo', 'foh', 'manager'].includes(kind) && (kind !== 'station' || view.station) ? view : null;
}

module.exports = { LocationFeed, handleHttp, serve, viewKey, viewOf };

/** The ws peer: REST commands and the protocol v1 feed on one port. */
function main() {
  const server = http.createServer(handleHttp);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  server.on('upgrade', (req, socket, head) => {
    const [path, query] = req.url.split('?');
    const m = FEED_PATH.exec(path);
    if ((req.headers.upgrade || '').toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const view = viewOf(new URLSearchParams(query || ''));
    if (!m || !view) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      let greeted = false;
      const timer = setTimeout(() => greeted || ws.close(4400, 'no hello'), 10000);
      ws.on('message', (data) => {
        if (greeted) return;
        greeted = true;
        clearTimeout(timer);
        let hello;
        try {
          hello = JSON.parse(data.toString());
        } catch (e) {
          ws.close(4400, 'bad message');
          return;
        }
        const resume = hello.resume ? { epoch: hello.resume.epoch, seq: Number(hello.resume.seq) } : null;
        feedOf(m[1]).join(ws, view, resume);
      });
      ws.on('error', () => {});
    });
  });

  serve(server, feeds, 'peer');
}

/** Pings every feed's screens, LISTENs for commits, then listens on PORT (loopback); exits on SIGTERM. */
function serve(server, feedsById, name) {
  setInterval(() => feedsById.forEach((f) => f.ping()), PING_MS).unref();
  listen(feedsById).then(() => server.listen(PORT, '127.0.0.1', () => console.log(name + ' listening on 127.0.0.1:' + PORT)),
    (e) => {
      console.error('cannot LISTEN', e);
      process.exit(1);
    });
  process.on('SIGTERM', () => process.exit(0));
}

if (require.main === module) main();
