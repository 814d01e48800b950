package io.ticketrail.order;

import java.util.Optional;
import java.util.Set;

import io.ticketrail.web.ProblemException;

/**
 * What the HTTP layer knows about a command besides its body: who sent it, the version it expects (If-Match),
 * its Idempotency-Key with a fingerprint of the request (a reused key with another request is refused), and the
 * stations the sender may cook at.
 *
 * @param fingerprint of the request, empty without an Idempotency-Key (nothing compares it then)
 * @param stations the stations whose items the sender may start, bump and recall; empty for any station
 * @param wholeOrder false for a station screen, which may not recall a whole ready order (expo's call)
 * @param screens the views whose notices the sender acknowledges ({@code station:grill}, {@code expo}); empty
 *        for any view
 */
public record CommandMeta(
        String actor,
        Optional<Long> expectedVersion,
        Optional<String> idempotencyKey,
        String fingerprint,
        Optional<Set<String>> stations,
        boolean wholeOrder,
        Optional<Set<String>> screens) {

    /** A command from inside Ticketrail (the demo), allowed everywhere. */
    public static CommandMeta system(String actor) {
        return new CommandMeta(actor, Optional.empty(), Optional.empty(), "", Optional.empty(), true, Optional.empty());
    }

    /** @throws ProblemException 403 when the sender may not act at this station; checked before anything changes */
    void requireStation(String station) {
        if (stations.isPresent() && !stations.get().contains(station)) {
            throw new ProblemException(
                    403, "forbidden", "Not allowed", "This screen may not act on items of station " + station);
        }
    }

    /** A screen acknowledges its own notices only: expo may not clear a station's banner for its cook. */
    void requireScreen(String view) {
        if (screens.isPresent() && !screens.get().contains(view)) {
            throw new ProblemException(
                    403, "forbidden", "Not allowed", "This screen may not acknowledge the notices of " + view);
        }
    }

    void requireWholeOrder() {
        if (!wholeOrder) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Not allowed",
                    "A station screen may recall its own items; recalling a ready order is expo's");
        }
    }
}
