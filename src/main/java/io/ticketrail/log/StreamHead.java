package io.ticketrail.log;

import java.util.UUID;

/** Where a location's log stands: its epoch, the last seq committed, and the oldest seq still kept. */
public record StreamHead(UUID epoch, long lastSeq, long minRetainedSeq) {

    /** Whether the events after {@code seq} are all still in the table. */
    public boolean retainsAfter(long seq) {
        return seq >= minRetainedSeq - 1;
    }
}
