package io.ticketrail.access;

import java.net.URI;
import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.ticketrail.web.ProblemException;

/**
 * The managers' sign-in form and sign-out button: plain forms, no script. The session goes in the HttpOnly
 * {@code trk_session} cookie; scripts and tools sign in through /api/v1/session instead.
 */
@Path("/")
public class LoginPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String next, String error, String username);
    }

    @Inject
    Managers managers;

    @Inject
    CurrentCaller current;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Public
    public TemplateInstance form(@QueryParam("next") String next) {
        return Templates.login(SafeNext.of(next), null, null);
    }

    /**
     * Signs in and goes on to {@code next}. A wrong username and a wrong password get the same answer. Login CSRF
     * (another site signing this browser in to an account of its choosing) is refused by the Origin header, which
     * browsers send with every cross-site form post.
     */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Public
    public Response signIn(
            @FormParam("username") String username,
            @FormParam("password") String password,
            @FormParam("next") String next) {
        String to = SafeNext.of(next);
        // the redirect is built before the session is written: nothing can fail once it exists
        URI target = URI.create(to);
        String shownName = username == null || username.length() > 80 ? null : username;
        if (!fromThisSite()) {
            return page(403, to, "This sign-in did not come from Ticketrail's own form.", shownName);
        }
        Managers.SignedIn session;
        try {
            session = managers.signIn(shownName, password);
        } catch (ProblemException e) {
            if (e.status() != 401) {
                throw e;
            }
            return page(401, to, "Wrong username or password.", shownName);
        }
        return Response.seeOther(target)
                .cookie(Cookies.credential(Presented.SESSION_COOKIE, session.token(), session.expiresAt(), overTls()))
                .build();
    }

    /** Ends the manager's session everywhere and clears the cookie; the form's csrf field must match the session. */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Public
    public Response signOut(@FormParam(FormCsrf.FIELD) String csrf) {
        Optional<Caller> manager = current.get().filter(c -> c.kind() == Caller.Kind.MANAGER);
        if (manager.isPresent()) {
            FormCsrf.require(manager.get(), csrf);
            managers.signOut(manager.get().id());
        }
        return Response.seeOther(URI.create("/login"))
                .cookie(Cookies.cleared(Presented.SESSION_COOKIE, overTls()))
                .build();
    }

    private Response page(int status, String next, String error, String username) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.login(next, error, username))
                .build();
    }

    /** No Origin (an older browser, a same-origin navigation in some) passes; a foreign one does not. */
    private boolean fromThisSite() {
        String origin = headers.getHeaderString("Origin");
        if (origin == null) {
            return true;
        }
        String host = Optional.ofNullable(headers.getHeaderString("X-Forwarded-Host"))
                .orElse(headers.getHeaderString(HttpHeaders.HOST));
        try {
            String authority = URI.create(origin).getAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean overTls() {
        return Cookies.overTls(uri.getRequestUri().getScheme(), headers);
    }
}
