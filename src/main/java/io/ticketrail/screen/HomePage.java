package io.ticketrail.screen;

import io.ticketrail.access.Public;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.ticketrail.location.LocationView;

/** Choose a location and one of its screens. Plain links: it works before any script has loaded. */
@Path("/")
public class HomePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<LocationView> locations);
    }

    @Inject
    ScreenService screens;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Public
    public TemplateInstance get() {
        return Templates.home(screens.locations());
    }
}
