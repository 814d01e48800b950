package io.ticketrail.feed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What presence is told about a screen's messages, in the order a fast screen makes it happen. */
class ScreenSendTest {

    private final List<String> told = new ArrayList<>();

    private final ScreenWatch watch = screen -> new ScreenWatch.Presence() {
        @Override
        public void sent(long seq) {
            told.add("sent " + seq);
        }

        @Override
        public void acked(long seq, String page) {
            told.add("acked " + seq);
        }

        @Override
        public void closed() {}
    };

    /** A screen on the same host can acknowledge before the send call returns; presence must have the send first. */
    @Test
    void aMessageIsRecordedAsSentBeforeItsAcknowledgementCanArrive() {
        Screen[] screen = new Screen[1];
        ScreenSink acknowledgesAtOnce = new ScreenSink() {
            @Override
            public void send(EncodedMessage message, UUID epoch, long seq, Runnable done) {
                screen[0].acked(seq, null);
                done.run();
            }

            @Override
            public CompletionStage<Void> close(int code, String reason, String error) {
                return CompletableFuture.completedFuture(null);
            }
        };
        screen[0] = new Screen(
                UUID.randomUUID(),
                "loc",
                FeedView.parse("station", "grill"),
                acknowledgesAtOnce,
                "ws",
                UUID.randomUUID(),
                new Screen.Bounds(10, 1_000_000, new SendBudget(1_000_000), new SendBudget(1_000_000)),
                () -> {},
                watch);

        assertThat(screen[0].send(
                        new EncodedMessage("{\"type\":\"diff\"}".getBytes(StandardCharsets.UTF_8)),
                        UUID.randomUUID(),
                        7))
                .isTrue();

        assertThat(told).containsExactly("sent 7", "acked 7");
    }
}
