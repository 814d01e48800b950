// Where a screen goes, and what it asks to be paired for: the pages of a location's views and back. Plain
// functions, shared by the pairing page and the screens, tested in ui/test/pairing.test.js. The views come from
// the server with the page's config (io.ticketrail.access.ScreenView): `{ name, page, perStation, ... }`, a
// per-station view named `<name>:<station>` with its page at `/l/<location>/<page>/<station>`.

/** A path on this site, or null: never `//host` or `/\host`, which browsers take as another site. */
export function safeNext(next) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(next) ? null : next;
}

/**
 * The location and view a screen page shows: `/l/demo/kitchen/grill` is demo's `station:grill`, `/l/demo/board`
 * its `board`. Null for anything else (the home page, a manager's access page).
 */
export function screenOf(path, views) {
  const local = safeNext(path);
  if (!local) {
    return null;
  }
  const parts = local.split(/[?#]/)[0].split('/').filter(Boolean).map(decode);
  if (parts.length < 3 || parts[0] !== 'l' || parts.includes(null)) {
    return null;
  }
  const [, locationId, page, station] = parts;
  const view = (views || []).find((v) => v.page === page);
  if (!view || parts.length !== (view.perStation ? 4 : 3)) {
    return null;
  }
  return { locationId, view: view.perStation ? `${view.name}:${station}` : view.name };
}

/** The page of a view: the inverse of screenOf. */
export function pagePath(locationId, name, views) {
  const colon = name.indexOf(':');
  const kind = colon < 0 ? name : name.slice(0, colon);
  const station = colon < 0 ? null : name.slice(colon + 1);
  const view = (views || []).find((v) => v.name === kind && v.perStation === (station !== null));
  if (!view || station === '') {
    return null;
  }
  const path = `/l/${encodeURIComponent(locationId)}/${view.page}`;
  return view.perStation ? `${path}/${encodeURIComponent(station)}` : path;
}

/** Where a newly paired screen goes: the page it came for, else its first view's page, else home. */
export function destination(next, paired, views) {
  const wanted = safeNext(next);
  if (wanted && wanted !== '/') {
    return wanted;
  }
  const first = paired && paired.views && paired.views[0];
  return (first && pagePath(paired.locationId, first, views)) || '/';
}

/** Where a screen that lost its access goes: pairing, back to this page afterwards, never paired by itself. */
export function pairAgainUrl(path) {
  return `/pair?${new URLSearchParams({ next: safeNext(path) || '/', revoked: '1' })}`;
}

/** m:ss left of a pairing code. */
export function remaining(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
