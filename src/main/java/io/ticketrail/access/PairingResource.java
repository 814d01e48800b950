package io.ticketrail.access;

import java.util.Optional;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.ticketrail.web.PathId;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A new screen asks for a pairing code here, then collects its device token once a manager approved it. */
@Tag(name = "Access")
@Path("/api/v1/pairings")
public class PairingResource {

    @Inject
    Devices devices;

    @Inject
    AccessConfig config;

    @Inject
    CurrentCaller current;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    /** Only in dev mode (auto-pair-screens): the page the screen wants, approved at once for the demo. */
    public record StartRequest(
            @Size(max = 40) String locationId,
            @Size(max = 60) String view) {}

    public record ClaimRequest(@Size(max = 100) String claim) {}

    public record Pending(String status) {}

    /**
     * 201 with a new pairing; in dev mode, for a browser whose dev-paired screen asks for another page of its
     * location, 200 with that screen's views and actions instead (the same device, one more view).
     */
    @POST
    @Operation(
            operationId = "startPairing",
            summary = "Start pairing a screen",
            description = "A new screen asks for a pairing code to show; a manager approves it on the access page.")
    @APIResponse(
            responseCode = "201",
            description = "The pairing: its code and the claim secret.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Devices.Pairing.class)))
    @APIResponse(
            responseCode = "200",
            description = "Dev mode only: the screen's views, widened.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Devices.Paired.class)))
    @Public
    public Response start(@Valid StartRequest body, @Context HttpServerRequest http) {
        boolean auto = config.autoPairScreens() && body != null && body.locationId() != null && body.view() != null;
        if (auto && current.get().isPresent()) {
            Optional<Devices.Paired> widened = devices.addDevView(current.get().get(), body.locationId(), body.view());
            if (widened.isPresent()) {
                return Response.ok(widened.get()).build();
            }
        }
        Devices.Pairing pairing = auto
                ? devices.startApproved(body.locationId(), body.view())
                : devices.start(AccessFilter.address(http));
        return Response.status(201).entity(pairing).build();
    }

    /** 202 while the code waits for a manager; 200 with the token (and its cookie) once approved. */
    @POST
    @Path("{pairingId}/claim")
    @Operation(
            operationId = "claimPairing",
            summary = "Claim a pairing",
            description =
                    "The screen polls with its claim secret: 202 while the code waits for a manager, 200 with the token once approved.")
    @APIResponse(
            responseCode = "200",
            description = "Approved: the screen's token (also set as a cookie).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Devices.Paired.class)))
    @APIResponse(
            responseCode = "202",
            description = "Still waiting for a manager.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Pending.class)))
    @Public
    public Response claim(@PathParam("pairingId") String pairingId, @Valid ClaimRequest body) {
        UUID id = PathId.uuid(pairingId, "pairing");
        return devices.claim(id, body == null ? null : body.claim())
                .map(paired -> Response.ok(paired)
                        .cookie(Cookies.credential(
                                Presented.DEVICE_COOKIE,
                                paired.token(),
                                paired.expiresAt(),
                                Cookies.overTls(uri.getRequestUri().getScheme(), headers)))
                        .build())
                .orElseGet(() ->
                        Response.status(202).entity(new Pending("PENDING")).build());
    }
}
