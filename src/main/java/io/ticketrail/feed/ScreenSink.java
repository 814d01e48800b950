package io.ticketrail.feed;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Where a screen's messages go: a WebSocket or an SSE response. */
public interface ScreenSink {

    /** Sends one message; {@code epoch:seq} is where the screen is once it applies it (the SSE event id). */
    CompletionStage<Void> send(String text, UUID epoch, long seq);

    /** Sends {@code error} (when not null) and closes with the protocol's close code. */
    CompletionStage<Void> close(int code, String reason, String error);
}
