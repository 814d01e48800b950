package io.ticketrail.screen;

import io.ticketrail.access.Public;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Choose a location and one of its screens. Plain links: it works before any script has loaded. Without a
 * credential it offers pairing and sign-in; a paired screen sees its own views only.
 */
@Path("/")
public class HomePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(ScreenService.Home home);
    }

    @Inject
    ScreenService screens;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Public
    public TemplateInstance get() {
        return Templates.home(screens.home());
    }
}
