package io.ticketrail.screen;

import java.util.Map;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Engine;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.ticketrail.access.Action;
import io.ticketrail.access.Allow;
import io.ticketrail.access.ScreenView;
import io.ticketrail.location.LocationService;

/**
 * Every screen page: a kitchen station's tickets in fire order, expo's orders with each station's progress, front
 * of house's open orders with Served and Fire, the customer pickup board, the manager's counts and reports. They
 * differ only in their {@link ScreenView} (path, template, the feed followed) and in what the board and front of
 * house add to their config ({@code pageJson}).
 */
@Path("/l/{locationId}")
public class ScreenPage {

    @Inject
    ScreenService screens;

    @Inject
    BoardConfig board;

    @Inject
    LocationService locations;

    @Inject
    Engine engine;

    @GET
    @Path(ScreenView.KITCHEN_PAGE + "/{stationId}")
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.READ_ORDERS)
    public TemplateInstance kitchen(
            @PathParam("locationId") String locationId, @PathParam("stationId") String stationId) {
        return page(locationId, ScreenView.STATION, stationId);
    }

    @GET
    @Path("{page: " + ScreenView.SINGLE_PAGES + "}")
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.READ_ORDERS)
    public TemplateInstance get(@PathParam("locationId") String locationId, @PathParam("page") String page) {
        return page(locationId, ScreenView.ofPage(page).orElseThrow(NotFoundException::new), null);
    }

    private TemplateInstance page(String locationId, ScreenView view, String station) {
        ScreenService.ScreenData screen = screens.screen(locationId, view, station);
        return engine.getTemplate("ScreenPage/" + view.page())
                .data("screen", screen)
                .data("pageJson", pageJson(locationId, view));
    }

    /** What only this page needs, read after the screen's own checks passed; null for pages that need nothing. */
    private RawString pageJson(String locationId, ScreenView view) {
        return switch (view) {
            // how long a ready number stays, and which channels' numbers are shown
            case BOARD ->
                screens.script(Map.of(
                        "channels",
                        board.channels(),
                        "readyShownForSeconds",
                        board.readyShownFor().toSeconds()));
            // the recall window, which is also how long Undo is offered
            case FOH ->
                screens.script(Map.of(
                        "recallWindowSeconds",
                        locations.find(locationId).orElseThrow().recallWindowSeconds()));
            case STATION, EXPO, MANAGER -> null;
        };
    }
}
