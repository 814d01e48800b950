package io.ticketrail.feed;

import java.util.Optional;

/**
 * Reads the acknowledgement as screens send it, {@code {"type":"ack","seq":N,"page":"..."}} in any order with any
 * JSON whitespace, without a JSON parser: screens send one per change they draw, the most frequent message on the
 * event loop, and Jackson's parser set-up and field-name table were 2% of the server's CPU
 * (docs/performance.md, "Per-message machinery, second pass"). Anything else it leaves undecided, and
 * {@link FeedRequest#ack} asks Jackson: other or repeated fields, escapes, nested values, numbers other than plain
 * integers, text after the object.
 */
final class AckScanner {

    /** Not decided here: the caller parses the text in full. */
    static final Optional<FeedRequest.Ack> UNDECIDED = null;

    private static final int MAX_DIGITS = 18; // always fits a long

    private final String text;
    private int at;

    private AckScanner(String text) {
        this.text = text;
    }

    /** The acknowledgement, empty when the text is a well-formed non-ack, or {@link #UNDECIDED}. */
    static Optional<FeedRequest.Ack> scan(String text) {
        return new AckScanner(text).object();
    }

    private Optional<FeedRequest.Ack> object() {
        if (!next('{')) {
            return UNDECIDED;
        }
        String type = null;
        String page = null;
        long seq = -1;
        boolean seenType = false;
        boolean seenSeq = false;
        boolean seenPage = false;
        do {
            String field = string();
            if (field == null || !next(':')) {
                return UNDECIDED;
            }
            skipWhitespace();
            switch (field) {
                case "type" -> {
                    if (seenType) {
                        return UNDECIDED;
                    }
                    seenType = true;
                    if (peek() != '"') {
                        return UNDECIDED;
                    }
                    type = string();
                    if (type == null) {
                        return UNDECIDED;
                    }
                }
                case "seq" -> {
                    if (seenSeq) {
                        return UNDECIDED;
                    }
                    seenSeq = true;
                    seq = integer();
                    if (seq < 0) {
                        return UNDECIDED;
                    }
                }
                case "page" -> {
                    if (seenPage) {
                        return UNDECIDED;
                    }
                    seenPage = true;
                    if (!text.startsWith("null", at)) {
                        page = string();
                        if (page == null) {
                            return UNDECIDED;
                        }
                    } else {
                        at += 4;
                    }
                }
                default -> {
                    return UNDECIDED;
                }
            }
        } while (next(','));
        if (!next('}')) {
            return UNDECIDED;
        }
        skipWhitespace();
        if (at != text.length()) {
            return UNDECIDED;
        }
        return "ack".equals(type) && seenSeq
                ? Optional.of(new FeedRequest.Ack(seq, FeedRequest.page(page)))
                : Optional.empty();
    }

    /** A string without escapes or control characters, after optional whitespace; null for anything else. */
    private String string() {
        if (!next('"')) {
            return null;
        }
        int start = at;
        for (; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == '"') {
                return text.substring(start, at++);
            }
            if (c == '\\' || c < 0x20) {
                return null;
            }
        }
        return null;
    }

    /** A non-negative integer without sign, leading zeros, fraction or exponent; -1 for anything else. */
    private long integer() {
        int start = at;
        long value = 0;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            value = value * 10 + (text.charAt(at++) - '0');
        }
        int digits = at - start;
        if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && text.charAt(start) == '0')) {
            return -1;
        }
        if (at < text.length() && (text.charAt(at) == '.' || text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            return -1;
        }
        return value;
    }

    /** Whether the next character after optional whitespace is {@code c}; consumes both when it is. */
    private boolean next(char c) {
        skipWhitespace();
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }
}
