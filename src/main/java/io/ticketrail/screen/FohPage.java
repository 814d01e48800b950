package io.ticketrail.screen;

import java.util.Map;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.feed.FeedView;
import io.ticketrail.feed.ViewKind;
import io.ticketrail.location.LocationService;

/** Front of house: open orders by table or guest, ready ones first, with Served, its Undo and Fire. */
@Path("/l/{locationId}/foh")
public class FohPage {

    @CheckedTemplate
    static class Templates {
        /** @param fohJson what only this page needs: the recall window, which is also how long Undo is offered */
        static native TemplateInstance foh(ScreenService.ScreenData screen, RawString fohJson);
    }

    @Inject
    ScreenService screens;

    @Inject
    LocationService locations;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.READ_ORDERS)
    public TemplateInstance get(@PathParam("locationId") String locationId) {
        ScreenService.ScreenData screen =
                screens.screen(locationId, new FeedView(ViewKind.FOH, null), "Front of house");
        int recallWindow = locations.find(locationId).orElseThrow().recallWindowSeconds();
        return Templates.foh(screen, screens.script(Map.of("recallWindowSeconds", recallWindow)));
    }
}
