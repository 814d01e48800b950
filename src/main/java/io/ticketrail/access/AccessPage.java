package io.ticketrail.access;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.ticketrail.web.PathId;
import io.ticketrail.web.ProblemException;

/**
 * A location's screens and POS keys for its managers, as plain forms: approve a pairing code, revoke a screen,
 * create a key (its token is shown once), revoke a key. Every form carries the session's CSRF token in a hidden
 * field ({@link CsrfInForm}); a change is answered with a redirect back here, or the page again with the error.
 */
@Path("/l/{locationId}/access")
public class AccessPage {

    @CheckedTemplate
    static class Templates {
        /** @param key a key just created, whose token the page shows this once; else null */
        static native TemplateInstance access(Data page, ApiKeys.Created key);
    }

    @Inject
    Devices devices;

    @Inject
    ApiKeys keys;

    @Inject
    LocationDirectory locations;

    @Inject
    CurrentCaller current;

    @Inject
    KeyFlash flash;

    @PathParam("locationId")
    String locationId;

    /** A view a screen can be given, with the actions such a screen usually has (the form pre-ticks them). */
    public record ViewOption(String value, String label, String usualActions) {}

    public record Data(
            String locationId,
            String locationName,
            String csrf,
            List<ViewOption> views,
            List<String> actions,
            List<String> scopes,
            List<Devices.DeviceView> screens,
            List<ApiKeys.KeyView> keys,
            String error) {}

    /** @param created the handle of a key this session just created (its token is shown this once) */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.MANAGE)
    public Response get(@QueryParam("created") String created) {
        if (created == null) {
            return Response.ok(Templates.access(data(null), null)).build();
        }
        Optional<ApiKeys.Created> key = flash.take(current.require(), locationId, created);
        String gone = key.isEmpty()
                ? "The new key's token was shown once and cannot be shown again; if it was not "
                        + "copied, revoke that key and create another."
                : null;
        // the token must not outlive this page in a cache or the browser's history
        return Response.ok(Templates.access(data(gone), key.orElse(null)))
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("devices")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.MANAGE)
    @CsrfInForm
    public Response approve(
            @FormParam(FormCsrf.FIELD) String csrf,
            @FormParam("code") String code,
            @FormParam("name") String name,
            @FormParam("views") List<String> views,
            @FormParam("actions") List<String> actions) {
        return changeThenBack(csrf, manager -> devices.approve(locationId, code, name, views, actions, manager));
    }

    @POST
    @Path("devices/{deviceId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.MANAGE)
    @CsrfInForm
    public Response revokeDevice(@FormParam(FormCsrf.FIELD) String csrf, @PathParam("deviceId") String deviceId) {
        return changeThenBack(csrf, manager -> devices.revoke(locationId, PathId.uuid(deviceId, "screen")));
    }

    /**
     * Creates a key and redirects to the page that shows its token once (Post/Redirect/Get: a reload of that page
     * neither creates a second key nor shows the token again). The key itself is stored only as a hash.
     */
    @POST
    @Path("api-keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.MANAGE)
    @CsrfInForm
    public Response createKey(
            @FormParam(FormCsrf.FIELD) String csrf,
            @FormParam("name") String name,
            @FormParam("scopes") List<String> scopes) {
        Caller manager = current.require();
        FormCsrf.require(manager, csrf);
        ApiKeys.Created key;
        try {
            key = keys.create(locationId, name, scopes == null || scopes.isEmpty() ? null : scopes, manager);
        } catch (ProblemException e) {
            return again(e);
        }
        return Response.seeOther(UriBuilder.fromPath("/l/{locationId}/access")
                        .queryParam("created", "{handle}")
                        .build(locationId, flash.put(manager, key)))
                .build();
    }

    @POST
    @Path("api-keys/{keyId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Allow(Action.MANAGE)
    @CsrfInForm
    public Response revokeKey(@FormParam(FormCsrf.FIELD) String csrf, @PathParam("keyId") String keyId) {
        return changeThenBack(csrf, manager -> keys.revoke(locationId, PathId.uuid(keyId, "key")));
    }

    /** The csrf field first, then the change; back to this page, or the page again with the refusal. */
    private Response changeThenBack(String csrf, Consumer<Caller> change) {
        Caller manager = current.require();
        FormCsrf.require(manager, csrf);
        try {
            change.accept(manager);
        } catch (ProblemException e) {
            return again(e);
        }
        return backHere();
    }

    private Data data(String error) {
        KnownLocation location =
                locations.known(locationId).orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        List<ViewOption> views = ScreenDirectory.pages(location).stream()
                .map(p -> option(p.view(), p.label()))
                .toList();
        List<String> actions =
                Action.GRANTABLE_TO_SCREENS.stream().map(Action::wireName).toList();
        return new Data(
                location.id(),
                location.name(),
                current.require().csrfToken(),
                views,
                actions,
                Arrays.stream(KeyScope.values()).map(KeyScope::wireName).toList(),
                devices.list(locationId),
                keys.list(locationId),
                error);
    }

    private static ViewOption option(String view, String label) {
        return new ViewOption(view, label, String.join(" ", Devices.defaultActions(view)));
    }

    /** The page again with what went wrong, under the refusal's own status (404 for an unknown code, 400…). */
    private Response again(ProblemException refused) {
        return Response.status(refused.status())
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.access(data(refused.getMessage()), null))
                .build();
    }

    private Response backHere() {
        return Response.seeOther(UriBuilder.fromPath("/l/{locationId}/access").build(locationId))
                .build();
    }
}
