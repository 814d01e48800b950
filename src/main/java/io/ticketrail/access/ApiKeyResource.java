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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.ticketrail.web.PathId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A location's POS keys: create (the token is shown once), list, revoke. Managers only. */
@Tag(name = "Access")
@Path("/api/v1/locations/{locationId}/api-keys")
public class ApiKeyResource {

    @Inject
    ApiKeys keys;

    @Inject
    CurrentCaller current;

    @PathParam("locationId")
    String locationId;

    /** Without {@code scopes} a POS key; with them an integration key that may do only that. */
    public record CreateRequest(
            @NotNull @Size(min = 1, max = 80) String name,
            @Size(min = 1, max = 10) List<@NotNull @Size(max = 40) String> scopes) {}

    @GET
    @Operation(
            operationId = "listApiKeys",
            summary = "List API keys",
            description = "The location's POS and integration keys, with their scopes (never the secret)."
                    + " Managers only.")
    @Allow(Action.MANAGE)
    public List<ApiKeys.KeyView> list() {
        return keys.list(locationId);
    }

    @POST
    @Operation(
            operationId = "createApiKey",
            summary = "Create a POS or integration key",
            description = "Without `scopes`, a POS key (order entry and reading orders). With them, an integration"
                    + " key that may do only that: `order-entry`, `read-orders`, `read-events`. The answer"
                    + " carries the secret, shown this once. Managers only.")
    @APIResponse(
            responseCode = "201",
            description = "The key, with its secret (shown once).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApiKeys.Created.class)))
    @Allow(Action.MANAGE)
    public Response create(@Valid @NotNull CreateRequest body) {
        return Response.status(201)
                .entity(keys.create(locationId, body.name(), body.scopes(), current.require()))
                .build();
    }

    @DELETE
    @Path("{keyId}")
    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke an API key",
            description = "The key stops working at once, on every instance. Managers only.")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @Allow(Action.MANAGE)
    public Response revoke(@PathParam("keyId") String keyId) {
        keys.revoke(locationId, PathId.uuid(keyId, "key"));
        return Response.noContent().build();
    }
}
