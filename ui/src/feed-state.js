// The client rules of feed protocol v1, free of any transport (the browser twin of the Java reference client
// io.ticketrail.feed.client.FeedState). Apply a diff only when its `from` equals our seq; a diff with
// `to <= seq` is a duplicate; a gap, a ping ahead of us or another epoch means we missed something: resume.

export const Outcome = Object.freeze({
  APPLIED: 'applied',
  DUPLICATE: 'duplicate',
  IN_SYNC: 'in-sync',
  RESUME: 'resume',
  ERROR: 'error',
});

export class FeedState {
  constructor() {
    this.epoch = null;
    this.seq = -1;
    /** @type {Map<string, object>} open orders of this view by id */
    this.orders = new Map();
  }

  /** Starts from a snapshot message (embedded in the page, or kept in sessionStorage). */
  static from(snapshot) {
    const state = new FeedState();
    if (snapshot) {
      state.apply(snapshot);
    }
    return state;
  }

  /** @returns {string} one of Outcome */
  apply(message) {
    switch (message && message.type) {
      case 'snapshot':
        return this.snapshot(message);
      case 'diff':
        return this.diff(message);
      case 'ping':
        return message.seq > this.seq ? Outcome.RESUME : Outcome.IN_SYNC;
      case 'error':
        return Outcome.ERROR;
      default:
        return Outcome.IN_SYNC;
    }
  }

  snapshot(message) {
    this.orders = new Map();
    for (const order of message.orders || []) {
      this.orders.set(order.id, order);
    }
    this.epoch = message.epoch;
    this.seq = message.seq;
    return Outcome.APPLIED;
  }

  diff(message) {
    if (this.epoch === null || this.epoch !== message.epoch) {
      return Outcome.RESUME;
    }
    if (message.to <= this.seq) {
      return Outcome.DUPLICATE;
    }
    if (message.from !== this.seq) {
      return Outcome.RESUME;
    }
    for (const change of message.changes || []) {
      if (change.op === 'upsert') {
        const known = this.orders.get(change.order.id);
        // whole-order upserts are idempotent; a stale version never overwrites a newer one
        if (!known || known.version <= change.order.version) {
          this.orders.set(change.order.id, change.order);
        }
      } else if (change.op === 'remove') {
        this.orders.delete(change.orderId);
      }
    }
    this.seq = message.to;
    return Outcome.APPLIED;
  }

  /** Where to resume from; null before the first snapshot. */
  position() {
    return this.epoch === null ? null : { epoch: this.epoch, seq: this.seq };
  }

  /** The state as a snapshot message, to keep in sessionStorage. */
  toSnapshot() {
    return { type: 'snapshot', epoch: this.epoch, seq: this.seq, orders: [...this.orders.values()] };
  }
}
