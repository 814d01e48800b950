package io.ticketrail.webhook;

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

import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.access.CurrentCaller;
import io.ticketrail.web.PathId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A location's webhook endpoints. Managers, and integration keys with the receive-webhooks scope (their own). */
@Tag(name = "Webhooks")
@Path("/api/v1/locations/{locationId}/webhooks")
public class WebhookResource {

    @Inject
    Webhooks webhooks;

    @Inject
    CurrentCaller current;

    @PathParam("locationId")
    String locationId;

    /** The sizes only bound the request; Webhooks says what a good URL and event list are, naming the field. */
    public record RegisterWebhookRequest(
            @Size(max = 4000) String url, @Size(max = 20) List<@NotNull @Size(max = 40) String> events) {}

    @GET
    @Operation(
            operationId = "listWebhooks",
            summary = "List webhook endpoints",
            description = "The location's webhook endpoints with their state, cursor, last delivery and last failure"
                    + " (never the secret). A key sees the endpoints it registered; a manager sees all.")
    @Allow(Action.MANAGE_WEBHOOKS)
    public List<Webhooks.WebhookView> list() {
        return webhooks.list(locationId, current.require());
    }

    @POST
    @Operation(
            operationId = "registerWebhook",
            summary = "Register a webhook endpoint",
            description = "An https URL and the event types it wants (`ORDER_PLACED`, `ORDER_READY`,"
                    + " `ORDER_COMPLETED`, `ORDER_CANCELLED`). It receives what happens from now on, one signed POST"
                    + " per event, at least once and in `seq` order. The answer carries the signing secret, shown"
                    + " this once.")
    @APIResponse(
            responseCode = "201",
            description = "The endpoint, with its signing secret (shown once).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Webhooks.RegisteredWebhook.class)))
    @APIResponse(
            responseCode = "422",
            description = "The location has as many webhook endpoints as it may (`webhook-limit`, with `limit`).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    @Allow(Action.MANAGE_WEBHOOKS)
    public Response register(@Valid @NotNull RegisterWebhookRequest body) {
        return Response.status(201)
                .entity(webhooks.register(locationId, body.url(), body.events(), current.require()))
                .build();
    }

    @POST
    @Path("{webhookId}/resume")
    @Operation(
            operationId = "resumeWebhook",
            summary = "Resume a paused webhook endpoint",
            description = "A paused endpoint (its receiver failed for longer than the pause bound) is delivered"
                    + " again from its cursor: nothing it missed is lost. Resuming an active one changes nothing.")
    @Allow(Action.MANAGE_WEBHOOKS)
    public Webhooks.WebhookView resume(@PathParam("webhookId") String webhookId) {
        return webhooks.resume(locationId, PathId.uuid(webhookId, "webhook endpoint"), current.require());
    }

    @DELETE
    @Path("{webhookId}")
    @Operation(
            operationId = "deleteWebhook",
            summary = "Delete a webhook endpoint",
            description = "No further delivery starts; one already on its way may still arrive.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @Allow(Action.MANAGE_WEBHOOKS)
    public Response delete(@PathParam("webhookId") String webhookId) {
        webhooks.delete(locationId, PathId.uuid(webhookId, "webhook endpoint"), current.require());
        return Response.noContent().build();
    }
}
