package io.ticketrail.order;

import java.time.Duration;
import java.time.LocalTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ticketrail.orders")
public interface OrderConfig {

    /**
     * Orders placed before this local time belong to the previous business day (late service after midnight), for
     * display numbers.
     */
    @WithDefault("04:00")
    LocalTime businessDayStartsAt();

    /** The recall window of locations that do not set their own; LocationService reads it by name. */
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

    /**
     * How often each replica looks for courses due to fire by themselves (a location's courseFireDelayMinutes): a
     * course fires at most this late. The fire is checked again under the location's lock, so replicas never fire
     * twice. Read by the scheduler as a config expression.
     */
    @WithDefault("15s")
    String timedFireCheckEvery();

    /** What one order may hold in total, however many requests built it (docs/security.md). */
    Limits limits();

    interface Limits {

        /** Items an order may carry, voided ones included: every event carries them all. */
        @WithDefault("300")
        int itemsPerOrder();

        /** Modifiers over all of an order's items. */
        @WithDefault("1000")
        int modifiersPerOrder();

        /** Characters of free text over the whole order: names, notes, modifiers, allergens, categories. */
        @WithDefault("128000")
        int textPerOrder();

        /** Bytes of one event's order state as JSON: what every screen's diff and the events API carry. */
        @WithDefault("524288")
        int eventBytes();
    }
}
