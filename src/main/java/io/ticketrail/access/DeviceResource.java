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

/** A location's paired screens: approve a pairing code, list, revoke. Managers only. */
@Tag(name = "Access")
@Path("/api/v1/locations/{locationId}/devices")
public class DeviceResource {

    @Inject
    Devices devices;

    @Inject
    CurrentCaller current;

    @PathParam("locationId")
    String locationId;

    public record ApproveRequest(
            @NotNull @Size(min = 1, max = 12) String code,
            @Size(max = 80) String name,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Size(max = 60) String> views,
            @NotNull @Size(max = 10) List<@NotNull @Size(max = 20) String> actions) {}

    @GET
    @Operation(
            operationId = "listDevices",
            summary = "List paired screens",
            description = "The location's paired screens and their views. Managers only.")
    @Allow(Action.MANAGE)
    public List<Devices.DeviceView> list() {
        return devices.list(locationId);
    }

    @POST
    @Operation(
            operationId = "approveDevice",
            summary = "Approve a pairing code",
            description = "Pairs the screen that shows this code, with the views and actions given. Managers only.")
    @APIResponse(
            responseCode = "201",
            description = "The paired screen.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Devices.DeviceView.class)))
    @Allow(Action.MANAGE)
    public Response approve(@Valid @NotNull ApproveRequest body) {
        return Response.status(201)
                .entity(devices.approve(
                        locationId, body.code(), body.name(), body.views(), body.actions(), current.require()))
                .build();
    }

    /** Revokes the screen: its token stops working and its open feeds close with 4401 within seconds. */
    @DELETE
    @Path("{deviceId}")
    @Operation(
            operationId = "revokeDevice",
            summary = "Revoke a screen",
            description = "The screen's token stops working and its open feeds close within seconds. Managers only.")
    @APIResponse(responseCode = "204", description = "Revoked.")
    @Allow(Action.MANAGE)
    public Response revoke(@PathParam("deviceId") String deviceId) {
        devices.revoke(locationId, PathId.uuid(deviceId, "screen"));
        return Response.noContent().build();
    }
}
