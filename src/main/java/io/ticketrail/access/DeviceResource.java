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

/** A location's paired screens: approve a pairing code, list, revoke. Managers only. */
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
    @Allow(Action.MANAGE)
    public List<Devices.DeviceView> list() {
        return devices.list(locationId);
    }

    @POST
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
    @Allow(Action.MANAGE)
    public Response revoke(@PathParam("deviceId") String deviceId) {
        devices.revoke(locationId, PathId.uuid(deviceId, "screen"));
        return Response.noContent().build();
    }
}
