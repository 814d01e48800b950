package io.ticketrail.log;

import java.util.UUID;

/**
 * Proof that this transaction holds its location's stream row: only the holder may append, so sequence numbers
 * are handed out in commit order without holes.
 */
public final class StreamLock {

    private final String locationId;
    private final UUID epoch;
    private long lastSeq;

    StreamLock(String locationId, UUID epoch, long lastSeq) {
        this.locationId = locationId;
        this.epoch = epoch;
        this.lastSeq = lastSeq;
    }

    public String locationId() {
        return locationId;
    }

    public UUID epoch() {
        return epoch;
    }

    long next() {
        return ++lastSeq;
    }
}
