package io.ticketrail.feed;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Where a screen's messages go: a WebSocket or an SSE response. */
interface ScreenSink {

    /**
     * Sends one message, the same bytes every screen of the group gets; {@code epoch:seq} is where the screen is once
     * it applies it (the SSE event id). Runs {@code done} once the message is written or dropped.
     */
    void send(EncodedMessage message, UUID epoch, long seq, Runnable done);

    /** Sends {@code error} (when not null) and closes with the protocol's close code. */
    CompletionStage<Void> close(int code, String reason, String error);
}
