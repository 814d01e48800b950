// The manager: live counts by status and channel from the feed; speed of service, late tickets and orders per
// 15 minutes from the stats endpoint; the CSV export form.

import uPlot from 'uplot';

import './alarm.js';
import './presence.js';

import { CHANNELS, el, embedded, startScreen } from './screen.js';
import { localDate } from './dates.js';

/** Stats are recomputed on the server: at most this often while orders move, and at least this often when idle. */
const STATS_MIN_INTERVAL_MS = 5000;
const STATS_MAX_INTERVAL_MS = 30000;
const STATUSES = { NEW: 'New', IN_PROGRESS: 'In progress', READY: 'Ready' };

const config = embedded('screen-config');
const stationNames = new Map(config.stations.map((s) => [s.id, s.name]));
const countsNode = document.getElementById('counts');
const speedBody = document.querySelector('#speed tbody');
const lateNode = document.getElementById('late');
const chartNode = document.getElementById('chart');
let chart = null;
let lastFetch = 0;
let pending = null;

const { client } = startScreen({ render });
defaultDates();
window.setInterval(() => refresh(), STATS_MAX_INTERVAL_MS);
refresh();

function render(state) {
  const orders = [...state.orders.values()];
  const count = (label, value, key) => el('div', { class: 'count', dataset: { count: key } },
    el('span', { class: 'value' }, String(value)), el('span', { class: 'label' }, label));
  countsNode.replaceChildren(
    count('Open', orders.length, 'open'),
    ...Object.entries(STATUSES).map(([status, label]) => count(label, orders.filter((o) => o.status === status).length, status)),
    ...Object.entries(CHANNELS).map(([channel, label]) => count(label, orders.filter((o) => o.channel === channel).length, channel)),
  );
  // orders moved: refresh the numbers soon, without a request per change in a rush
  if (pending === null) {
    pending = window.setTimeout(() => {
      pending = null;
      refresh();
    }, Math.max(0, lastFetch + STATS_MIN_INTERVAL_MS - Date.now()));
  }
}

async function refresh() {
  lastFetch = Date.now();
  try {
    const response = await fetch(`/api/v1/locations/${encodeURIComponent(config.locationId)}/stats`, {
      headers: { Accept: 'application/json' },
    });
    if (response.ok) {
      show(await response.json());
    }
  } catch {
    // offline: the badge says so; the numbers come back with the next refresh
  }
}

function seconds(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  const s = Math.round(value);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function show(stats) {
  const rows = stats.stations.map((s) => el('tr', { dataset: { station: s.station } },
    el('th', { scope: 'row' }, stationNames.get(s.station) || s.station),
    el('td', {}, String(s.tickets)), el('td', {}, seconds(s.averageSeconds)), el('td', {}, seconds(s.p90Seconds))));
  rows.push(el('tr', { class: 'total' },
    el('th', { scope: 'row' }, 'Whole orders (to ready)'),
    el('td', {}, String(stats.orders.tickets)), el('td', {}, seconds(stats.orders.averageSeconds)),
    el('td', {}, seconds(stats.orders.p90Seconds))));
  speedBody.replaceChildren(...rows);
  lateNode.replaceChildren(...(stats.late.length === 0
    ? [el('li', {}, 'None')]
    : stats.late.map((t) => el('li', {},
      el('strong', {}, `#${t.number}`), ' ',
      [t.table ? `Table ${t.table}` : null, t.customerName].filter(Boolean).join(' · '), ' ',
      el('span', { class: 'reason' }, t.reason)))));
  drawChart(stats.ordersPer15Minutes);
}

function drawChart(buckets) {
  const xs = buckets.map((b) => Date.parse(b.start) / 1000);
  const ys = buckets.map((b) => b.orders);
  const width = Math.max(320, chartNode.clientWidth - 10);
  if (chart) {
    chart.setData([xs, ys]);
    return;
  }
  chart = new uPlot({
    width,
    height: 240,
    legend: { show: false },
    scales: {
      // half a bucket of room on either side, so the first and last bars show whole
      x: { time: true, range: (u, min, max) => [min - 450, max + 450] },
      y: { range: (u, min, max) => [0, Math.max(4, max + 1)] },
    },
    axes: [
      { stroke: '#f4f6f8', font: '16px sans-serif', space: 90, size: 64, grid: { stroke: '#3a4350' }, ticks: { stroke: '#3a4350' } },
      { stroke: '#f4f6f8', font: '16px sans-serif', size: 50, grid: { stroke: '#3a4350' }, ticks: { stroke: '#3a4350' } },
    ],
    series: [{}, {
      label: 'Orders', stroke: '#5cb8ff', width: 3, fill: 'rgba(92,184,255,0.25)',
      paths: uPlot.paths.bars({ size: [0.8, 60] }), points: { show: false },
    }],
  }, [xs, ys], chartNode);
}

/** Today at the location (server time, the location's zone): the report's days are the location's days. */
function defaultDates() {
  const today = localDate(client.now(), config.timeZone);
  document.getElementById('export-from').value = today;
  document.getElementById('export-to').value = today;
}
