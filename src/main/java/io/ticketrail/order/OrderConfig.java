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

    /** The writer lanes that apply commands in batches, one transaction per batch (group commit). */
    Writers writers();

    interface Writers {

        /**
         * Lanes, each one thread with its own queue; a location always goes to the same lane, so its commands keep
         * their order. Two keep both cores of a small box busy while one lane waits for its commit.
         */
        @WithDefault("2")
        int lanes();

        /**
         * Commands one transaction may carry. At most 64: each command runs under a savepoint, and PostgreSQL keeps
         * only 64 subtransaction ids per session in shared memory; past that every snapshot in the database slows.
         */
        @WithDefault("64")
        int batchSize();

        /**
         * Commands a lane holds waiting; one more answers 503 at once. 1,000 is about one second of the target load
         * per lane: a POS gets a quick refusal to retry rather than a long wait for a timeout.
         */
        @WithDefault("1000")
        int queueSize();

        /**
         * Open orders per location whose state a replica keeps after its own commands there, so that the next
         * command on one of them goes in one round trip instead of two (KnownOrders); 0 keeps none. Kept state is
         * checked against the log in that round trip, so it is never trusted stale.
         */
        @WithDefault("32")
        int knownOrdersPerLocation();
    }

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
