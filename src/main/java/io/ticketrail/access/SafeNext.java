package io.ticketrail.access;

/**
 * Where to send a browser after signing in or pairing: only a path on this site, so a link such as
 * {@code /login?next=https://evil.example} cannot turn the sign-in form into a redirect to somewhere else.
 */
public final class SafeNext {

    private SafeNext() {
    }

    /** The path itself when it is local ({@code /...}, not {@code //host} or {@code /\host}), else {@code /}. */
    public static String of(String next) {
        if (next == null || next.length() > 500 || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\")) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return "/";
            }
        }
        return next;
    }
}
