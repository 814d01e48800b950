package io.ticketrail.log;

import java.time.Instant;
import java.util.UUID;

/** One row of the event log; {@code state} is the order's view after the change, as JSON text. */
public record StoredEvent(
        long seq, EventType type, UUID orderId, long orderVersion, String actor, Instant occurredAt, String state) {}
