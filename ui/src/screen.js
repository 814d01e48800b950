// What every screen shares: the page's embedded data, DOM building without innerHTML, the status badge and the
// "Not live" banner, commands through the REST API, timers in server time, and the chime.

import { FeedClient, Status, liveness } from './feed.js';
import { pairAgainUrl } from './pairing.js';

/** The JSON a page embeds in <script type="application/json" id="...">; parsed, never inserted as markup. */
export function embedded(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

/**
 * Builds an element. Strings and numbers among the children become text nodes, so server data is never parsed
 * as markup. `attrs` keys: `class`, `text`, `on<event>`, `dataset`, anything else is an attribute.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** m:ss, or h:mm:ss past an hour; never negative whatever the device clock says. */
export function elapsed(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** ok, warn or late by the location's thresholds. */
export function urgency(ms, config) {
  const seconds = ms / 1000;
  if (seconds >= config.lateAfterSeconds) {
    return 'late';
  }
  return seconds >= config.warnAfterSeconds ? 'warn' : 'ok';
}

export const CHANNELS = {
  DINE_IN: 'Dine in',
  TAKEOUT: 'Takeout',
  DELIVERY: 'Delivery',
  DRIVE_THRU: 'Drive-thru',
  PICKUP: 'Pickup',
};

/**
 * A ticket header's two lines: its bump-bar position (1-9), number, part ("(1/2)" when continued) and timer; then
 * rush, channel and guest.
 */
export function headerLines(order, position, timer) {
  return [
    el('span', { class: 'line' },
      el('span', { class: 'position', 'aria-hidden': 'true' }, position < 9 ? String(position + 1) : ''),
      el('span', { class: 'number' }, `#${order.number}`),
      el('span', { class: 'part-of' }),
      timer),
    el('span', { class: 'line' },
      order.priority === 'RUSH' ? el('span', { class: 'rush-flag' }, 'RUSH') : null,
      el('span', { class: `channel channel-${order.channel.toLowerCase()}` }, CHANNELS[order.channel] || order.channel),
      el('span', { class: 'guest' }, guestLabel(order))),
  ];
}

/** Table 12 · Ana, or whichever of the two the order has. */
export function guestLabel(order) {
  return [order.table ? `Table ${order.table}` : null, order.customerName].filter(Boolean).join(' · ');
}

/**
 * The lines under an item's name that a cook and expo both read: a void's reason, modifiers, notes, allergens.
 * A live item's allergens stand out in a bright box; a voided one's are only noted, so the box always means
 * "cook this with care".
 */
export function itemDetails(item) {
  const voided = item.status === 'VOIDED';
  const allergens = item.allergens || [];
  return [
    voided && item.voidReason ? el('span', { class: 'void-reason' }, `Void: ${item.voidReason}`) : null,
    (item.modifiers || []).map((m) => el('span', { class: 'modifier' }, m)),
    item.notes ? el('span', { class: 'item-notes' }, item.notes) : null,
    allergens.length === 0 ? null : el('span', { class: voided ? 'allergens-voided' : 'allergens' },
      `${voided ? 'allergy' : 'ALLERGY'}: ${allergens.join(', ')}`),
  ].flat();
}

/**
 * An item's first line (quantity and name, the name wrapping between words beside the quantity) and its status
 * tags on a line of their own, so a tag never pushes a name apart. `extra`: more tags (expo's station name).
 */
export function itemHead(item, ...extra) {
  const voided = item.status === 'VOIDED';
  const tags = [
    ...extra,
    item.changed ? el('span', { class: 'tag changed-tag' }, 'CHANGED') : null,
    item.status === 'IN_PROGRESS' ? el('span', { class: 'tag cooking-tag' }, 'COOKING') : null,
    item.status === 'HELD' ? el('span', { class: 'tag held-tag' }, `HELD · course ${item.course}`) : null,
    voided ? el('span', { class: 'tag void-tag' }, 'VOID') : null,
    item.status === 'DONE' ? el('span', { class: 'tag done-tag' }, '✓ DONE') : null,
  ].filter(Boolean);
  return [
    el('span', { class: 'item-line' },
      el('span', { class: 'qty' }, String(item.qty)),
      voided ? el('s', { class: 'name' }, item.name) : el('span', { class: 'name' }, item.name)),
    tags.length > 0 ? el('span', { class: 'item-tags' }, tags) : null,
  ];
}

/** When the ticket's current items were sent to the kitchen; placement for events written before firedAt. */
export function firedAt(order) {
  return Date.parse(order.firedAt || order.placedAt);
}

/**
 * Tickets in fire order, the one order of every screen (docs/protocol.md): rush first, then the time the
 * ticket's current course was fired, then the display number. Paging and bump-bar positions follow it.
 */
export function fireOrder(orders) {
  const rush = (o) => (o.priority === 'RUSH' ? 0 : 1);
  return [...orders].sort((a, b) => rush(a) - rush(b) || firedAt(a) - firedAt(b) || a.number - b.number);
}

/**
 * Starts the page's screen: the feed from the embedded snapshot, the badge, and a once-a-second tick for timers.
 * `render(state)` is called on every change, `tick()` every second.
 */
export function startScreen({ render, tick }) {
  const config = embedded('screen-config');
  const initial = embedded('initial');
  const badge = document.getElementById('feed-status');
  const client = new FeedClient({
    locationId: config.locationId,
    view: config.view,
    initial,
    onUpdate: (state) => render(state, client),
    onStatus: () => showStatus(badge, client),
    onRevoked: lostAccess,
  });
  client.start();
  window.setInterval(() => {
    showStatus(badge, client);
    if (tick) {
      tick(client);
    }
  }, 1000);
  showStatus(badge, client);
  window.ticketrail = { client };
  return { client, config };
}

/**
 * The badge, and for the whole screen whether it is live: when it is not (connecting, reconnecting, resyncing, a
 * silent connection, a reason such as the server losing its database), the tickets dim and a banner says so with
 * the age of the last update, so nobody cooks from a screen that stopped changing.
 */
function showStatus(badge, client) {
  const { state, transport } = client.status;
  const now = liveness(client.status);
  // connected, but the server says it cannot reach its database: the badge must not say "Live" either
  const quiet = state === Status.LIVE && !now.live;
  if (badge) {
    const text = quiet ? `No update for ${now.ageSeconds} s` : {
      [Status.CONNECTING]: 'Connecting',
      [Status.LIVE]: transport === 'sse' ? 'Live (SSE)' : 'Live',
      [Status.RECONNECTING]: `Reconnecting · last update ${now.ageSeconds} s ago`,
      [Status.RESYNCING]: 'Resyncing',
      [Status.REVOKED]: 'Access revoked',
    }[state];
    if (badge.textContent !== text) {
      badge.textContent = text;
    }
    badge.dataset.state = quiet ? 'quiet' : state;
  }
  document.body.classList.toggle('not-live', !now.live);
  const banner = staleBanner();
  banner.hidden = now.live;
  if (!now.live) {
    const text = ['Not live', now.reason, `last update ${now.ageSeconds} s ago`, now.phase].filter(Boolean).join(' — ');
    if (banner.textContent !== text) {
      banner.textContent = text;
    }
    // just under the bar, whose height grows when its badge's longer text wraps it
    const bar = document.querySelector('body > header');
    banner.style.top = `${Math.round((bar ? bar.getBoundingClientRect().bottom : 0) + 8)}px`;
  }
}

function staleBanner() {
  let banner = document.getElementById('stale');
  if (!banner) {
    banner = el('div', { id: 'stale', class: 'stale-banner', role: 'status', hidden: true });
    document.body.append(banner);
  }
  return banner;
}

/**
 * True when this screen was given the action (`bump`, `ready`, `complete`…): the settings list what its credential
 * allows, so a screen shows no button the server would refuse.
 */
export function may(config, action) {
  return Array.isArray(config.actions) && config.actions.includes(action);
}

/**
 * The screen's credential was revoked or ran out: say so where it cannot be missed, and go to pairing, which
 * shows the same words and a new code. Pairing does not pair a revoked screen by itself, so this never loops.
 */
export function lostAccess() {
  if (lostAccess.done) {
    return;
  }
  lostAccess.done = true;
  const target = pairAgainUrl(window.location.pathname);
  document.body.append(el('div', { id: 'revoked', class: 'revoked', role: 'alert' },
    el('p', {}, "This screen's access was revoked — pair it again."),
    el('a', { href: target, class: 'control attention' }, 'Pair this screen')));
  window.location.assign(target);
}

/** Idempotency keys without crypto.randomUUID, which browsers only offer on https or localhost. */
function newKey() {
  if (globalThis.crypto && crypto.randomUUID) {
    return crypto.randomUUID();
  }
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * What a cook reads when the server refused a command: short, naming the ticket (#42), never an id. The server's
 * detail when it names none, else its title.
 */
export function refusal(ticket, status, problem) {
  const prefix = ticket ? `#${ticket}: ` : '';
  if (status === 403) {
    return `${prefix}this screen may not do that`;
  }
  const detail = problem && typeof problem.detail === 'string' && !UUID.test(problem.detail) ? problem.detail : null;
  const title = problem && typeof problem.title === 'string' ? problem.title : null;
  return `${prefix}${detail || title || `refused (${status})`}`;
}

/**
 * Sends a command for an order. Each carries an Idempotency-Key, and is sent a second time with the same key if
 * the network dropped the answer, so a double tap on a flaky network never bumps twice.
 * `ticket`: the order's number, for messages. `quietConflict`: a 409 means the tap raced a change (a double tap,
 * two cooks on one ticket): the next diff shows the truth, so nothing is said; so does a 412 for `ifMatch`, the
 * order version the screen showed (the order changed since).
 */
export async function command(config, orderId, path, {
  method = 'POST', body, ticket, quietConflict = false, ifMatch,
} = {}) {
  const url = `/api/v1/locations/${encodeURIComponent(config.locationId)}/orders/${encodeURIComponent(orderId)}${path ? `/${path}` : ''}`;
  // the screen's credential is its cookie; the CSRF token proves the request comes from this page
  const headers = { 'Idempotency-Key': newKey(), 'X-CSRF-Token': config.csrfToken || '', Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (ifMatch !== undefined) {
    headers['If-Match'] = `"${ifMatch}"`;
  }
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, init);
      if (response.status === 401) {
        lostAccess();
        return false;
      }
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        if (!(quietConflict && (response.status === 409 || response.status === 412))) {
          notify(refusal(ticket, response.status, problem));
        }
      }
      return response.ok;
    } catch (e) {
      if (attempt >= 2) {
        notify(`${ticket ? `#${ticket}: ` : ''}not sent, no connection. Try again.`);
        return false;
      }
    }
  }
}

/** A short message in the page's live region (a toast over the tickets, never pushing them down). */
export function notify(message) {
  const region = document.getElementById('notice');
  if (!region) {
    return;
  }
  region.textContent = message;
  region.hidden = false;
  window.clearTimeout(notify.timer);
  notify.timer = window.setTimeout(() => {
    region.hidden = true;
  }, 6000);
}

/**
 * The chime. Browsers block audio until the user touches the page, so the screen shows a one-tap "Enable sound"
 * button, and a warning for as long as sound is off.
 */
export class Chime {
  constructor(button, warning) {
    this.context = null;
    this.button = button;
    this.warning = warning;
    button.addEventListener('click', () => this.enable());
    this.show();
  }

  get enabled() {
    return this.context !== null && this.context.state === 'running';
  }

  enable() {
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (!AudioContext) {
      return;
    }
    this.context = this.context || new AudioContext();
    this.context.resume().then(() => {
      this.show();
      this.play();
    });
    this.show();
  }

  show() {
    this.button.hidden = this.enabled;
    this.warning.hidden = this.enabled;
  }

  /** Two short rising tones for a new ticket; loud enough over a hood fan, short enough not to annoy. */
  play() {
    this.tones([880, 1320], 'sine');
  }

  /**
   * The change tone (a void, a cancel, an added item, a changed quantity or note, a fired course): three falling
   * square-wave beeps, so a cook hears a change apart from a new ticket without looking.
   */
  playChange() {
    this.tones([1320, 990, 660], 'square');
  }

  tones(frequencies, type) {
    if (!this.enabled) {
      return;
    }
    const now = this.context.currentTime;
    frequencies.forEach((frequency, i) => {
      const oscillator = this.context.createOscillator();
      const gain = this.context.createGain();
      oscillator.type = type;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.6, now + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
      oscillator.connect(gain).connect(this.context.destination);
      oscillator.start(now + i * 0.18);
      oscillator.stop(now + i * 0.18 + 0.18);
    });
  }
}

/** Which of the screen's orders are new since the last render (for the flash and the chime). */
export class NewArrivals {
  constructor(initialIds) {
    this.seen = new Set(initialIds);
  }

  take(ids) {
    const fresh = ids.filter((id) => !this.seen.has(id));
    fresh.forEach((id) => this.seen.add(id));
    return fresh;
  }
}

/**
 * Replaces a list's children (or shows `emptyText`), and keeps keyboard focus on the element with the same
 * data-focus key, so a live update never throws a keyboard user back to the top of the page.
 */
export function replaceKeepingFocus(container, nodes, emptyText) {
  const focused = document.activeElement?.dataset?.focus;
  container.replaceChildren(...(nodes.length > 0 ? nodes : [el('p', { class: 'empty' }, emptyText)]));
  if (focused) {
    container.querySelector(`[data-focus="${CSS.escape(focused)}"]`)?.focus();
  }
}

// ---------- appended for front of house and the board (issue 11) ----------

/** "19:30" in the location's time zone (24-hour, whatever the tablet's locale), or null without a time. */
export function clockTime(iso, config) {
  if (!iso) {
    return null;
  }
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: config.timeZone || undefined,
  }).format(new Date(iso));
}

/** The promised time of an order as a small element ("Promised 19:30"), marked late once it has passed. */
export function promisedTag(order, config, now) {
  if (!order.promisedAt) {
    return null;
  }
  const late = now > Date.parse(order.promisedAt);
  return el('span', {
    class: `promised${late ? ' promised-late' : ''}`,
    dataset: { promisedAt: order.promisedAt },
  }, `Promised ${clockTime(order.promisedAt, config)}`);
}

const SOUND_KEY = 'ticketrail.sound';

/**
 * The chime, remembered: once enabled on this device, a reload enables it again where the browser allows audio
 * without a tap (a kiosk browser started with --autoplay-policy=no-user-gesture-required). Where it does not, the
 * warning stays, and the warning itself is a button that enables sound.
 */
export class RememberedChime extends Chime {
  constructor(button, warning) {
    super(button, warning);
    if (warning !== button && warning.tagName === 'BUTTON') {
      warning.addEventListener('click', () => this.enable());
    }
    if (RememberedChime.wanted()) {
      this.enable();
    }
  }

  enable() {
    try {
      localStorage.setItem(SOUND_KEY, 'on');
    } catch {
      // no storage (private mode): sound works until the next reload
    }
    super.enable();
  }

  static wanted() {
    try {
      return localStorage.getItem(SOUND_KEY) === 'on';
    } catch {
      return false;
    }
  }
}

/**
 * Removes a list's last entries until `box` (the list or its panel) no longer overflows, and counts them on a last
 * entry marked [data-more] ("+12 more"), so nothing is cut off unseen. Returns how many were taken off.
 */
export function trimToFit(list, box, moreClass, moreText) {
  if (box.scrollHeight <= box.clientHeight + 1) {
    return 0;
  }
  const entries = [...list.children];
  const marker = el('li', { class: moreClass, dataset: { more: '' } });
  list.append(marker);
  let shown = entries.length;
  do {
    shown -= 1;
    entries[shown].remove();
    marker.textContent = moreText(entries.length - shown);
  } while (shown > 0 && box.scrollHeight > box.clientHeight + 1);
  marker.dataset.more = String(entries.length - shown);
  return entries.length - shown;
}
