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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.access.Caller;
import io.ticketrail.access.CurrentCaller;
import io.ticketrail.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "Locations")
@Path("/api/v1/locations")
public class LocationResource {

    @Inject
    LocationService locations;

    @Inject
    CurrentCaller caller;

    /** The locations this credential is for. */
    @GET
    @Operation(
            operationId = "listLocations",
            summary = "List locations",
            description = "The locations this credential is for.")
    @Allow(Action.READ_LOCATION)
    public List<LocationView> list() {
        Caller who = caller.require();
        return locations.list().stream().filter(l -> who.atLocation(l.id())).toList();
    }

    @GET
    @Path("{locationId}")
    @Operation(
            operationId = "getLocation",
            summary = "Get a location",
            description = "A location's stations, routes and timers.")
    @Allow(Action.READ_LOCATION)
    public LocationView get(@PathParam("locationId") String locationId) {
        return locations.find(locationId).orElseThrow(() -> ProblemException.notFound("No location " + locationId));
    }

    /** Creates or replaces a location; a manager of some locations only may change those, not create new ones. */
    @PUT
    @Path("{locationId}")
    @Operation(
            operationId = "putLocation",
            summary = "Create or replace a location",
            description = "Creates the location (201) or replaces its settings (200). Managers only.")
    @APIResponse(
            responseCode = "200",
            description = "The location, replaced.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LocationView.class)))
    @APIResponse(
            responseCode = "201",
            description = "The location, created.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LocationView.class)))
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
