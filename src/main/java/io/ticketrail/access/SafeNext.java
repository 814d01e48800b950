package io.ticketrail.access;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where to send a browser after signing in or pairing: only a path on this site, so a link such as
 * {@code /login?next=https://evil.example} cannot turn the sign-in form into a redirect to somewhere else.
 */
public final class SafeNext {

    private SafeNext() {}

    /**
     * The path itself when it is local ({@code /...}, not {@code //host} or {@code /\host}) and a valid URI
     * reference of printable ASCII, else {@code /}. Checked before anything is written: a sign-in that created a
     * session must never fail afterwards on its redirect (issue 12, finding 8: {@code next=/a%20b} did).
     */
    public static String of(String next) {
        if (next == null
                || next.length() > 500
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.startsWith("/\\")) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return "/";
            }
        }
        try {
            URI uri = new URI(next);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? next : "/";
        } catch (URISyntaxException e) {
            return "/";
        }
    }
}
