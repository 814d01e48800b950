// Screen presence where managers look (docs/protocol.md, "Acknowledgements"): on the access page, each paired
// screen's state right now (live, stale, offline), last seen, transport and station; on the manager screen, the
// stations that have no live screen. Self-contained: it fills the elements it finds and leaves pages without them
// alone. Asked again every few seconds; the rows are built as text, never as markup.

const POLL_MS = 5000;
const RANK = { live: 3, stale: 2, offline: 1 };

/** "12 s ago", "4 min ago", "2 h ago". */
export function ago(time, now = Date.now()) {
  if (!time) {
    return 'never';
  }
  const seconds = Math.max(0, Math.round((now - Date.parse(time)) / 1000));
  if (seconds < 60) {
    return `${seconds} s ago`;
  }
  return seconds < 3600 ? `${Math.floor(seconds / 60)} min ago` : `${Math.floor(seconds / 3600)} h ago`;
}

/**
 * A paired screen's feeds (a tablet may hold more than one, or several over a day) folded into one line: the
 * best state, and the feed it comes from; last seen is the latest of all.
 */
export function summarize(feeds, now = Date.now()) {
  if (feeds.length === 0) {
    return { state: 'offline', text: 'offline · never connected' };
  }
  const best = [...feeds].sort((a, b) => RANK[b.state] - RANK[a.state]
    || Date.parse(b.lastSeen || 0) - Date.parse(a.lastSeen || 0))[0];
  const lastSeen = feeds.map((f) => f.lastSeen).filter(Boolean).sort().at(-1);
  const where = best.station ? `${best.station} (${best.transport})` : `${best.view} (${best.transport})`;
  return { state: best.state, text: `${best.state} · ${where} · seen ${ago(lastSeen, now)}` };
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : null;
}

function repeat(fn) {
  fn().catch(() => {}).finally(() => window.setTimeout(() => repeat(fn), POLL_MS));
}

const page = typeof document !== 'undefined' ? document : null;
const screensTable = page?.getElementById('screens');
if (screensTable && screensTable.dataset.location) {
  const url = `/api/v1/locations/${encodeURIComponent(screensTable.dataset.location)}/screens`;
  repeat(async () => {
    const feeds = await getJson(url);
    if (!feeds) {
      return;
    }
    screensTable.querySelectorAll('[data-presence-of]').forEach((cell) => {
      const summary = summarize(feeds.filter((f) => f.owner === cell.dataset.presenceOf));
      cell.textContent = summary.text;
      cell.dataset.state = summary.state;
    });
  });
}

const cover = page?.getElementById('station-cover');
if (cover && cover.dataset.location) {
  const url = `/api/v1/locations/${encodeURIComponent(cover.dataset.location)}/presence/stations`;
  const list = cover.querySelector('ul');
  repeat(async () => {
    const stations = await getJson(url);
    if (!stations) {
      return;
    }
    const blind = stations.filter((s) => s.liveScreens === 0);
    const items = blind.map((s) => {
      const item = document.createElement('li');
      item.textContent = s.name;
      item.dataset.station = s.station;
      return item;
    });
    if (items.length === 0) {
      const none = document.createElement('li');
      none.className = 'empty';
      none.textContent = 'Every station has a live screen';
      items.push(none);
    }
    list.replaceChildren(...items);
  });
}
