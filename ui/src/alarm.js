// The missed-ticket alarm on expo and the manager screen (docs/protocol.md, "The missed-ticket alarm"): which
// station, why, which tickets, since when, with a sound. Self-contained: a page imports this module and has an
// element with id "alarms"; nothing else. It asks the server every few seconds, so an alarm shows even when this
// page's own feed is the thing that is down.

import { el, embedded } from './screen.js';

const POLL_MS = 2000;
/** While an alarm is up the sound repeats this often: a kitchen is loud, a single beep is easy to miss. */
const REPEAT_SOUND_MS = 20000;

const REASONS = {
  NO_SCREEN: 'no screen is showing its tickets',
  UNSEEN: 'tickets not seen on its screen',
  FROZEN: 'its screen stopped responding',
  PRINTER: 'its printer does not answer',
};

/** One line per alarm, from the alarms API's answer; times in the location's clock as the server sent them. */
export function describe(alarm, now = Date.now()) {
  const detail = alarm.detail || {};
  const station = detail.stationName || alarm.station;
  const reasons = (detail.reasons || []).map((r) => REASONS[r] || r.toLowerCase());
  const tickets = (detail.tickets || []).map((t) => `#${t.number}`);
  const since = Date.parse(detail.since || alarm.raisedAt);
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  return {
    key: `${alarm.kind}:${alarm.station}`,
    title: alarm.kind === 'PRINTER' ? `${station} printer` : station,
    reasons: reasons.join(', '),
    tickets: [...new Set(tickets)].join(' '),
    since: seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`,
  };
}

class AlarmBanner {
  constructor(container, locationId, env = window) {
    this.container = container;
    this.url = `/api/v1/locations/${encodeURIComponent(locationId)}/alarms`;
    this.env = env;
    this.known = new Set();
    this.lastSound = 0;
    this.audio = null;
    container.classList.add('alarms');
    container.setAttribute('role', 'alert');
    container.hidden = true;
    // browsers allow sound only after the user touched the page; the first tap anywhere unlocks it
    const unlock = () => {
      const AudioContext = env.AudioContext || env.webkitAudioContext;
      if (AudioContext && !this.audio) {
        this.audio = new AudioContext();
      }
      this.audio?.resume();
    };
    env.document.addEventListener('pointerdown', unlock);
    env.document.addEventListener('keydown', unlock);
  }

  async poll() {
    try {
      const response = await this.env.fetch(this.url, { headers: { Accept: 'application/json' } });
      if (response.ok) {
        this.show(await response.json());
      }
    } catch {
      // no answer: keep what is shown, ask again at the next round
    }
    this.env.setTimeout(() => this.poll(), POLL_MS);
  }

  show(alarms) {
    const lines = alarms.map((alarm) => describe(alarm));
    const fresh = lines.some((line) => !this.known.has(line.key));
    this.known = new Set(lines.map((line) => line.key));
    this.container.replaceChildren(...lines.map((line) => el('p', { class: 'alarm', dataset: { alarm: line.key } },
      el('strong', {}, line.title), ': ', line.reasons,
      line.tickets ? el('span', { class: 'alarm-tickets' }, ` — ${line.tickets}`) : null,
      el('span', { class: 'alarm-since' }, ` · for ${line.since}`))));
    this.container.hidden = lines.length === 0;
    const now = Date.now();
    if (lines.length > 0 && (fresh || now - this.lastSound > REPEAT_SOUND_MS)) {
      this.lastSound = now;
      this.sound();
    }
  }

  /** Three falling tones, unlike the new-ticket chime. */
  sound() {
    const context = this.audio;
    if (!context || context.state !== 'running') {
      return;
    }
    const start = context.currentTime;
    [1200, 900, 600].forEach((frequency, i) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.5, start + i * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.22);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + i * 0.25);
      oscillator.stop(start + i * 0.25 + 0.25);
    });
  }
}

const container = typeof document !== 'undefined' ? document.getElementById('alarms') : null;
if (container) {
  const config = embedded('screen-config');
  new AlarmBanner(container, config.locationId).poll();
}
