package io.ticketrail.web;

import java.util.UUID;

/**
 * An id taken from a URL path. One that is not a UUID names nothing that exists: 404, as for an unknown UUID, not a
 * 400 that would tell a prober the id's format.
 */
public final class PathId {

    private PathId() {}

    /**
     * @param what what the path names, for the problem's detail ("order", "pairing")
     * @throws ProblemException 404 when {@code value} is not a UUID
     */
    public static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No such " + what + ": " + value);
        }
    }
}
