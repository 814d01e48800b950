package io.ticketrail.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.ticketrail.web.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Managers sign in here (JSON; the browser form is /login). The answer holds the session token too, for scripts
 * that send it as a Bearer token; browsers use the HttpOnly cookie and the CSRF token.
 */
@Tag(name = "Access")
@Path("/api/v1/session")
public class SessionResource {

    @Inject
    Credentials credentials;

    @Inject
    Managers managers;

    @Inject
    CurrentCaller current;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    public record SignInRequest(
            @NotNull @Size(min = 1, max = 80) String username,
            @NotNull @Size(min = 1, max = 200) String password) {}

    public record SessionView(
            String kind,
            String name,
            String actor,
            List<String> locations,
            List<String> views,
            List<String> actions,
            String csrfToken,
            Instant expiresAt,
            String token) {

        static SessionView of(Caller caller, String token) {
            return new SessionView(
                    caller.kind().name().toLowerCase(java.util.Locale.ROOT),
                    caller.name(),
                    caller.actor(),
                    caller.locations().map(l -> l.stream().sorted().toList()).orElse(null),
                    caller.views().stream().sorted().toList(),
                    caller.actions().stream().map(Action::wireName).sorted().toList(),
                    caller.csrfToken(),
                    caller.expiresAt(),
                    token);
        }
    }

    @POST
    @Operation(
            operationId = "signIn",
            summary = "Sign in",
            description = "A manager signs in; the session comes as a cookie and in the answer.")
    @APIResponse(
            responseCode = "200",
            description = "Signed in.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionView.class)))
    @Public
    public Response signIn(@Valid @NotNull SignInRequest body) {
        Managers.SignedIn session = managers.signIn(body.username(), body.password());
        // the same view as GET answers: a location manager's locations, not null (null means every location)
        SessionView view = credentials
                .resolve(session.token())
                .map(caller -> SessionView.of(caller, session.token()))
                .orElseThrow(() -> new IllegalStateException("A session just created does not resolve"));
        return Response.ok(view)
                .cookie(Cookies.credential(
                        Presented.SESSION_COOKIE,
                        session.token(),
                        session.expiresAt(),
                        Cookies.overTls(uri.getRequestUri().getScheme(), headers)))
                .build();
    }

    /** Who this credential is: kind, locations, views and actions (screens use it to show only their buttons). */
    @GET
    @Operation(
            operationId = "whoAmI",
            summary = "Who am I",
            description = "What the presented credential is: its kind, locations, views and actions.")
    @Public
    public SessionView whoAmI() {
        Caller caller = current.get().orElseThrow(() -> ProblemException.unauthorized("Not signed in"));
        return SessionView.of(caller, null);
    }

    /** Anyone signed in may call it; for a manager it ends the session everywhere. */
    @DELETE
    @Operation(
            operationId = "signOut",
            summary = "Sign out",
            description = "Ends a manager's session everywhere and clears the cookie.")
    @APIResponse(responseCode = "204", description = "Signed out.")
    @Allow(Action.READ_LOCATION)
    public Response signOut() {
        Optional<Caller> caller = current.get();
        caller.filter(c -> c.kind() == Caller.Kind.MANAGER).ifPresent(c -> managers.signOut(c.id()));
        return Response.noContent()
                .cookie(Cookies.cleared(
                        Presented.SESSION_COOKIE,
                        Cookies.overTls(uri.getRequestUri().getScheme(), headers)))
                .build();
    }
}
