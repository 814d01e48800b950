package io.ticketrail.screen;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.feed.FeedView;
import io.ticketrail.feed.ViewKind;

/** A kitchen station's screen: that station's tickets in fire order. */
@Path("/l/{locationId}/kitchen/{stationId}")
public class KitchenPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance kitchen(ScreenService.ScreenData screen);
    }

    @Inject
    ScreenService screens;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.READ_ORDERS)
    public TemplateInstance get(@PathParam("locationId") String locationId, @PathParam("stationId") String stationId) {
        return Templates.kitchen(screens.screen(locationId, new FeedView(ViewKind.STATION, stationId), "Kitchen"));
    }
}
