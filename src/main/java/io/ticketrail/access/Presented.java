package io.ticketrail.access;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * The credential a request carries: {@code Authorization: Bearer} (a POS, a script, the reference client), or a
 * cookie set by Ticketrail (a manager's browser, a paired screen). A browser can put no header on a WebSocket
 * upgrade or an EventSource, so screens rely on their cookie.
 *
 * @param viaCookie a cookie-borne credential needs the page's CSRF token on anything that changes state
 * @param fallback the screen's cookie when a session cookie came too: used when the session is not a good one, so
 *        a cookie planted by another page of the same site cannot lock the screen out
 */
public record Presented(String token, boolean viaCookie, String fallback) {

    public static final String SESSION_COOKIE = "trk_session";
    public static final String DEVICE_COOKIE = "trk_device";
    /**
     * Over TLS the cookies are named with this prefix: the browser then takes them only from a Secure answer of this
     * very host, never from a sibling subdomain or a plain-HTTP page, which could otherwise plant one.
     */
    public static final String HOST_PREFIX = "__Host-";

    /** The credential, or null when the request has none. A manager's session is tried before the screen's pairing. */
    public static Presented of(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            String value = authorization.strip();
            // a malformed Authorization header is a wrong credential, not a missing one: it must not fall back
            return new Presented(
                    value.regionMatches(true, 0, "Bearer ", 0, 7)
                            ? value.substring(7).strip()
                            : value,
                    false,
                    null);
        }
        boolean tls = request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        String session = cookie(request, cookieName(SESSION_COOKIE, tls));
        String device = cookie(request, cookieName(DEVICE_COOKIE, tls));
        if (device == null && tls) {
            // a screen paired before the cookies were __Host- named keeps working until it pairs again; it never
            // shadows a __Host- one, and a manager signs in again
            device = cookie(request, DEVICE_COOKIE);
        }
        if (session != null) {
            return new Presented(session, true, device);
        }
        return device == null ? null : new Presented(device, true, null);
    }

    /** The name a credential cookie has on a connection with or without TLS. */
    public static String cookieName(String name, boolean tls) {
        return tls ? HOST_PREFIX + name : name;
    }

    private static String cookie(HttpServerRequest request, String name) {
        Cookie cookie = request.getCookie(name);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }
}
