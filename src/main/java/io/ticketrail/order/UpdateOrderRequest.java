package io.ticketrail.order;

import java.time.Instant;

/** PATCH: the fields present are changed, the others kept. */
public record UpdateOrderRequest(Priority priority, Instant promisedAt) {}
