package io.ticketrail.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Live, stale or offline, judged at a fixed time with the shipped defaults (ping every 15 s). */
class ScreenJudgeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T19:30:00Z");
    private static final Duration PING = Duration.ofSeconds(15);
    private static final PresenceConfig DEFAULTS = new SmallRyeConfigBuilder()
            .withMapping(PresenceConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter()) // "10s", as Quarkus reads it
            .build()
            .unwrap(SmallRyeConfig.class)
            .getConfigMapping(PresenceConfig.class);

    @Test
    void aQuietScreenThatAcknowledgesItsPingsStaysLiveUnderAShortSilenceThreshold() {
        ScreenJudge judge = judge(4);
        PresenceReads.ScreenRow acknowledgedLastPing = screen(NOW.minusSeconds(14), null, null);

        assertThat(judge.noScreenAfter()).as("two pings").isEqualTo(Duration.ofSeconds(30));
        assertThat(judge.state(acknowledgedLastPing)).isEqualTo(ScreenJudge.State.LIVE);
    }

    @Test
    void aScreenSilentForTwoPingsIsStale() {
        assertThat(judge(4).state(screen(NOW.minusSeconds(31), null, null))).isEqualTo(ScreenJudge.State.STALE);
    }

    @Test
    void aLongerSilenceThresholdIsKept() {
        ScreenJudge judge = judge(120);

        assertThat(judge.noScreenAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(judge.state(screen(NOW.minusSeconds(100), null, null))).isEqualTo(ScreenJudge.State.LIVE);
    }

    @Test
    void aScreenThatLeavesAMessageUnacknowledgedPastTheUnseenThresholdIsFrozenAndStale() {
        ScreenJudge judge = judge(4);
        PresenceReads.ScreenRow row = screen(NOW.minusSeconds(2), 43L, NOW.minusSeconds(11));

        assertThat(judge.frozen(row)).isTrue();
        assertThat(judge.state(row)).isEqualTo(ScreenJudge.State.STALE);
    }

    @Test
    void aScreenWhoseInstanceStoppedWritingIsOffline() {
        PresenceReads.ScreenRow row = screen(NOW.minusSeconds(1), null, null, NOW.minusSeconds(11));

        assertThat(judge(4).state(row)).isEqualTo(ScreenJudge.State.OFFLINE);
    }

    private static ScreenJudge judge(int noScreenAfterSeconds) {
        return ScreenJudge.of(
                new PresenceReads.LocationSettings("loc", null, noScreenAfterSeconds, Map.of()), DEFAULTS, PING, NOW);
    }

    /** A grill screen connected a minute ago, acknowledged seq 42 at {@code ackAt}, on an instance writing batches. */
    private static PresenceReads.ScreenRow screen(Instant ackAt, Long pendingSeq, Instant pendingSince) {
        return screen(ackAt, pendingSeq, pendingSince, NOW.minusSeconds(1));
    }

    /** The same, on an instance that last wrote a batch at {@code instanceSeenAt}. */
    private static PresenceReads.ScreenRow screen(
            Instant ackAt, Long pendingSeq, Instant pendingSince, Instant instanceSeenAt) {
        return new PresenceReads.ScreenRow(
                UUID.randomUUID(),
                "loc",
                null,
                "station:grill",
                "grill",
                "websocket",
                NOW.minusSeconds(60),
                null,
                pendingSeq,
                pendingSince,
                42,
                ackAt,
                "grill",
                instanceSeenAt);
    }
}
