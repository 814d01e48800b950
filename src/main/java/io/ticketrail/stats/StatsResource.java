package io.ticketrail.stats;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "Stats")
@Path("/api/v1/locations/{locationId}")
public class StatsResource {

    @Inject
    StatsService stats;

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getSpeedOfService",
            summary = "Speed of service",
            description = "Today's ticket times per station and channel.")
    @Allow(Action.READ_STATS)
    public SpeedOfService speed(@PathParam("locationId") String locationId) {
        return stats.speed(locationId, Instant.now());
    }

    /** Completed orders of the local days {@code from} to {@code to}, both included (yyyy-mm-dd). */
    @GET
    @Path("reports/completed.csv")
    @Produces("text/csv")
    @Operation(
            operationId = "exportCompletedOrders",
            summary = "Export completed orders",
            description = "Completed orders of the local days `from` to `to` (yyyy-mm-dd, both included) as CSV.")
    @APIResponse(
            responseCode = "200",
            description = "One line per completed order.",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @Allow(Action.READ_STATS)
    public Response completed(
            @PathParam("locationId") String locationId, @QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        // written before the answer starts, so a refusal is still a clean problem+json; a year of one location's
        // orders is a few megabytes
        StringWriter csv = new StringWriter();
        stats.completedCsv(locationId, first, last, csv);
        return Response.ok(csv.toString(), "text/csv; charset=utf-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"completed-" + locationId + "-" + first + "-to-" + last + ".csv\"")
                .build();
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(name, "is required, as yyyy-mm-dd");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be a date as yyyy-mm-dd");
        }
        // a year such as -999999999 parses, and then overflows turning into an instant (a 500 before)
        if (date.getYear() < 1970 || date.getYear() > 9999) {
            throw ProblemException.invalid(name, "must be a date from 1970-01-01 to 9999-12-31");
        }
        return date;
    }
}
