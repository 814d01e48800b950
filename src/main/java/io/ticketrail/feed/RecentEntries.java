package io.ticketrail.feed;

import java.util.ArrayDeque;
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

    /** At most this many entries per location: a few seconds of a rush, about 40 bytes each. */
    static final int MOST = 256;

    /** One entry: the order it changed ({@code null}: an entry no view shows, such as an alarm) and its version. */
    private record Entry(long seq, UUID orderId, long version) {}

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** Every entry after this seq up to {@link #head} is held. */
    private long floor;

    private long head;

    RecentEntries(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /** Forgets everything: held from {@code at} on. */
    void startAt(long at) {
        entries.clear();
        floor = at;
        head = at;
    }

    /** The next entry; one that does not follow the last starts over from it. */
    void add(long seq, UUID orderId, long version) {
        if (seq != head + 1) {
            startAt(seq - 1);
        }
        head = seq;
        if (capacity == 0) {
            floor = seq;
            return;
        }
        if (entries.size() == capacity) {
            floor = entries.removeFirst().seq();
        }
        entries.addLast(new Entry(seq, orderId, version));
    }

    /**
     * The orders changed after {@code after} up to {@code upTo}, each with its last version, in the order of their last
     * change (as a read of the log gives them); empty when some of those entries are not held.
     */
    Optional<LinkedHashMap<UUID, Long>> changedAfter(long after, long upTo) {
        if (after < floor || upTo != head || after > head) {
            return Optional.empty();
        }
        LinkedHashMap<UUID, Long> changed = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.seq() > after && entry.orderId() != null) {
                // removed first: an order goes where its last change puts it
                changed.remove(entry.orderId());
                changed.put(entry.orderId(), entry.version());
            }
        }
        return Optional.of(changed);
    }
}
