package io.ticketrail.location;

import java.util.List;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.access.Caller;
import io.ticketrail.access.CurrentCaller;
import io.ticketrail.web.ProblemException;

@Path("/api/v1/locations")
public class LocationResource {

    @Inject
    LocationService locations;

    @Inject
    CurrentCaller caller;

    /** The locations this credential is for. */
    @GET
    @Allow(Action.READ_LOCATION)
    public List<LocationView> list() {
        Caller who = caller.require();
        return locations.list().stream().filter(l -> who.atLocation(l.id())).toList();
    }

    @GET
    @Path("{locationId}")
    @Allow(Action.READ_LOCATION)
    public LocationView get(@PathParam("locationId") String locationId) {
        return locations.find(locationId).orElseThrow(() -> ProblemException.notFound("No location " + locationId));
    }

    /** Creates or replaces a location; a manager of some locations only may change those, not create new ones. */
    @PUT
    @Path("{locationId}")
    @Allow(Action.MANAGE)
    public Response put(
            @PathParam("locationId")
                    @Pattern(
                            regexp = LocationRequest.SLUG,
                            message = "must be a slug of a-z, 0-9 and -, at most 40 long")
                    String locationId,
            @Valid @NotNull LocationRequest body) {
        LocationService.Saved saved = locations.put(locationId, body);
        return Response.status(saved.created() ? 201 : 200)
                .entity(saved.location())
                .build();
    }
}
