package io.ticketrail.feed;

import java.util.UUID;

/**
 * Told what happens to each screen of this instance: opened, sent a message up to a seq, acknowledged a seq it
 * rendered, closed. Presence (io.ticketrail.presence) implements it, so the feed never depends on it. Called on
 * the feed's own threads, once per message: implementations must be quick and must not block.
 */
public interface ScreenWatch {

    /** One feed connection; {@code id} names it in acknowledgements sent over REST (the SSE fallback). */
    record Watched(UUID id, String locationId, FeedView view, String transport, UUID owner) {}

    void opened(Watched screen);

    void sent(Watched screen, long seq);

    void acked(Watched screen, long seq, String page);

    void closed(Watched screen);
}
