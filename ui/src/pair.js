// The pairing page: ask for a code, show it until a manager approves it, collect the token (the server sets the
// screen's HttpOnly cookie with it) and open the screen. The claim secret stays in sessionStorage, so a reload
// shows the same code; an expired or used-up pairing starts a new one.

import { destination, remaining, screenOf } from './pairing.js';

/** How often the page asks whether a manager approved the code. */
const POLL_MS = 2000;
const STORAGE_KEY = 'ticketrail.pairing';

const section = document.getElementById('pairing');
const codeNode = document.getElementById('code');
const expiresNode = document.getElementById('expires');
const statusNode = document.getElementById('pair-status');
const next = section.dataset.next;
/** The server's screen views (ScreenView): which pages there are, and which view each shows. */
const views = JSON.parse(section.dataset.views || '[]');
const wanted = screenOf(next, views);
// a screen whose access was revoked waits for a manager even in dev mode: it must not grant itself access again
const autoPair = section.dataset.autoPair === 'true' && section.dataset.revoked !== 'true';
let pairing = null;
/** Server time minus this device's clock, from the Date header; the countdown follows the server's expiry. */
let offsetMs = 0;

if (wanted) {
  document.getElementById('access-address').textContent = `${window.location.host}/l/${wanted.locationId}/access`;
}
window.setInterval(countdown, 1000);
begin();

async function begin() {
  pairing = load();
  if (!pairing || Date.parse(pairing.expiresAt) <= Date.now() + offsetMs) {
    pairing = await start();
  }
  if (pairing) {
    save(pairing);
    codeNode.textContent = pairing.code;
    section.dataset.code = pairing.code;
    statusNode.textContent = 'Waiting for a manager to approve this code…';
    countdown();
  }
  window.setTimeout(poll, pairing ? (autoPair ? 0 : POLL_MS) : POLL_MS);
}

async function start() {
  const body = autoPair && wanted ? wanted : {};
  try {
    const response = await fetch('/api/v1/pairings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    learnOffset(response);
    if (response.status === 201) {
      return response.json();
    }
    if (response.status === 200) {
      // dev mode: this browser's screen was given this page too; no code to show
      const paired = await response.json();
      statusNode.textContent = 'Paired. Opening the screen…';
      window.location.replace(destination(next, paired, views));
      return new Promise(() => {});
    }
    statusNode.textContent = response.status === 429 || response.status === 503
      ? 'The server is busy; trying again…'
      : `The server refused a code (${response.status}); trying again…`;
  } catch {
    statusNode.textContent = 'No connection to the server; trying again…';
  }
  return null;
}

async function poll() {
  if (!pairing) {
    begin();
    return;
  }
  let response;
  try {
    response = await fetch(`/api/v1/pairings/${encodeURIComponent(pairing.pairingId)}/claim`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ claim: pairing.claim }),
    });
  } catch {
    statusNode.textContent = 'No connection to the server; still waiting…';
    window.setTimeout(poll, POLL_MS);
    return;
  }
  learnOffset(response);
  if (response.status === 200) {
    const paired = await response.json();
    forget();
    statusNode.textContent = 'Approved. Opening the screen…';
    window.location.replace(destination(next, paired, views));
    return;
  }
  if (response.status === 410 || response.status === 404) {
    // expired, collected already, or unknown (the server forgot it): a new code
    forget();
    pairing = null;
    begin();
    return;
  }
  window.setTimeout(poll, POLL_MS);
}

function countdown() {
  if (!pairing) {
    expiresNode.textContent = '';
    return;
  }
  const left = Date.parse(pairing.expiresAt) - (Date.now() + offsetMs);
  expiresNode.textContent = `Code good for ${remaining(left)}`;
}

function learnOffset(response) {
  const date = Date.parse(response.headers.get('Date') || '');
  if (!Number.isNaN(date)) {
    offsetMs = date - Date.now();
  }
}

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

function save(value) {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
  } catch {
    // without storage a reload asks for a new code; nothing else changes
  }
}

function forget() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing kept
  }
}
