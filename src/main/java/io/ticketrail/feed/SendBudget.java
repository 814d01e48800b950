package io.ticketrail.feed;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes handed to connections and not yet written to their sockets, against a limit: what slow screens hold in
 * (direct) memory. One per instance and one per location, so one location's frozen screens cannot use up what
 * another location's screens need.
 */
final class SendBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    SendBudget(long limit) {
        this.limit = limit;
    }

    /** True when {@code bytes} more would pass the limit. */
    boolean wouldPass(long bytes) {
        return used.get() + bytes > limit;
    }

    void take(long bytes) {
        used.addAndGet(bytes);
    }

    void give(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }

    /** What the text takes on the wire as UTF-8, without encoding it (one diff goes to many screens). */
    static long utf8Length(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // 2 bytes below U+0800, else 3; a surrogate pair is 4 bytes over its two chars
                bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }
}
