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

    /**
     * What the live heap grew by between two class histograms, per connection and by class, largest first: which
     * objects an idle connection keeps. Classes that grew by less than {@code minBytes} per connection are left out.
     */
    static String growthByClass(List<String> before, List<String> after, int connections, double minBytes) {
        Map<String, long[]> b = histogram(before);
        StringBuilder out = new StringBuilder("bytes per connection | instances per connection | class\n");
        histogram(after).entrySet().stream()
                .map(e -> {
                    long[] was = b.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new double[] {(e.getValue()[1] - was[1]) / (double) connections,
                        (e.getValue()[0] - was[0]) / (double) connections});
                })
                .filter(e -> e.getValue()[0] >= minBytes)
                .sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]))
                .forEach(e -> out.append(String.format(java.util.Locale.ROOT, "%.1f | %.2f | %s%n", e.getValue()[0],
                        e.getValue()[1], e.getKey())));
        return out.toString();
    }

    /** class name to {instances, bytes}, from lines like "   1:   12345   678901  [B (java.base@17)". */
    private static Map<String, long[]> histogram(List<String> lines) {
        Map<String, long[]> classes = new java.util.HashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return classes;
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
