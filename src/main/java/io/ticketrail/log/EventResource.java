package io.ticketrail.log;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The event log for integrations: page through it by seq. */
@Tag(name = "Events")
@Path("/api/v1/locations/{locationId}/events")
public class EventResource {

    @Inject
    EventLog log;

    @Inject
    EventLogConfig config;

    public record EventsPage(UUID epoch, long head, long minRetainedSeq, List<Entry> events) {}

    public record Entry(
            long seq,
            EventType type,
            UUID orderId,
            long orderVersion,
            String actor,
            Instant occurredAt,
            @JsonRawValue String order) {}

    @GET
    @Operation(
            operationId = "readEvents",
            summary = "Read events after a position",
            description =
                    "Entries of the location's log after `after`, in seq order, gap-free: each with the order's state after it. Poll from the `head` you last saw.")
    @Allow(Action.READ_EVENTS)
    public EventsPage read(
            @PathParam("locationId") String locationId,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        EventLog.Page page = log.read(
                locationId,
                after,
                Math.min(limit, config.maxPageSize()),
                config.maxPageBytes().asLongValue());
        if (!page.complete()) {
            throw new ProblemException(
                            410,
                            "events-expired",
                            "Events no longer retained",
                            "Events after " + after + " are no longer kept; the oldest retained is "
                                    + page.head().minRetainedSeq() + ". Start again from a snapshot (GET orders).")
                    .with("minRetainedSeq", page.head().minRetainedSeq());
        }
        return new EventsPage(
                page.head().epoch(),
                page.head().lastSeq(),
                page.head().minRetainedSeq(),
                page.events().stream()
                        .map(e -> new Entry(
                                e.seq(), e.type(), e.orderId(), e.orderVersion(), e.actor(), e.occurredAt(), e.state()))
                        .toList());
    }
}
