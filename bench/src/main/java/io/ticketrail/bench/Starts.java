package io.ticketrail.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code bench/run start}: how soon a restarted pod serves, as a rolling deploy restarts it. A first start migrates
 * the empty database and creates the first manager; then the application is restarted {@code starts} times against
 * that database, and each restart is timed from process start to {@code /q/health/ready} (with the CPU it had used
 * by then, which contention on a shared machine inflates less than wall time), and its RSS read after the first
 * request (the manager's sign-in). Medians in summary.md; the process and JVM are the run's options, so the same
 * command compares Java 17 with the fast-jar layout and JDK 25 with the aot-jar layout and its cache.
 */
final class Starts {

    private Starts() {
    }

    record Start(long readyMillis, long cpuAtReadyMillis, long rssAfterFirstRequestBytes) {
    }

    static int run(Options o, Path repo, Path dir, String runId) throws Exception {
        List<Start> starts = new ArrayList<>();
        try (Servers servers = Servers.startPostgres()) {
            servers.startApp(repo, o, dir.resolve("server-first-start.log"));
            servers.stopServer();
            for (int i = 1; i <= o.starts(); i++) {
                servers.startApp(repo, o, dir.resolve("server-start-" + i + ".log"));
                long ready = servers.readyMillis();
                long cpu = servers.readyCpuMillis();
                servers.credential();
                Start start = new Start(ready, cpu, Proc.rssBytes(servers.serverPid()));
                servers.stopServer();
                starts.add(start);
                Bench.log("start " + i + ": ready in " + start.readyMillis() + " ms, " + start.cpuAtReadyMillis()
                        + " ms of CPU, RSS after the first request " + start.rssAfterFirstRequestBytes() / 1_048_576
                        + " MB");
            }
        }
        StringBuilder md = new StringBuilder("# Restarts: " + runId + "\n\n")
                .append("Application `").append(o.app()).append("`, java `")
                .append(o.appJava().isBlank() ? System.getProperty("java.home") + "/bin/java" : o.appJava())
                .append("`, options `").append(o.appJvmOpts()).append("`; load average at the end ")
                .append(Proc.loadAverage()).append(".\n\n")
                .append("| restart | ready (ms) | CPU used by then (ms) | RSS after the first request (MB) |\n")
                .append("|---|---|---|---|\n");
        for (int i = 0; i < starts.size(); i++) {
            Start s = starts.get(i);
            md.append("| ").append(i + 1).append(" | ").append(s.readyMillis()).append(" | ")
                    .append(s.cpuAtReadyMillis()).append(" | ").append(s.rssAfterFirstRequestBytes() / 1_048_576)
                    .append(" |\n");
        }
        md.append("| **median** | ").append(median(starts, Start::readyMillis)).append(" | ")
                .append(median(starts, Start::cpuAtReadyMillis)).append(" | ")
                .append(median(starts, Start::rssAfterFirstRequestBytes) / 1_048_576).append(" |\n");
        Files.writeString(dir.resolve("summary.md"), md);
        Bench.log(md.toString());
        return 0;
    }

    private static long median(List<Start> starts, ToLongFunction<Start> value) {
        long[] sorted = starts.stream().mapToLong(value).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
