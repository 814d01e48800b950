package io.ticketrail.access;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * What a new screen shows: its pairing code, large, and how long it is good for. The work is in ui/src/pair.js:
 * it asks for the code, waits for a manager to approve it, collects the token (the cookie) and opens the screen.
 */
@Path("/pair")
public class PairPage {

    @CheckedTemplate
    static class Templates {
        /**
         * @param autoPair dev mode: the script asks for the page in {@code next} and is approved at once
         * @param revoked the screen came here because its access was revoked: say so, and never pair it by itself
         * @param viewsJson the screen views (ScreenView.config()), from which the script knows each page's view
         */
        static native TemplateInstance pair(String next, boolean autoPair, boolean revoked, String viewsJson);
    }

    @Inject
    AccessConfig config;

    @Inject
    ScreenDirectory directory;

    @Inject
    ObjectMapper json;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Public
    public TemplateInstance get(@QueryParam("next") String next, @QueryParam("revoked") String revoked) {
        String local = SafeNext.of(next);
        // a mistyped address says so here, instead of a code that no manager can approve for it
        ScreenDirectory.wanted(local)
                .flatMap(w -> directory.missing(w.locationId(), w.view()))
                .ifPresent(missing -> {
                    throw missing;
                });
        return Templates.pair(local, config.autoPairScreens(), revoked != null, views());
    }

    /** Escaped by Qute in the attribute it goes in. */
    private String views() {
        try {
            return json.writeValueAsString(ScreenView.config());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not encode the screen views", e);
        }
    }
}
