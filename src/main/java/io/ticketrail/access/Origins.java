package io.ticketrail.access;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.vertx.core.http.HttpServerRequest;

/**
 * Whether a cookie-authenticated feed request (WebSocket upgrade, EventSource) comes from Ticketrail's own pages.
 * SameSite=Strict does not stop a page on the same host at another port, or on a sibling host: both are the same
 * site, so the browser sends the screen's cookie with their upgrade. Such a page always sends an {@code Origin}
 * (every WebSocket upgrade and every cross-origin EventSource has one), which must then be the app's own origin
 * (the scheme, host and port the request was sent to) or one listed in {@code ticketrail.access.origins} for a
 * reverse proxy that changes the Host. A request without Origin is not a browser's cross-origin request. Bearer
 * credentials are never sent by a browser on its own and need no check.
 */
@Singleton
public class Origins {

    @Inject
    AccessConfig config;

    public boolean allows(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            // a same-origin EventSource sends none; a browser marks every other cross-site fetch
            String site = request.getHeader("Sec-Fetch-Site");
            return site == null || site.equals("same-origin") || site.equals("none");
        }
        String normalised = normalise(origin);
        if (normalised == null) {
            return false;
        }
        if (config.origins().orElse(List.of()).stream().map(Origins::normalise).anyMatch(normalised::equals)) {
            return true;
        }
        String host = request.getHeader("Host");
        boolean tls = "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")) || request.isSSL();
        return host != null && normalised.equals(normalise((tls ? "https://" : "http://") + host));
    }

    /** {@code scheme://host:port} in lower case with the port spelt out; null for anything else ("null" too). */
    static String normalise(String origin) {
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme();
            if (scheme == null
                    || uri.getHost() == null
                    || (uri.getPath() != null
                            && !uri.getPath().isEmpty()
                            && !uri.getPath().equals("/"))
                    || uri.getRawQuery() != null
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1
                    ? uri.getPort()
                    : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            if (port == -1) {
                return null;
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
