package io.ticketrail.feed;

import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;

/**
 * The last entries a location's feed applied, as much of each as a catch-up needs: which order it changed, at which
 * version. A screen that dropped off Wi-Fi for a few entries while other screens kept the location loaded resumes
 * from here, without a read of the log. Exact for the seqs it holds: filled by the fold that moves the feed's
 * {@code processed}, one entry per seq, and started over whenever the model is loaded again. Only touched on the
 * location's serial executor.
 */
final class RecentEntries {

    /** At most this many entries per location: a few seconds of a rush, 12 bytes each. */
    static final int MOST = 256;

    private final int capacity;
    /**
     * A ring: the entry for seq {@code s} is at {@code s % capacity}, the order it changed ({@code null}: an entry no
     * view shows, such as an alarm) and its version. Allocated with the first entry, so an idle location costs none.
     * No branch depends on how full it is: the ring filling up for the first time, minutes into service, must not
     * throw the fan-out's compiled code away (it did, a 0.3 s recompilation of {@code LocationFeed.fanOut}).
     */
    private UUID[] orders;

    private long[] versions;
    /** Entries after this seq were added since the last start. */
    private long start;

    private long head;

    RecentEntries(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /** Forgets everything: held from {@code at} on. */
    void startAt(long at) {
        start = at;
        head = at;
    }

    /** The next entry; one that does not follow the last starts over from it. */
    void add(long seq, UUID orderId, long version) {
        if (seq != head + 1) {
            start = seq - 1;
        }
        head = seq;
        if (capacity == 0) {
            return;
        }
        if (orders == null) {
            orders = new UUID[capacity];
            versions = new long[capacity];
        }
        int slot = (int) (seq % capacity);
        orders[slot] = orderId;
        versions[slot] = version;
    }

    /**
     * The orders changed after {@code after} up to {@code upTo}, each with its last version, in the order of their last
     * change (as a read of the log gives them); empty when some of those entries are not held.
     */
    Optional<LinkedHashMap<UUID, Long>> changedAfter(long after, long upTo) {
        long floor = Math.max(start, head - capacity);
        if (after < floor || upTo != head || after > head) {
            return Optional.empty();
        }
        LinkedHashMap<UUID, Long> changed = new LinkedHashMap<>();
        for (long seq = after + 1; seq <= head; seq++) {
            int slot = (int) (seq % capacity);
            UUID orderId = orders[slot];
            if (orderId != null) {
                // removed first: an order goes where its last change puts it
                changed.remove(orderId);
                changed.put(orderId, versions[slot]);
            }
        }
        return Optional.of(changed);
    }
}
