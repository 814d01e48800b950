package io.ticketrail.order;

import java.time.Duration;
import java.time.LocalTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ticketrail.orders")
public interface OrderConfig {

    /** Orders placed before this local time belong to the previous business day, for display numbers. */
    @WithDefault("04:00")
    LocalTime businessDayStartsAt();

    /** The recall window of locations that do not set their own. */
    @WithDefault("5M")
    Duration recallWindow();

    /** How long the first response to an Idempotency-Key is replayed. */
    @WithDefault("24H")
    Duration idempotencyRetention();

    /**
     * How long a cancelled order's CANCELLED card waits for a screen to acknowledge it. A station or expo without a
     * screen never does; past this the card is acknowledged for it, so cancelled orders do not pile up on the line.
     */
    @WithDefault("12H")
    Duration cancelledNoticeLifetime();

    /** How often timed fire looks for due courses; read by the scheduler as a config expression. */
    @WithDefault("15s")
    String timedFireCheckEvery();
}
