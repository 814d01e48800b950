package io.ticketrail.feed;

import java.nio.charset.StandardCharsets;

/**
 * A feed message encoded once to UTF-8 and written as these same bytes to every screen it goes to: a view group's
 * diff is encoded once whatever the number of screens, and the send budgets count these bytes.
 */
final class EncodedMessage {

    private final byte[] utf8;
    // decoded once for the SSE screens that need text; a racing second decode gives an equal String
    private String text;

    EncodedMessage(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The bytes on the wire; shared by every screen, so never written to. */
    byte[] utf8() {
        return utf8;
    }

    int length() {
        return utf8.length;
    }

    /** The message as text, for a transport that writes Strings (SSE). */
    String text() {
        String decoded = text;
        if (decoded == null) {
            decoded = new String(utf8, StandardCharsets.UTF_8);
            text = decoded;
        }
        return decoded;
    }
}
