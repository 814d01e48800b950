package io.ticketrail.access;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * The credential a request carries: {@code Authorization: Bearer} (a POS, a script, the reference client), or a
 * cookie set by Ticketrail (a manager's browser, a paired screen). A browser can put no header on a WebSocket
 * upgrade or an EventSource, so screens rely on their cookie.
 *
 * @param viaCookie a cookie-borne credential needs the page's CSRF token on anything that changes state
 */
public record Presented(String token, boolean viaCookie) {

    public static final String SESSION_COOKIE = "trk_session";
    public static final String DEVICE_COOKIE = "trk_device";

    /** The credential, or null when the request has none. A manager's session wins over the screen's pairing. */
    public static Presented of(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            String value = authorization.strip();
            // a malformed Authorization header is a wrong credential, not a missing one: it must not fall back
            return new Presented(value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value,
                    false);
        }
        for (String name : new String[] { SESSION_COOKIE, DEVICE_COOKIE }) {
            Cookie cookie = request.getCookie(name);
            if (cookie != null && !cookie.getValue().isEmpty()) {
                return new Presented(cookie.getValue(), true);
            }
        }
        return null;
    }
}
