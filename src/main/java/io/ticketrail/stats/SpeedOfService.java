package io.ticketrail.stats;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The manager's numbers. Ticket time of a station is from the order's placement to the last of the station's
 * items on it being done; of the whole order, from placement to ready.
 */
public record SpeedOfService(
        Instant since,
        Instant until,
        List<StationTime> stations,
        StationTime orders,
        List<LateTicket> late,
        List<Bucket> ordersPer15Minutes) {

    /** {@code station} is null for whole orders. Seconds are null when there were no tickets. */
    public record StationTime(String station, int tickets, Double averageSeconds, Double p90Seconds) {}

    /** An open order past its promised time or past the location's late threshold. */
    public record LateTicket(
            UUID id,
            int number,
            String table,
            String customerName,
            Instant placedAt,
            Instant promisedAt,
            String reason) {}

    public record Bucket(Instant start, int orders) {}
}
