package io.ticketrail.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every response: pages, the API, the built assets and errors alike. Set just before the
 * headers go out, so no handler (Quinoa's static files, an error page) can leave them off.
 */
@ApplicationScoped
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
        boolean tls = request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        rc.addHeadersEndHandler(v -> {
            MultiMap headers = rc.response().headers();
            if (!tools) {
                headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            }
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "same-origin");
            headers.set("X-Frame-Options", "DENY");
            // pages embed a CSRF token, API answers carry tokens and customers' names: no cache may keep them;
            // only the bundled assets (content-hashed) and Quarkus's tools set their own
            if (!tools && !assets && !headers.contains("Cache-Control")) {
                headers.set("Cache-Control", "no-store");
            }
            if (tls) {
                headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
            }
        });
        rc.next();
    }
}
