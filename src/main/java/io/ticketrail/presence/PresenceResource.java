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

/** Acknowledgements over REST (the SSE fallback), the location's screens, and its open alarms. */
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
    @Allow(Action.READ_ORDERS)
    public void ack(@PathParam("locationId") String locationId, @Valid @NotNull AckRequest body) {
        if (!registry.ackFromRest(
                locationId, UUID.fromString(body.screen()), caller.require().id(), body.seq(), body.page())) {
            throw ProblemException.forbidden("This feed was opened with another credential");
        }
    }

    @GET
    @Path("screens")
    @Allow(Action.MANAGE)
    public List<PresenceService.ScreenState> screens(@PathParam("locationId") String locationId) {
        return presence.screens(locationId);
    }

    /** Each PREP station and its live screens: the manager's overview shows those with none. */
    @GET
    @Path("presence/stations")
    @Allow(Action.READ_ORDERS)
    public List<PresenceService.StationCover> stations(@PathParam("locationId") String locationId) {
        return presence.stations(locationId);
    }

    @GET
    @Path("alarms")
    @Allow(Action.READ_ORDERS)
    public List<AlarmView> alarms(@PathParam("locationId") String locationId) {
        return presence.alarms(locationId);
    }
}
