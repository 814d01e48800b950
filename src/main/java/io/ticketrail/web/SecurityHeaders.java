package io.ticketrail.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response: pages, the API, the built assets and errors alike. Set just before the
 * headers go out, so no handler (Quinoa's static files, an error page) can leave them off.
 */
@Singleton
public class SecurityHeaders {

    /**
     * Scripts and styles only from files we serve: no inline script, no eval, no CDN. The page data that screens
     * embed is {@code <script type="application/json">}, which is never executed, and the scripts set styles
     * through the DOM (uPlot's chart), which style-src does not govern.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'; object-src 'none'";

    /** A year: browsers that once reached us over TLS never try plain http again. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    // names and values as Netty ASCII strings, built once: each answer copies their bytes, nothing is encoded per
    // answer
    private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence CSP_VALUE = HttpHeaders.createOptimized(CONTENT_SECURITY_POLICY);
    private static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence SAME_ORIGIN = HttpHeaders.createOptimized("same-origin");
    private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final CharSequence HSTS = HttpHeaders.createOptimized("Strict-Transport-Security");
    private static final CharSequence HSTS_VALUE = HttpHeaders.createOptimized(STRICT_TRANSPORT_SECURITY);

    /** Quarkus's own tools (Swagger UI, Dev UI) need inline script; they keep every header but the policy. */
    private static final String QUARKUS_TOOLS = "/q/";

    private static final String ASSETS = "/assets/";

    void install(@Observes Router router) {
        router.route().order(-1100).handler(this::add);
    }

    void add(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        boolean tools = request.path() != null && request.path().startsWith(QUARKUS_TOOLS);
        boolean assets = request.path() != null && request.path().startsWith(ASSETS);
        // the connection's own TLS: the router's request wrapper would work out forwarded scheme and host for it
        // on every request, and a proxy in front says what it terminated in X-Forwarded-Proto
        boolean tls = request.connection().isSsl() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        rc.addHeadersEndHandler(v -> {
            MultiMap headers = rc.response().headers();
            if (!tools) {
                headers.set(CSP, CSP_VALUE);
            }
            headers.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
            headers.set(REFERRER_POLICY, SAME_ORIGIN);
            headers.set(FRAME_OPTIONS, DENY);
            // pages embed a CSRF token, API answers carry tokens and customers' names: no cache may keep them;
            // only the bundled assets (content-hashed) and Quarkus's tools set their own
            if (!tools && !assets && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
                headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
            }
            if (tls) {
                headers.set(HSTS, HSTS_VALUE);
            }
        });
        rc.next();
    }
}
