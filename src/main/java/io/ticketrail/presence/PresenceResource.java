package io.ticketrail.presence;

import java.util.List;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.access.CurrentCaller;
import io.ticketrail.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Acknowledgements over REST (the SSE fallback), the location's screens, and its open alarms. */
@Tag(name = "Screens and alarms")
@Path("/api/v1/locations/{locationId}")
public class PresenceResource {

    @Inject
    ScreenRegistry registry;

    @Inject
    PresenceService presence;

    @Inject
    CurrentCaller caller;

    /** The WebSocket's {@code {"type":"ack"}} for screens on SSE; answered 204 whichever instance holds the feed. */
    @POST
    @Path("feed/acks")
    @Operation(
            operationId = "acknowledgeFeed",
            summary = "Acknowledge what a screen shows",
            description =
                    "For screens on Server-Sent Events: the seq the screen applied and drew (the WebSocket feed sends `{\"type\":\"ack\"}` instead).")
    @APIResponse(responseCode = "204", description = "Taken, whichever instance holds the feed.")
    @Allow(Action.READ_ORDERS)
    public void ack(@PathParam("locationId") String locationId, @Valid @NotNull AckRequest body) {
        if (!registry.ackFromRest(
                locationId, UUID.fromString(body.screen()), caller.require().id(), body.seq(), body.page())) {
            throw ProblemException.forbidden("This feed was opened with another credential");
        }
    }

    @GET
    @Path("screens")
    @Operation(
            operationId = "listScreens",
            summary = "List screens",
            description =
                    "Each paired screen's state (live, stale, offline), last seen, transport and station. Managers only.")
    @Allow(Action.MANAGE)
    public List<PresenceService.ScreenState> screens(@PathParam("locationId") String locationId) {
        return presence.screens(locationId);
    }

    /** Each PREP station and its live screens: the manager's overview shows those with none. */
    @GET
    @Path("presence/stations")
    @Operation(
            operationId = "listStationCover",
            summary = "Live screens per station",
            description = "Each prep station and how many live screens it has.")
    @Allow(Action.READ_ORDERS)
    public List<PresenceService.StationCover> stations(@PathParam("locationId") String locationId) {
        return presence.stations(locationId);
    }

    @GET
    @Path("alarms")
    @Operation(
            operationId = "listAlarms",
            summary = "Open alarms",
            description = "The missed-ticket and printer alarms that are up: which station, which tickets, since when.")
    @Allow(Action.READ_ORDERS)
    public List<AlarmView> alarms(@PathParam("locationId") String locationId) {
        return presence.alarms(locationId);
    }
}
