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

/** The customer pickup board: order numbers and names, preparing and ready. It follows the front-of-house view. */
@Path("/l/{locationId}/board")
public class BoardPage {

    @CheckedTemplate
    static class Templates {
        /** @param boardJson the board's settings: channels shown and how long a ready number stays */
        static native TemplateInstance board(ScreenService.ScreenData screen, RawString boardJson);
    }

    @Inject
    ScreenService screens;

    @Inject
    BoardConfig config;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.READ_ORDERS)
    public TemplateInstance get(@PathParam("locationId") String locationId) {
        ScreenService.ScreenData screen =
                screens.screen(locationId, new FeedView(ViewKind.FOH, null), "board", "Pickup board");
        return Templates.board(
                screen,
                screens.script(Map.of(
                        "channels",
                        config.channels(),
                        "readyShownForSeconds",
                        config.readyShownFor().toSeconds())));
    }
}
