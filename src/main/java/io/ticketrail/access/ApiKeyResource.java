package io.ticketrail.access;

import java.util.List;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.ticketrail.web.PathId;

/** A location's POS keys: create (the token is shown once), list, revoke. Managers only. */
@Path("/api/v1/locations/{locationId}/api-keys")
public class ApiKeyResource {

    @Inject
    ApiKeys keys;

    @Inject
    CurrentCaller current;

    @PathParam("locationId")
    String locationId;

    public record CreateRequest(
            @NotNull @Size(min = 1, max = 80) String name) {}

    @GET
    @Allow(Action.MANAGE)
    public List<ApiKeys.KeyView> list() {
        return keys.list(locationId);
    }

    @POST
    @Allow(Action.MANAGE)
    public Response create(@Valid @NotNull CreateRequest body) {
        return Response.status(201)
                .entity(keys.create(locationId, body.name(), current.require()))
                .build();
    }

    @DELETE
    @Path("{keyId}")
    @Allow(Action.MANAGE)
    public Response revoke(@PathParam("keyId") String keyId) {
        keys.revoke(locationId, PathId.uuid(keyId, "key"));
        return Response.noContent().build();
    }
}
