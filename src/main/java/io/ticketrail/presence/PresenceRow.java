package io.ticketrail.presence;

import java.time.Instant;
import java.util.UUID;

/**
 * One screen as a batch writes it. A row from an acknowledgement taken by an instance that does not hold the
 * screen has only its location, owner and ack fields ({@code view} null): it must not overwrite the holder's.
 */
record PresenceRow(
        UUID id,
        String locationId,
        UUID owner,
        String view,
        String station,
        String transport,
        Instant connectedAt,
        Instant closedAt,
        Long pendingSeq,
        Instant pendingSince,
        long ackSeq,
        Instant ackAt,
        String page) {

    static PresenceRow ackOnly(UUID id, String locationId, UUID owner, long ackSeq, Instant ackAt, String page) {
        return new PresenceRow(id, locationId, owner, null, null, null, null, null, null, null, ackSeq, ackAt, page);
    }
}
