// The access page's webhooks: the location's endpoints with how their delivery goes, and register (the signing
// secret is shown once, from the answer), resume and delete, all through the REST API with the manager's session.
// Every cell is built as text, never as markup: URLs and errors come from integrators and receivers.

import { ago } from './presence.js';

const POLL_MS = 5000;

/** ORDER_PLACED as the form says it: "order placed". */
export function eventName(type) {
  return type.toLowerCase().replaceAll('_', ' ');
}

/**
 * The text of one endpoint's cells: state, last delivery, last failure. The last status belongs to the last
 * attempt, which may have failed, so the delivery says only when and how far.
 */
export function describe(webhook, now = Date.now()) {
  const state = webhook.state === 'PAUSED'
    ? `paused ${ago(webhook.pausedAt, now)}: ${webhook.pausedReason || ''}`.trim()
    : 'active';
  const delivered = webhook.lastSuccessAt
    ? `${ago(webhook.lastSuccessAt, now)}, up to seq ${webhook.deliveredSeq}`
    : `none yet, from seq ${webhook.deliveredSeq}`;
  let failure = '–';
  if (webhook.failingSince) {
    failure = `failing since ${ago(webhook.failingSince, now)}: ${webhook.lastError || ''}`.trim();
  } else if (webhook.lastError) {
    failure = webhook.lastError;
  }
  return { state, delivered, failure };
}

function cell(row, text) {
  const td = row.insertCell();
  td.textContent = text;
  return td;
}

function button(label, name, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'control';
  b.textContent = label;
  b.setAttribute('aria-label', `${label} ${name}`);
  b.addEventListener('click', onClick);
  return b;
}

function wire(form, table) {
  const base = `/api/v1/locations/${encodeURIComponent(form.dataset.location)}/webhooks`;
  const headers = { Accept: 'application/json', 'X-CSRF-Token': form.dataset.csrf };
  const error = document.getElementById('webhook-error');

  function show(problem) {
    error.textContent = problem;
    error.hidden = !problem;
  }

  async function call(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: body ? { ...headers, 'Content-Type': 'application/json' } : headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(answer?.detail || `HTTP ${response.status}`);
    }
    return answer;
  }

  function act(fn) {
    return () => fn().then(() => show('')).catch((e) => show(e.message)).finally(refresh);
  }

  async function refresh() {
    const webhooks = await call('GET', base);
    const body = table.tBodies[0];
    body.replaceChildren();
    if (webhooks.length === 0) {
      cell(body.insertRow(), 'No webhook endpoints yet.').colSpan = 6;
    }
    webhooks.forEach((w) => {
      const row = body.insertRow();
      row.dataset.webhookId = w.id;
      row.dataset.state = w.state;
      const { state, delivered, failure } = describe(w);
      const url = document.createElement('th');
      url.scope = 'row';
      url.className = 'url';
      url.textContent = w.url;
      row.append(url);
      cell(row, w.events.map(eventName).join(', '));
      cell(row, state).className = 'state';
      cell(row, delivered).className = 'delivered';
      cell(row, failure).className = 'failure';
      const actions = cell(row, '');
      if (w.state === 'PAUSED') {
        actions.append(button('Resume', w.url, act(() => call('POST', `${base}/${w.id}/resume`))));
      }
      actions.append(button('Delete', w.url, act(() => call('DELETE', `${base}/${w.id}`))));
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const events = [...form.querySelectorAll('input[name="events"]:checked')].map((e) => e.value);
    act(async () => {
      const created = await call('POST', base, { url: form.elements.url.value, events });
      document.getElementById('webhook-secret').textContent = created.secret;
      document.getElementById('webhook-created').hidden = false;
      form.reset();
    })();
  });

  const poll = () => refresh().catch(() => {}).finally(() => window.setTimeout(poll, POLL_MS));
  poll();
}

const page = typeof document !== 'undefined' ? document : null;
const form = page?.getElementById('register-webhook');
const table = page?.getElementById('webhooks');
if (form && table) {
  wire(form, table);
}
