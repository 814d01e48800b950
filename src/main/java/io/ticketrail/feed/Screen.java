package io.ticketrail.feed;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connected screen. Its sends are bounded: a screen that stops reading is closed with 4409 rather than
 * buffered without limit, and resumes from its seq when it comes back.
 */
final class Screen {

    final String locationId;
    final FeedView view;
    final ScreenSink sink;
    final String transport;
    /** The key, screen or session it was opened with: revoking that closes it. */
    final UUID owner;
    private final int queueBound;
    private final AtomicInteger unsent = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onTooSlow;
    final ScreenWatch.Watched watched;
    private final ScreenWatch watch;

    Screen(UUID id, String locationId, FeedView view, ScreenSink sink, String transport, UUID owner, int queueBound,
            Runnable onTooSlow, ScreenWatch watch) {
        this.watched = new ScreenWatch.Watched(id, locationId, view, transport, owner);
        this.watch = watch;
        this.locationId = locationId;
        this.owner = owner;
        this.view = view;
        this.sink = sink;
        this.transport = transport;
        this.queueBound = queueBound;
        this.onTooSlow = onTooSlow;
    }

    /** Queues a message; false (and the screen closed) when its queue is past the bound. */
    boolean send(String text, UUID epoch, long seq) {
        if (closed.get()) {
            return false;
        }
        if (unsent.incrementAndGet() > queueBound) {
            close(CloseCodes.TOO_SLOW, "too slow", "Send queue passed " + queueBound + " messages; resume to catch up");
            onTooSlow.run();
            return false;
        }
        try {
            sink.send(text, epoch, seq).whenComplete((ok, failure) -> unsent.decrementAndGet());
            watch.sent(watched, seq);
        } catch (RuntimeException e) {
            // the connection went away between our check and the write: this screen is gone, the others go on
            unsent.decrementAndGet();
            closed.set(true);
            return false;
        }
        return true;
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
