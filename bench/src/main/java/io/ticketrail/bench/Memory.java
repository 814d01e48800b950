package io.ticketrail.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One reading of the server's memory after a full GC: resident set, live heap (what survived the GC), native
 * memory outside the heap and NIO direct buffers (Native Memory Tracking's "Other"). RSS alone swings with
 * allocator arenas and heap sizing; the live heap and NMT say what a connection really keeps.
 */
record Memory(long rss, long liveHeap, long nativeOutsideHeap, long directBuffers) {

    /** Reads the server; {@code jvm} false (the peers) gives the RSS only. */
    static Memory read(Servers servers, long pid, boolean jvm) {
        if (!jvm) {
            return new Memory(Proc.rssBytes(pid), 0, 0, 0);
        }
        long liveHeap = servers.liveHeapBytes(); // runs a full GC first
        Map<String, Long> nmt = servers.nativeCommittedBytes();
        long outsideHeap = nmt.getOrDefault("Total", 0L) - nmt.getOrDefault("Java Heap", 0L);
        return new Memory(Proc.rssBytes(pid), liveHeap, outsideHeap, nmt.getOrDefault("Other", 0L));
    }

    /** Field by field, the median of the readings. */
    static Memory median(List<Memory> readings) {
        return new Memory(median(readings, Memory::rss), median(readings, Memory::liveHeap),
                median(readings, Memory::nativeOutsideHeap), median(readings, Memory::directBuffers));
    }

    private static long median(List<Memory> readings, ToLongFunction<Memory> field) {
        List<Long> sorted = readings.stream().map(field::applyAsLong).sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2);
    }

    Memory minus(Memory other) {
        return new Memory(rss - other.rss, liveHeap - other.liveHeap, nativeOutsideHeap - other.nativeOutsideHeap,
                directBuffers - other.directBuffers);
    }

    Memory per(int connections) {
        int n = Math.max(1, connections);
        return new Memory(rss / n, liveHeap / n, nativeOutsideHeap / n, directBuffers / n);
    }
}
