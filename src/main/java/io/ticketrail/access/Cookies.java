package io.ticketrail.access;

import java.time.Duration;
import java.time.Instant;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;

/**
 * The credential cookies: HttpOnly (page scripts never see the token), SameSite=Strict (no other site's page can
 * send it), Secure and named {@code __Host-...} when the request came over TLS, directly or through the cluster's
 * gateway ({@link Presented#HOST_PREFIX}).
 */
public final class Cookies {

    private Cookies() {}

    public static NewCookie credential(String name, String token, Instant expiresAt, boolean secure) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
        return new NewCookie.Builder(Presented.cookieName(name, secure))
                .value(token)
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) Math.min(Integer.MAX_VALUE, maxAge))
                .build();
    }

    public static NewCookie cleared(String name, boolean secure) {
        return new NewCookie.Builder(Presented.cookieName(name, secure))
                .value("")
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge(0)
                .build();
    }

    /** TLS here or at the gateway in front (which sets X-Forwarded-Proto). */
    public static boolean overTls(String scheme, HttpHeaders headers) {
        return "https".equalsIgnoreCase(scheme)
                || "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
    }
}
