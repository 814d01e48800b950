package io.ticketrail.feed;

import java.util.UUID;

/**
 * Told what happens to each screen of this instance: opened, sent a message up to a seq, acknowledged a seq it
 * rendered, closed. Presence (io.ticketrail.presence) implements it, so the feed never depends on it. Called on
 * the feed's own threads, once per message: implementations must be quick and must not block. Opening answers the
 * screen's own {@link Presence}, told directly from then on: no lookup by screen id per message.
 */
public interface ScreenWatch {

    /** One feed connection; {@code id} names it in acknowledgements sent over REST (the SSE fallback). */
    record Watched(UUID id, String locationId, FeedView view, String transport, UUID owner) {}

    /** What one open screen tells, from its open to its close. */
    interface Presence {

        void sent(long seq);

        void acked(long seq, String page);

        void closed();
    }

    Presence opened(Watched screen);
}
