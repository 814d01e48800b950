package io.ticketrail.feed;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected screen. Its sends are bounded in messages and in bytes, its own and its location's and this
 * instance's: a screen that stops reading is closed with 4409 rather than buffered without limit, and resumes from
 * its seq when it comes back.
 */
final class Screen {

    final String locationId;
    final FeedView view;
    final ScreenSink sink;
    final String transport;
    /** The key, screen or session it was opened with: revoking that closes it. */
    final UUID owner;

    private final Bounds bounds;
    private final AtomicInteger unsent = new AtomicInteger();
    private final AtomicLong unsentBytes = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onTooSlow;
    private final ScreenWatch.Presence presence;

    /** What a screen may have unsent: messages and bytes of its own, and bytes over its location and instance. */
    record Bounds(int messages, long bytes, SendBudget location, SendBudget instance) {}

    Screen(
            UUID id,
            String locationId,
            FeedView view,
            ScreenSink sink,
            String transport,
            UUID owner,
            Bounds bounds,
            Runnable onTooSlow,
            ScreenWatch watch) {
        this.presence = watch.opened(new ScreenWatch.Watched(id, locationId, view, transport, owner));
        this.locationId = locationId;
        this.owner = owner;
        this.view = view;
        this.sink = sink;
        this.transport = transport;
        this.bounds = bounds;
        this.onTooSlow = onTooSlow;
    }

    /** The screen says it applied and drew everything up to {@code seq} (docs/protocol.md, "Acknowledgements"). */
    void acked(long seq, String page) {
        presence.acked(seq, page);
    }

    /** Its connection ended: presence writes the close. */
    void closedForPresence() {
        presence.closed();
    }

    /** Queues a message; false (and the screen closed) when its queue is past the bound. */
    boolean send(EncodedMessage message, UUID epoch, long seq) {
        if (closed.get()) {
            return false;
        }
        long bytes = message.length();
        String tooMuch = tooMuch(bytes);
        if (tooMuch != null) {
            close(CloseCodes.TOO_SLOW, "too slow", tooMuch + "; resume to catch up");
            onTooSlow.run();
            return false;
        }
        unsent.incrementAndGet();
        unsentBytes.addAndGet(bytes);
        bounds.location().take(bytes);
        bounds.instance().take(bytes);
        // told before the write: a fast screen's acknowledgement may arrive before send() returns, and an ack for
        // a message not yet recorded as sent would be dropped, leaving the message pending (a false FROZEN alarm)
        presence.sent(seq);
        try {
            sink.send(message, epoch, seq, () -> sent(bytes));
        } catch (RuntimeException e) {
            // the connection went away between our check and the write: this screen is gone, the others go on
            sent(bytes);
            closed.set(true);
            return false;
        }
        return true;
    }

    /**
     * Why this message may not be queued, or null. A screen with nothing unsent always gets its next message: one
     * message is bounded by the order limits, and a reading screen must get its snapshot however large. Only a
     * screen that lags is closed, whoever filled the shared budgets.
     */
    private String tooMuch(long bytes) {
        if (unsent.get() >= bounds.messages()) {
            return "Send queue passed " + bounds.messages() + " messages";
        }
        long mine = unsentBytes.get();
        if (mine == 0) {
            return null;
        }
        if (mine + bytes > bounds.bytes()) {
            return "Send queue passed " + bounds.bytes() + " bytes";
        }
        if (bounds.location().wouldPass(bytes) || bounds.instance().wouldPass(bytes)) {
            return "This server's send queues are full";
        }
        return null;
    }

    private void sent(long bytes) {
        unsent.decrementAndGet();
        unsentBytes.addAndGet(-bytes);
        bounds.location().give(bytes);
        bounds.instance().give(bytes);
    }

    CompletionStage<Void> close(int code, String reason, String error) {
        if (closed.compareAndSet(false, true)) {
            return sink.close(code, reason, error);
        }
        return CompletableFuture.completedFuture(null);
    }

    boolean isClosed() {
        return closed.get();
    }
}
