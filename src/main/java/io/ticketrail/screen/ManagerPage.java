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

/** The manager's live counts, speed of service and reports. */
@Path("/l/{locationId}/manager")
public class ManagerPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance manager(ScreenService.ScreenData screen);
    }

    @Inject
    ScreenService screens;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.READ_ORDERS)
    public TemplateInstance get(@PathParam("locationId") String locationId) {
        return Templates.manager(screens.screen(locationId, new FeedView(ViewKind.MANAGER, null), "Manager"));
    }
}
