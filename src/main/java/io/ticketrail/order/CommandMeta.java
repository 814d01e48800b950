package io.ticketrail.order;

import java.util.Optional;

/**
 * What the HTTP layer knows about a command besides its body: who sent it, the version it expects (If-Match),
 * and its Idempotency-Key with a fingerprint of the request, so a reused key with another request is refused.
 */
public record CommandMeta(String actor, Optional<Long> expectedVersion, Optional<String> idempotencyKey,
        String fingerprint) {
}
