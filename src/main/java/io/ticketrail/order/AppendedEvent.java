package io.ticketrail.order;

import java.time.Instant;

import io.ticketrail.log.EventType;

/**
 * An event a command appended, as this instance built it: what its own feed is handed once the transaction committed,
 * instead of reading it back from the log.
 *
 * @param order the order's view after the change; never changed after the command (the entity it was built from is
 *     discarded with the transaction)
 * @param json that view as the event's state, the same bytes the log holds
 */
public record AppendedEvent(long seq, EventType type, Instant occurredAt, OrderView order, byte[] json) {}
