package io.ticketrail.presence;

import java.time.Instant;

import io.ticketrail.log.EventType;
import io.ticketrail.order.OrderView;

/**
 * A change at {@code seq} that changed what {@code station}'s screens show, of a kind a cook must see: a new
 * ticket, items added or voided, a course fired, a cancel. It stays until a screen of the station acknowledges
 * {@code seq} or later.
 */
record Touch(long seq, String station, EventType type, Instant at, OrderView before, OrderView after) {}
