package io.ticketrail.access;

import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.ticketrail.web.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every REST endpoint and page goes through here: who is calling (401), may they do this here (403, another
 * location's credential included), are they within their rate (429), and does a cookie-borne change carry the
 * page's CSRF token (403). An endpoint with neither {@link Allow} nor {@link Public} is refused: a new endpoint is
 * closed until someone decides who may call it.
 */
public class AccessFilter {

    private static final Logger LOG = Logger.getLogger(AccessFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    public static final String CSRF_HEADER = "X-CSRF-Token";

    @Inject
    Credentials credentials;

    @Inject
    RateLimits limits;

    @Inject
    CurrentCaller current;

    @Inject
    AccessConfig config;

    @Inject
    Origins origins;

    /**
     * A blocking endpoint's filters run on its worker thread, and a credential not in memory is looked up there. An
     * endpoint on the event loop (the order commands, which only queue in their writer lane) is checked there when
     * its credential is in memory, as it nearly always is; otherwise the lookup alone goes to a worker thread (within
     * the address's rate of unverified credentials, as anywhere), and the check goes on on the event loop with the
     * answer in memory.
     *
     * @return null to go on to the endpoint at once, or the answer (a redirect to sign in) or lookup to wait for
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Presented presented = Presented.of(http);
        Context eventLoop = Vertx.currentContext();
        if (presented == null
                || eventLoop == null
                || BlockingOperationControl.isBlockingAllowed()
                || credentials.cached(presented) != null) {
            // decided here and now: no Uni for Quarkus REST to subscribe to (null goes on to the endpoint), which
            // for every command cost a subscription and a capture and restore of the thread's contexts
            return check(request, resource, http, presented, false)
                    .map(refusal -> Uni.createFrom().item(refusal))
                    .orElse(null);
        }
        limits.takeUnverified(address(http));
        return Uni.createFrom()
                .item(() -> credentials.resolve(presented))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> eventLoop.runOnContext(ignored -> task.run()))
                .map(looked -> check(request, resource, http, presented, true).orElse(null));
    }

    /** @param counted whether the credential was counted as unverified already */
    private Optional<Response> check(
            ContainerRequestContext request,
            ResourceInfo resource,
            HttpServerRequest http,
            Presented presented,
            boolean counted) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Optional.empty(); // no endpoint matched: 404/405 follow
        }
        Rules rules = Rules.of(method);
        Allow allow = rules.allow();
        if (presented != null && !counted && credentials.cached(presented) == null) {
            limits.takeUnverified(address(http));
        }
        Optional<Caller> caller = presented == null ? Optional.empty() : credentials.resolve(presented);
        caller.ifPresent(c -> current.set(c, presented.viaCookie()));
        if (rules.isPublic()) {
            // signing in and pairing cost a bcrypt hash or a row: limited by address; reading a public page is not
            if (!SAFE_METHODS.contains(request.getMethod())) {
                limits.takeAnonymous(address(http));
            }
            return Optional.empty();
        }
        if (allow == null) {
            LOG.errorf(
                    "Endpoint %s.%s has neither @Allow nor @Public; refusing it",
                    method.getDeclaringClass().getSimpleName(), method.getName());
            throw ProblemException.forbidden("This endpoint is not open to anyone yet");
        }
        if (caller.isEmpty()) {
            if (rules.html()) {
                return Optional.of(signIn(request));
            }
            throw presented == null
                    ? ProblemException.unauthorized("Sign in, pair this screen, or send an API key")
                    : ProblemException.unauthorized("The credential is unknown, expired or revoked");
        }
        Caller who = caller.get();
        if (presented.viaCookie() && rules.events() && !origins.allows(http)) {
            throw ProblemException.forbidden("A feed opened with a cookie must come from this application's own pages");
        }
        limits.take(who);
        Optional<Response> devPairing = devPairing(request, who, rules);
        if (devPairing.isPresent()) {
            return devPairing;
        }
        // a plain HTML form cannot send the header: its endpoint checks the form's csrf field itself (FormCsrf)
        if (presented.viaCookie() && !SAFE_METHODS.contains(request.getMethod()) && !rules.csrfInForm()) {
            requireCsrf(request, who);
        }
        String locationId = request.getUriInfo().getPathParameters().getFirst("locationId");
        if (locationId != null && !who.atLocation(locationId)) {
            throw ProblemException.forbidden("This credential is not for location " + locationId);
        }
        if (!who.actions().contains(allow.value())) {
            throw ProblemException.forbidden("This credential may not "
                            + allow.value().wireName().replace('-', ' '))
                    .with("action", allow.value().wireName());
        }
        return Optional.empty();
    }

    /**
     * Dev mode: a screen that dev mode paired opens another page of its location; pairing adds that view to the
     * same device (Devices.addDevView) instead of answering 403, so one browser opens every demo screen.
     */
    private Optional<Response> devPairing(ContainerRequestContext request, Caller who, Rules rules) {
        if (!config.autoPairScreens()
                || who.kind() != Caller.Kind.DEVICE
                || !rules.html()
                || !SAFE_METHODS.contains(request.getMethod())) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        return ScreenDirectory.wanted(path)
                .filter(w -> who.atLocation(w.locationId()) && !who.mayOpenPage(w.locationId(), w.view()))
                .map(w -> Response.seeOther(
                                java.net.URI.create("/pair?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8)))
                        .build());
    }

    private static void requireCsrf(ContainerRequestContext request, Caller who) {
        String token = request.getHeaderString(CSRF_HEADER);
        if (!Tokens.sameSecret(who.csrfToken(), token)) {
            throw new ProblemException(
                    403,
                    "csrf",
                    "Missing CSRF token",
                    "A change made with a cookie needs the page's " + CSRF_HEADER + " header");
        }
    }

    /** A person at a browser: a screen is sent to pairing, a manager's page to the sign-in form. */
    private static Response signIn(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String next = URLEncoder.encode(path, StandardCharsets.UTF_8);
        String to = path.endsWith("/manager") || path.endsWith("/access") ? "/login?next=" : "/pair?next=";
        return Response.seeOther(java.net.URI.create(to + next)).build();
    }

    private static boolean produces(Method method, String type) {
        jakarta.ws.rs.Produces produces = annotation(method, jakarta.ws.rs.Produces.class);
        return produces != null && Set.of(produces.value()).contains(type);
    }

    /**
     * The client's address as limits count it: an IPv4 address, or an IPv6 client's /64 (one host usually holds a
     * whole /64, so counting single IPv6 addresses would count nothing). Behind a NAT every screen of a restaurant
     * shares one address, and so its limits.
     */
    public static String address(HttpServerRequest http) {
        if (http.remoteAddress() == null || http.remoteAddress().hostAddress() == null) {
            return "unknown";
        }
        String host = http.remoteAddress().hostAddress();
        if (!host.contains(":")) {
            return host;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(host).getAddress();
            if (bytes.length != 16) {
                return host;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return host;
        }
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(Method method, Class<A> type) {
        A onMethod = method.getAnnotation(type);
        return onMethod != null ? onMethod : method.getDeclaringClass().getAnnotation(type);
    }

    /**
     * What the check reads from an endpoint's annotations, read once per endpoint.
     *
     * @param events the SSE feed, which a browser opens with the screen's cookie from any page of the same site
     */
    private record Rules(Allow allow, boolean isPublic, boolean html, boolean events, boolean csrfInForm) {

        private static final Map<Method, Rules> BY_METHOD = new ConcurrentHashMap<>();

        static Rules of(Method method) {
            return BY_METHOD.computeIfAbsent(
                    method,
                    m -> new Rules(
                            annotation(m, Allow.class),
                            annotation(m, Public.class) != null,
                            produces(m, MediaType.TEXT_HTML),
                            produces(m, MediaType.SERVER_SENT_EVENTS),
                            m.getAnnotation(CsrfInForm.class) != null));
        }
    }
}
