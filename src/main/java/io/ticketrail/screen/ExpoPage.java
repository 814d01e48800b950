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

/** Expo: every order still being cooked, with each station's progress. */
@Path("/l/{locationId}/expo")
public class ExpoPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance expo(ScreenService.ScreenData screen);
    }

    @Inject
    ScreenService screens;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.READ_ORDERS)
    public TemplateInstance get(@PathParam("locationId") String locationId) {
        return Templates.expo(screens.screen(locationId, new FeedView(ViewKind.EXPO, null), "Expo"));
    }
}
