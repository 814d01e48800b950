package io.ticketrail.log;

import java.util.UUID;

/**
 * Proof that this transaction holds its location's stream row: only the holder may append, so sequence numbers
 * are handed out in commit order without holes.
 */
public final class StreamLock {

    private final String locationId;
    private final UUID epoch;
    private final long configVersion;
    private final long lockedAtSeq;
    private final boolean batched;
    private long lastSeq;

    StreamLock(String locationId, UUID epoch, long lastSeq, long configVersion, boolean batched) {
        this.locationId = locationId;
        this.epoch = epoch;
        this.lastSeq = lastSeq;
        this.lockedAtSeq = lastSeq;
        this.configVersion = configVersion;
        this.batched = batched;
    }

    public String locationId() {
        return locationId;
    }

    public UUID epoch() {
        return epoch;
    }

    /**
     * The version of the location's configuration as of this lock: a change to the location bumps it under the same
     * row lock, so rules read at this version stay exact until the transaction ends.
     */
    public long configVersion() {
        return configVersion;
    }

    /** The head when the lock was taken; {@link #head()} once the transaction has appended. */
    public long lockedAt() {
        return lockedAtSeq;
    }

    /** The head after this transaction's appends: the location's head once it commits. */
    public long head() {
        return lastSeq;
    }

    long next() {
        return ++lastSeq;
    }

    /** Taken for a writer lane's batch: its appends wait for one wake-up per location at the batch's end. */
    boolean batched() {
        return batched;
    }

    boolean appended() {
        return lastSeq > lockedAtSeq;
    }
}
