// The one feed client every screen uses: WebSocket with hello/resume, the protocol's apply rules (feed-state.js),
// jittered exponential reconnect, SSE after repeated WebSocket failures, the server-time offset, and the status
// the badge shows. The position (and the orders it matches) is kept in sessionStorage, so a reload resumes.
// A screen whose credential was revoked or ran out stops for good and says so (onRevoked): reconnecting could
// never succeed, and it must not look live.

import { FeedState, Outcome } from './feed-state.js';

/** Reconnect delays double from the first to the second value; each is jittered down to half. */
const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 8000;
/**
 * The server pings every 15 s (ticketrail.feed.ping-interval); a connection silent for this long is dead even if
 * the browser has not noticed (a tablet that lost its Wi-Fi can keep a socket "open" for minutes).
 */
const SILENCE_MS = 40000;
/**
 * A connection that has not brought its first message (snapshot, catch-up or ping) by then is given up and tried
 * again: a proxy, or a server under load, can leave a WebSocket handshake hanging for minutes.
 */
const FIRST_MESSAGE_MS = 5000;
/**
 * Pings come every 15 s: a connection silent for longer than this has missed one, so the screen stops saying it
 * is live (the watchdog reconnects at SILENCE_MS; this only tells the cook earlier that what they see may be old).
 */
export const QUIET_MS = 25000;
/** WebSocket attempts in a row that never got a message before we try SSE instead (a proxy may block upgrades). */
const WS_FAILURES_BEFORE_SSE = 3;
// On SSE, try WebSocket again at the next reconnect after this long: failures that sent us to SSE may have been
// a draining pod's 503s during a rolling deploy, not a network that blocks WebSocket.
const SSE_WS_RETRY_MS = 2 * 60 * 1000;

export const Status = Object.freeze({
  CONNECTING: 'connecting',
  LIVE: 'live',
  RECONNECTING: 'reconnecting',
  RESYNCING: 'resyncing',
  REVOKED: 'revoked',
});

/** The server closes a feed with this code when its credential was revoked or expired (feed/CloseCodes.java). */
export const CLOSE_UNAUTHORIZED = 4401;

/** The problem type of a server that is up but cannot reach its database (docs/api.md); it answers 503. */
export const DATABASE_UNAVAILABLE = '/problems/database-unavailable';

/** What the banner says while the server answers DATABASE_UNAVAILABLE. */
export const DATABASE_REASON = 'The kitchen server cannot reach its database';

/** The answers that mean this screen's credential is no good here: no reconnect can fix them. */
export function refusesAccess(status) {
  return status === 401 || status === 403;
}

/** The feed query of a view: {kind: 'station', station: 'grill'} or {kind: 'expo'|'foh'|'manager'}. */
export function viewQuery(view) {
  const params = new URLSearchParams({ view: view.kind });
  if (view.kind === 'station') {
    params.set('station', view.station);
  }
  return params.toString();
}

/** ws: or wss: to the page's own host, so the feed goes wherever the page came from (TLS included). */
export function feedUrls(pageLocation, locationId, view) {
  const wsScheme = pageLocation.protocol === 'https:' ? 'wss:' : 'ws:';
  const path = `/locations/${encodeURIComponent(locationId)}/feed?${viewQuery(view)}`;
  return {
    websocket: `${wsScheme}//${pageLocation.host}/ws/v1${path}`,
    sse: `${pageLocation.protocol}//${pageLocation.host}/api/v1${path}`,
    session: `${pageLocation.protocol}//${pageLocation.host}/api/v1/session`,
  };
}

export class FeedClient {
  /**
   * @param {object} options
   * @param {string} options.locationId
   * @param {{kind: string, station?: string}} options.view
   * @param {object} [options.initial] the snapshot embedded in the page
   * @param {(state: FeedState) => void} options.onUpdate called after every applied message
   * @param {(status: {state: string, transport: string, lastMessageAt: number}) => void} [options.onStatus]
   * @param {() => void} [options.onRevoked] called once when the server refuses this screen's credential
   */
  constructor({ locationId, view, initial, onUpdate, onStatus, onRevoked, env = globalThis }) {
    this.env = env;
    this.urls = feedUrls(env.location, locationId, view);
    this.storageKey = `ticketrail.feed.${locationId}.${viewQuery(view)}`;
    this.onUpdate = onUpdate;
    this.onStatus = onStatus || (() => {});
    this.onRevoked = onRevoked || (() => {});
    this.state = FeedState.from(newest(initial, this.load()));
    this.offsetMs = initial && initial.serverTime ? Date.parse(initial.serverTime) - Date.now() : 0;
    // reason: why the screen is not live, in words for the cook (e.g. the server cannot reach its database); the
    // page shows it in its "Not live" banner whenever it is set
    this.status = { state: Status.CONNECTING, transport: 'websocket', lastMessageAt: Date.now(), reason: null };
    // when the server last said it cannot reach its database: it says so in place of pings, so the connection is
    // not silent, while the tickets are as old as lastMessageAt
    this.statusHeardAt = 0;
    this.failures = 0;
    this.wsFailures = 0;
    this.useSse = false;
    this.sseSince = 0;
    this.transport = null;
    this.retryTimer = null;
    this.stopped = false;
  }

  /** Renders what we have, then connects. */
  start() {
    this.onUpdate(this.state);
    this.env.addEventListener?.('online', () => {
      this.wsFailures = 0;
      if (this.status.state !== Status.LIVE) {
        this.setStatus({ state: Status.RECONNECTING });
        this.reconnectNow();
      }
    });
    // the device says its network is gone: do not show "live" over a socket that cannot deliver
    this.env.addEventListener?.('offline', () => {
      if (this.transport) {
        const transport = this.transport;
        transport.close();
        this.lost(transport);
      }
    });
    this.watchdog = this.env.setInterval?.(() => {
      const silentMs = Date.now() - this.status.lastMessageAt;
      const heardMs = Date.now() - Math.max(this.status.lastMessageAt, this.statusHeardAt);
      if (this.transport && this.transport.heard && heardMs > SILENCE_MS) {
        // a silent connection is a lost one: say so while the new one is tried, never stay "live"
        this.setStatus({ state: Status.RECONNECTING });
        this.reconnectNow();
      } else if (this.status.state === Status.LIVE && silentMs > QUIET_MS) {
        // a ping missed: a server that lost its database sends none, and its answer here says so
        this.checkAccess();
      }
    }, SILENCE_MS / 4);
    this.connect();
    return this;
  }

  stop() {
    this.stopped = true;
    this.env.clearTimeout(this.retryTimer);
    this.env.clearInterval?.(this.watchdog);
    this.closeTransport();
  }

  /** The device's clock; tests give the environment a clock of their own. */
  clock() {
    return this.env.now ? this.env.now() : Date.now();
  }

  /** Server time now, corrected by the offset of the last message's serverTime. */
  now() {
    return Date.now() + this.offsetMs;
  }

  connect() {
    this.retryTimer = null;
    if (this.stopped) {
      return;
    }
    if (this.useSse && this.clock() - this.sseSince >= SSE_WS_RETRY_MS) {
      // one more WebSocket failure sends us straight back to SSE
      this.useSse = false;
      this.wsFailures = WS_FAILURES_BEFORE_SSE - 1;
    }
    if (this.useSse) {
      this.openSse();
    } else {
      this.openWebSocket();
    }
  }

  openWebSocket() {
    const socket = new this.env.WebSocket(this.urls.websocket);
    const transport = { kind: 'websocket', heard: false, close: () => socket.close(), send: (text) => socket.send(text) };
    this.transport = transport;
    this.setStatus({ transport: 'websocket' });
    socket.onopen = () => {
      const hello = { type: 'hello' };
      const position = this.state.position();
      if (position) {
        hello.resume = position;
      }
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (event) => this.receive(transport, event.data);
    socket.onclose = (event) => {
      if (event && event.code === CLOSE_UNAUTHORIZED) {
        this.revoked(transport);
      } else {
        this.lost(transport);
      }
    };
    this.expectFirstMessage(transport);
  }

  expectFirstMessage(transport) {
    this.env.setTimeout(() => {
      if (this.transport === transport && !transport.heard) {
        transport.close();
        this.lost(transport);
      }
    }, FIRST_MESSAGE_MS);
  }

  // EventSource sends Last-Event-ID only on its own reconnects: a fresh one starts from a snapshot, which the
  // apply rules take as they take any snapshot.
  openSse() {
    const screen = newScreenId(this.env);
    const source = new this.env.EventSource(`${this.urls.sse}&screen=${screen}`);
    const transport = { kind: 'sse', heard: false, close: () => source.close(), screen };
    this.transport = transport;
    this.setStatus({ transport: 'sse' });
    source.onmessage = (event) => this.receive(transport, event.data);
    source.onerror = () => {
      source.close();
      this.lost(transport);
    };
    this.expectFirstMessage(transport);
  }

  receive(transport, text) {
    if (transport !== this.transport) {
      return;
    }
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    transport.heard = true;
    this.failures = 0;
    this.wsFailures = 0;
    if (message.serverTime) {
      this.offsetMs = Date.parse(message.serverTime) - Date.now();
    }
    if (message.type === 'status') {
      this.databaseStatus(message);
      return;
    }
    const outcome = this.state.apply(message);
    switch (outcome) {
      case Outcome.APPLIED:
        this.save();
        this.setStatus({ state: Status.LIVE, lastMessageAt: Date.now(), reason: null });
        this.onUpdate(this.state);
        acknowledgeSoon(this);
        break;
      case Outcome.IN_SYNC:
        this.setStatus({ state: Status.LIVE, lastMessageAt: Date.now(), reason: null });
        acknowledgeSoon(this);
        break;
      case Outcome.DUPLICATE:
        this.setStatus({ state: Status.LIVE, lastMessageAt: Date.now(), reason: null });
        break;
      case Outcome.RESUME:
        this.setStatus({ state: Status.RESYNCING });
        this.reconnectNow();
        break;
      default:
        // an error message: the server closes the connection next, and we reconnect as after any loss
        break;
    }
  }

  /**
   * The server says whether it reaches its database (docs/protocol.md, "Database status"): at once when it loses
   * it, again in place of every ping meanwhile, and once when it is back (a ping follows). The tickets stay, and
   * so does the connection: the screen goes live again without reconnecting.
   */
  databaseStatus(message) {
    this.statusHeardAt = Date.now();
    if (message.database === 'unreachable') {
      this.setReason(DATABASE_REASON);
    } else if (message.database === 'reachable' && this.status.reason === DATABASE_REASON) {
      this.setReason(null);
    }
    acknowledgeSoon(this);
  }

  lost(transport) {
    if (transport !== this.transport || this.stopped) {
      return;
    }
    this.transport = null;
    // failures while the device is offline say nothing about WebSocket being blocked on the way
    const online = this.env.navigator?.onLine !== false;
    // nor do failures while the server says its database is away: it refuses every upgrade then
    if (!transport.heard && transport.kind === 'websocket' && online && !this.status.reason) {
      this.wsFailures += 1;
      if (this.wsFailures >= WS_FAILURES_BEFORE_SSE) {
        this.useSse = true;
        this.sseSince = this.clock();
      }
    }
    if (!transport.heard) {
      this.checkAccess();
    }
    this.failures += 1;
    if (this.status.state !== Status.RESYNCING) {
      this.setStatus({ state: Status.RECONNECTING });
    }
    this.schedule(backoff(this.failures));
  }

  /**
   * A browser tells a script nothing about why a WebSocket upgrade or an EventSource failed, so after a connection
   * that brought nothing we ask who this credential is (GET /api/v1/session) and read the status: 401 or 403 means
   * the credential is gone (revoked while the screen was away, or expired), and the screen stops instead of
   * retrying forever; 503 database-unavailable is the reason the screen then shows while it keeps retrying. Not the feed itself: a feed opened only to read its status holds one of the few feeds a
   * screen may have open until the server notices it is gone. A screen's views are fixed when it is approved, so
   * the credential is the one thing that can change.
   */
  async checkAccess() {
    if (!this.env.fetch || this.checking) {
      return;
    }
    this.checking = true;
    try {
      const response = await this.env.fetch(this.urls.session, { headers: { Accept: 'application/json' } });
      if (refusesAccess(response.status)) {
        this.revoked();
      } else if (response.status === 503) {
        const problem = await response.json().catch(() => ({}));
        if (problem.type === DATABASE_UNAVAILABLE) {
          this.setReason(DATABASE_REASON);
        }
      } else if (response.status === 200) {
        this.setReason(null);
      }
    } catch {
      // no answer at all: the network, not the credential; the reconnect goes on
    } finally {
      this.checking = false;
    }
  }

  /** The credential was refused: stop for good and let the page say so. */
  revoked(transport) {
    if (this.stopped) {
      return;
    }
    if (transport && transport !== this.transport) {
      return;
    }
    this.stop();
    this.setStatus({ state: Status.REVOKED });
    this.onRevoked();
  }

  /** Drops the connection and connects again at once: after a gap, or when the network comes back. */
  reconnectNow() {
    this.closeTransport();
    this.env.clearTimeout(this.retryTimer);
    this.schedule(0);
  }

  schedule(delayMs) {
    if (this.retryTimer === null || delayMs === 0) {
      this.env.clearTimeout(this.retryTimer);
      this.retryTimer = this.env.setTimeout(() => this.connect(), delayMs);
    }
  }

  closeTransport() {
    const transport = this.transport;
    this.transport = null;
    if (transport) {
      transport.close();
    }
  }

  /** Sets (or clears, with null) the words the screen shows for why it is not live. */
  setReason(reason) {
    this.setStatus({ reason: reason || null });
  }

  setStatus(change) {
    this.status = { ...this.status, ...change };
    this.onStatus(this.status);
  }

  save() {
    try {
      this.env.sessionStorage?.setItem(this.storageKey, JSON.stringify(this.state.toSnapshot()));
    } catch {
      // storage full or disabled: a reload then starts from the page's own snapshot, which is fine
    }
  }

  load() {
    try {
      const kept = this.env.sessionStorage?.getItem(this.storageKey);
      return kept ? JSON.parse(kept) : null;
    } catch {
      return null;
    }
  }
}

/**
 * Whether a screen may show its tickets as current: only while live, heard from within QUIET_MS, with no reason
 * set. Otherwise what the screen says about it: the phase and the age of the last update.
 */
export function liveness(status, now = Date.now()) {
  const ageMs = Math.max(0, now - status.lastMessageAt);
  const quiet = status.state === Status.LIVE && ageMs > QUIET_MS;
  const live = status.state === Status.LIVE && !quiet && !status.reason;
  const phase = {
    [Status.CONNECTING]: 'connecting',
    [Status.RECONNECTING]: status.transport === 'sse' ? 'catching up over SSE' : 'reconnecting',
    [Status.RESYNCING]: 'resyncing',
    [Status.REVOKED]: 'access revoked',
    [Status.LIVE]: quiet ? 'checking the connection' : status.reason ? 'still connected' : 'live',
  }[status.state];
  return { live, ageSeconds: Math.round(ageMs / 1000), phase, reason: status.reason || null };
}

/** The later of two snapshots of the same log; the page's own when the epochs differ (the log was reset). */
export function newest(embedded, kept) {
  if (!kept || !kept.epoch) {
    return embedded || null;
  }
  if (!embedded || !embedded.epoch) {
    return kept;
  }
  return kept.epoch === embedded.epoch && kept.seq > embedded.seq ? kept : embedded;
}

/** Full-jitter-ish exponential backoff: between half and all of min * 2^(attempt-1), capped. */
export function backoff(attempt, random = Math.random) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

// Acknowledgements (docs/protocol.md, "Acknowledgements"): after a message is applied and onUpdate drew it, the
// screen tells the server the seq it now shows, so the server can prove every ticket reached a screen of its
// station. "Drawn" is the next animation frame and a task after it: the browser has painted by then. A hidden or
// frozen page gets no frames and so acknowledges nothing, which is exactly what the server should see.

/** At most one acknowledgement a second: the newest seq at the time it goes out covers everything before it. */
const ACK_EVERY_MS = 1000;

/** Schedules one acknowledgement of what the client shows; calls while one is scheduled are folded into it. */
export function acknowledgeSoon(client, env = client.env) {
  if (client.ackScheduled) {
    return;
  }
  client.ackScheduled = true;
  const afterPaint = (fn) => (env.requestAnimationFrame ? env.requestAnimationFrame(() => env.setTimeout(fn, 0)) : env.setTimeout(fn, 0));
  const wait = Math.max(0, (client.lastAckAt ?? -Infinity) + ACK_EVERY_MS - client.clock());
  env.setTimeout(() => afterPaint(() => {
    client.ackScheduled = false;
    const transport = client.transport;
    if (!transport || client.stopped || client.state.seq < 0) {
      return;
    }
    client.lastAckAt = client.clock();
    const ack = { type: 'ack', seq: client.state.seq, page: pageShown(env) };
    if (transport.kind === 'websocket') {
      transport.send(JSON.stringify(ack));
    } else {
      postAck(client, env, { ...ack, screen: transport.screen });
    }
  }), wait);
}

/** SSE cannot talk back: the same acknowledgement goes as a POST, naming the feed by the id it was opened with. */
function postAck(client, env, ack) {
  const url = client.urls.sse.replace(/\/feed\?.*$/, '/feed/acks');
  env.fetch?.(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfToken(env) },
    body: JSON.stringify({ screen: ack.screen, seq: ack.seq, page: ack.page }),
  }).catch(() => {
    // lost: the next change or ping acknowledges again
  });
}

/** The page's CSRF token from its embedded settings: a screen's credential is its cookie. */
function csrfToken(env) {
  try {
    return JSON.parse(env.document?.getElementById('screen-config')?.textContent || '{}').csrfToken || '';
  } catch {
    return '';
  }
}

function pageShown(env) {
  return env.location?.pathname ? `${env.location.pathname}${env.location.search || ''}`.slice(0, 200) : undefined;
}

/** A random id for one SSE feed; crypto.randomUUID exists only on https and localhost. */
function newScreenId(env) {
  if (env.crypto?.randomUUID) {
    return env.crypto.randomUUID();
  }
  const hex = [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 3) | 8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
