package io.ticketrail.presence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a station's alarm is up, as its RAISED event and the alarms API carry it. {@code reasons}: NO_SCREEN (open
 * tickets, no live screen), UNSEEN (a change not acknowledged in time), FROZEN (a connected screen stopped
 * acknowledging), PRINTER (the station's printer refused or timed out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlarmDetail(
        String station,
        String stationName,
        List<Reason> reasons,
        List<Ticket> tickets,
        List<UUID> frozenScreens,
        String printer,
        String error,
        Instant since) {

    public enum Reason {
        NO_SCREEN,
        UNSEEN,
        FROZEN,
        PRINTER
    }

    /** A ticket whose change at {@code seq} no screen of the station acknowledged. */
    public record Ticket(UUID orderId, int number, long seq, Instant changedAt) {}
}
