package io.ticketrail.screen;

import java.util.List;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.ticketrail.access.AccessConfig;
import io.ticketrail.access.Public;
import io.ticketrail.access.ScreenDirectory;
import io.ticketrail.location.LocationService;

/**
 * Choose a location and one of its screens. Plain links: it works before any script has loaded. Without a
 * credential it offers pairing and sign-in; a paired screen sees its own views only. In dev mode (screens pair
 * themselves) it lists every screen of every location, each opened paired in this same browser.
 */
@Path("/")
public class HomePage {

    /** A location's screens for dev mode's list. */
    public record DevLocation(String id, String name, List<ScreenDirectory.ScreenPage> screens) {}

    @CheckedTemplate
    static class Templates {
        /** @param dev every location's screens when screens pair themselves (dev mode); else empty */
        static native TemplateInstance home(ScreenService.Home home, List<DevLocation> dev);
    }

    @Inject
    ScreenService screens;

    @Inject
    AccessConfig access;

    @Inject
    LocationService locations;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Public
    public TemplateInstance get() {
        ScreenService.Home home = screens.home();
        boolean listAll = access.autoPairScreens() && !"manager".equals(home.kind());
        List<DevLocation> dev = listAll
                ? locations.list().stream()
                        .map(l -> new DevLocation(l.id(), l.name(), ScreenDirectory.pages(l.known())))
                        .toList()
                : List.of();
        return Templates.home(home, dev);
    }
}
