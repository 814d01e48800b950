package io.ticketrail.presence;

import java.time.Instant;
import java.util.ArrayDeque;

import io.ticketrail.feed.ScreenWatch;

/**
 * What this instance knows of one of its screens: what it was sent and when, and what it acknowledged. The
 * oldest message it has not acknowledged is what "frozen" is measured from.
 */
final class ScreenTracker implements ScreenWatch.Presence {

    /** Sends remembered per screen; past that the newest entry is moved up instead, which only makes it look older. */
    private static final int MAX_PENDING = 256;

    final ScreenWatch.Watched screen;
    final Instant connectedAt;
    // a screen that keeps up has one or two sends unacknowledged; the default 16 slots cost each idle screen 90 bytes
    private final ArrayDeque<long[]> pending = new ArrayDeque<>(2);
    private long sentSeq = -1;
    private long ackSeq = -1;
    private Instant ackAt;
    private String page;
    private Instant closedAt;
    private boolean dirty = true;

    ScreenTracker(ScreenWatch.Watched screen, Instant connectedAt) {
        this.screen = screen;
        this.connectedAt = connectedAt;
    }

    @Override
    public void sent(long seq) {
        sent(seq, System.currentTimeMillis());
    }

    @Override
    public void acked(long seq, String page) {
        acked(seq, page, Instant.now());
    }

    @Override
    public void closed() {
        closed(Instant.now());
    }

    synchronized void sent(long seq, long nowMillis) {
        if (seq <= sentSeq) {
            return;
        }
        sentSeq = seq;
        if (seq <= ackSeq) {
            return;
        }
        if (pending.isEmpty()) {
            dirty = true;
        }
        if (pending.size() >= MAX_PENDING) {
            pending.peekLast()[0] = seq;
        } else {
            pending.addLast(new long[] {seq, nowMillis});
        }
    }

    /** A screen cannot have rendered what it was never sent: its ack is capped at what this instance sent it. */
    synchronized void acked(long seq, String page, Instant now) {
        long capped = Math.min(seq, sentSeq);
        if (capped > ackSeq) {
            ackSeq = capped;
        }
        while (!pending.isEmpty() && pending.peekFirst()[0] <= ackSeq) {
            pending.removeFirst();
        }
        ackAt = now;
        if (page != null) {
            this.page = page;
        }
        dirty = true;
    }

    synchronized void closed(Instant now) {
        closedAt = now;
        dirty = true;
    }

    /** The row to write, or null when nothing changed since the last one; clears the change mark. */
    synchronized PresenceRow takeChange() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        long[] oldest = pending.peekFirst();
        return new PresenceRow(
                screen.id(),
                screen.locationId(),
                screen.owner(),
                screen.view().tag(),
                screen.view().station(),
                screen.transport(),
                connectedAt,
                closedAt,
                oldest == null ? null : oldest[0],
                oldest == null ? null : Instant.ofEpochMilli(oldest[1]),
                ackSeq,
                ackAt,
                page);
    }

    synchronized void markDirty() {
        dirty = true;
    }

    synchronized boolean isClosed() {
        return closedAt != null;
    }
}
