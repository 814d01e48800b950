package io.ticketrail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What /proc says about a process: CPU time and resident memory. Linux only, like the whole harness. */
final class Proc {

    /** USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux we run on. */
    private static final long TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /** User plus system CPU time of the process, in microseconds; 0 once it is gone. */
    static long cpuMicros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces; fields are counted after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU time of a process tree given as its root first: the root's own and its finished children's (cutime,
     * cstime), plus the live ones'. Without the finished children, a PostgreSQL backend that exits during a phase
     * would take its CPU time out of the sum.
     */
    static long cpuMicros(List<Long> rootFirst) {
        if (rootFirst.isEmpty()) {
            return 0;
        }
        long children = 0;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(rootFirst.get(0)), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            children = (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 1_000_000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            // the root is gone: only the live processes count
        }
        return children + rootFirst.stream().mapToLong(Proc::cpuMicros).sum();
    }

    /** Thread groups of the JVM, in report order; {@link #groupOf} puts every thread in one of them. */
    static final List<String> THREAD_GROUPS = List.of("request workers", "writer lanes", "event loops", "feed", "JIT", "GC", "other");

    /**
     * What a JVM thread does, from its name as /proc shows it (the first 15 characters): Quarkus' worker pool and
     * Vert.x workers take the REST requests up to queueing a command, the writer lanes ({@code ticketrail-writer-N})
     * run the commands' transactions, the event loops the sockets, the feed's and presence's own threads the
     * fan-out, the compiler threads JIT, and the collector's threads (with the VM thread, which runs its pauses) GC.
     */
    static String groupOf(String thread) {
        if (thread.startsWith("executor-thread") || thread.startsWith("vert.x-worker") || thread.startsWith("vert.x-internal")) {
            return "request workers";
        }
        if (thread.startsWith("ticketrail-writ")) {
            return "writer lanes";
        }
        if (thread.startsWith("vert.x-eventloo") || thread.startsWith("vert.x-acceptor")) {
            return "event loops";
        }
        if (thread.startsWith("feed-") || thread.startsWith("presence-")) {
            return "feed";
        }
        if (thread.contains("CompilerThre")) {
            return "JIT";
        }
        if (thread.startsWith("GC ") || thread.startsWith("G1 ") || thread.startsWith("VM Thread")
                || thread.startsWith("ZGC") || thread.startsWith("Shenandoah")) {
            return "GC";
        }
        return "other";
    }

    /**
     * CPU time of the process's live threads by {@link #groupOf group}, in microseconds. A thread that ends between
     * two readings takes its time with it, so the groups can sum to a little less than {@link #cpuMicros(long)}.
     */
    static Map<String, Long> threadCpuMicros(long pid) {
        Map<String, Long> byGroup = new LinkedHashMap<>();
        THREAD_GROUPS.forEach(g -> byGroup.put(g, 0L));
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long micros = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000 / TICKS_PER_SECOND;
                    byGroup.merge(groupOf(name), micros, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we read
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone: nothing to split
        }
        return byGroup;
    }

    /** Resident set size in bytes (VmRSS); 0 once the process is gone. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    static long rssBytes(List<Long> pids) {
        return pids.stream().mapToLong(Proc::rssBytes).sum();
    }

    /** The 1-minute load average, to report how busy the shared machine was. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of every process on the machine (user+system+nice+irq+softirq, all cores), in microseconds. */
    static long machineBusyMicros() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            return ticks * 1_000_000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
