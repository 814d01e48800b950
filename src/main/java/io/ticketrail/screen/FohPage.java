package io.ticketrail.screen;

import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.ticketrail.feed.FeedView;
import io.ticketrail.feed.ViewKind;

/** Front of house: open orders by table or guest, with their status. */
@Path("/l/{locationId}/foh")
public class FohPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance foh(ScreenService.ScreenData screen);
    }

    @Inject
    ScreenService screens;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.READ_ORDERS)
    public TemplateInstance get(@PathParam("locationId") String locationId) {
        return Templates.foh(screens.screen(locationId, new FeedView(ViewKind.FOH, null), "Front of house"));
    }
}
