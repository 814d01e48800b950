package io.ticketrail.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark run end to end: PostgreSQL, the server under test, the locations, the screens, the load in
 * phases, the checks, the result files; then everything it started is stopped. Exits 1 when any correctness
 * counter is not 0, 2 when the run itself failed.
 *
 * <p>Phases: {@code warmup} (not reported), {@code steady}, then optionally {@code resync} (some screens dropped
 * for a while under load, then resumed) and {@code storm} (a fraction of all screens at once).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("compare")) {
            Report.compare(Path.of(args[1]), List.of(args).subList(2, args.length).stream().map(Path::of).toList());
            return;
        }
        if (args.length > 0 && args[0].equals("scaling-report")) {
            Report.scaling(Path.of(args[1]), List.of(args).subList(2, args.length).stream().map(Path::of).toList());
            return;
        }
        Options options = Options.parse(args);
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + options.scenario() + "-" + options.target();
        Path dir = repo.resolve(options.resultsDir()).resolve(runId);
        Files.createDirectories(dir);
        log("run " + runId + " (seed " + options.seed() + "), results in " + dir);
        int exit;
        try {
            exit = switch (options.scenario()) {
                case "faults" -> Faults.run(options, repo, dir, runId);
                case "start" -> Starts.run(options, repo, dir, runId);
                default -> run(options, repo, dir, runId);
            };
        } catch (Exception e) {
            log("run failed: " + e);
            e.printStackTrace();
            exit = 2;
        }
        // the Vert.x and PostgreSQL threads are stopped already; exit does not wait for stragglers
        System.exit(exit);
    }

    private static int run(Options o, Path repo, Path dir, String runId) throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("loadAverageAtStart", Proc.loadAverage());
        List<Phase> phases = new ArrayList<>();
        Checks checks;
        try (Servers servers = Servers.startPostgres()) {
            facts.put("postgres", servers.durability());
            log("PostgreSQL on port " + servers.postgresPort() + " with " + facts.get("postgres"));
            // a first start migrates the empty database and hashes the first manager's password (bcrypt, cost 12);
            // ours is then restarted, as a rolling deploy restarts it, and the restart is the ready time reported
            servers.startApp(repo, o, dir.resolve("server-first-start.log"));
            facts.put("appFirstStartReadyMillis", servers.readyMillis());
            facts.put("appFirstStartCpuAtReadyMillis", servers.readyCpuMillis());
            if (o.target().equals("ours")) {
                servers.stopServer();
                servers.startApp(repo, o, dir.resolve("server.log"));
                facts.put("appReadyMillis", servers.readyMillis());
                facts.put("appCpuAtReadyMillis", servers.readyCpuMillis());
            }
            if (o.target().equals("peer") || o.target().equals("socketio")) {
                // the application ran Flyway; the peer works on the same tables
                servers.stopServer();
                servers.startPeer(repo, o.target().equals("peer") ? "server.js" : "socketio.js", dir.resolve("server.log"));
                facts.put("peerReadyMillis", servers.readyMillis());
            } else if (!o.target().equals("ours")) {
                throw new IllegalArgumentException("target is ours, peer or socketio");
            }
            log(o.target() + " ready in " + servers.readyMillis() + " ms at " + servers.baseUrl()
                    + " (first start " + facts.get("appFirstStartReadyMillis") + " ms)");
            long pid = servers.serverPid();
            try (Load load = new Load(o, servers.httpPort(), servers.credential())) {
                load.createLocations();
                // read as the connected state is read below: after the same pause, the median of three readings.
                // One reading right after creating the locations caught the server still settling (the background
                // loops' first rounds over the new locations) and swung the per-connection figure by 1 KB
                Thread.sleep(3000);
                Memory before = Memory.median(List.of(
                        Memory.read(servers, pid, o.target().equals("ours")),
                        Memory.read(servers, pid, o.target().equals("ours")),
                        Memory.read(servers, pid, o.target().equals("ours"))));
                List<String> histogramBefore = o.target().equals("ours") ? servers.classHistogram() : List.of();
                if (o.heapDump()) {
                    servers.heapDump(dir.resolve("heap-before.hprof"));
                }
                facts.put("rssAfterFirstRequestsBytes", before.rss());
                long connectMillis = load.connectScreens();
                facts.put("connectMillis", connectMillis);
                log(o.screens() + " screens connected in " + connectMillis + " ms");
                Thread.sleep(3000);
                // three readings, each after a full GC, and their median: one reading swung by a factor of four
                Memory connected = Memory.median(List.of(
                        Memory.read(servers, pid, o.target().equals("ours")),
                        Memory.read(servers, pid, o.target().equals("ours")),
                        Memory.read(servers, pid, o.target().equals("ours"))));
                facts.put("rssConnectedIdleBytes", connected.rss());
                Memory perConnection = connected.minus(before).per(o.screens());
                facts.put("rssPerIdleConnectionBytes", perConnection.rss());
                if (o.target().equals("ours")) {
                    facts.put("liveHeapPerIdleConnectionBytes", perConnection.liveHeap());
                    facts.put("nativePerIdleConnectionBytes", perConnection.nativeOutsideHeap());
                    facts.put("directBuffersPerIdleConnectionBytes", perConnection.directBuffers());
                    // what each idle screen keeps on the heap, by class (16 bytes or more per connection)
                    Files.writeString(dir.resolve("heap-per-connection.txt"), Memory.growthByClass(histogramBefore,
                            servers.classHistogram(), o.screens(), 16));
                    if (o.heapDump()) {
                        servers.heapDump(dir.resolve("heap-connected.hprof"));
                    }
                }
                if (o.scenario().equals("memory")) {
                    // as many screens again on the same locations: what one more screen costs, without what the
                    // first screens of a location set up once (its feed, view groups, the alarm leader's station
                    // gauges, the query parser's caches)
                    List<String> histogramConnected =
                            o.target().equals("ours") ? servers.classHistogram() : List.of();
                    log(o.screens() + " more screens connected in " + load.connectScreens() + " ms");
                    Thread.sleep(3000);
                    Memory doubled = Memory.median(List.of(
                            Memory.read(servers, pid, o.target().equals("ours")),
                            Memory.read(servers, pid, o.target().equals("ours")),
                            Memory.read(servers, pid, o.target().equals("ours"))));
                    Memory perAdded = doubled.minus(connected).per(o.screens());
                    facts.put("rssPerAddedIdleConnectionBytes", perAdded.rss());
                    if (o.target().equals("ours")) {
                        facts.put("liveHeapPerAddedIdleConnectionBytes", perAdded.liveHeap());
                        facts.put("directBuffersPerAddedIdleConnectionBytes", perAdded.directBuffers());
                        Files.writeString(dir.resolve("heap-per-added-connection.txt"), Memory.growthByClass(
                                histogramConnected, servers.classHistogram(), o.screens(), 16));
                    }
                }

                double total = o.warmupSeconds() + o.durationSeconds()
                        + (o.dropScreens() > 0 ? o.dropSeconds() + 10 : 0)
                        + (o.stormFraction() > 0 ? o.stormSeconds() + 10 : 0);
                Thread commands = load.startCommands(total);
                if (o.warmupSeconds() > 0) {
                    Phase warmup = new Phase("warmup");
                    measure(load, servers, warmup, o.warmupSeconds(),
                            o.warmupDrops() > 0 ? () -> dropsDuringWarmup(load, o, warmup) : null);
                }
                phases.add(measure(load, servers, new Phase("steady"), o.durationSeconds(), null));
                if (o.dropScreens() > 0) {
                    phases.add(measure(load, servers, new Phase("resync"), o.dropSeconds() + 10,
                            () -> away(load, load.pick(o.dropScreens()), o.dropSeconds())));
                }
                if (o.stormFraction() > 0) {
                    int count = (int) Math.round(o.screens() * o.stormFraction());
                    phases.add(measure(load, servers, new Phase("storm"), o.stormSeconds() + 10,
                            () -> away(load, load.pick(count), o.stormSeconds())));
                }
                commands.join(TimeUnit.SECONDS.toMillis(30));
                load.enter(new Phase("drain"));
                long unanswered = load.awaitCommands(60);
                long missing = load.awaitQuiet(30);
                checks = Checks.of(load, unanswered, missing, phases);
                facts.put("ordersPlaced", load.ordersPlaced());
            }
        }
        facts.put("loadAverageAtEnd", Proc.loadAverage());
        Report.write(dir, runId, o, facts, phases, checks);
        log(Files.readString(dir.resolve("summary.md")));
        return checks.total() == 0 ? 0 : 1;
    }

    /** Runs one phase for {@code seconds} (during which {@code action} runs, if any) and records its CPU use. */
    private static Phase measure(Load load, Servers servers, Phase phase, int seconds, ThrowingRunnable action)
            throws Exception {
        long server = Proc.cpuMicros(servers.serverPid());
        Map<String, Long> serverThreads = Proc.threadCpuMicros(servers.serverPid());
        long postgres = Proc.cpuMicros(servers.postgresPids());
        long bench = Proc.cpuMicros(ProcessHandle.current().pid());
        long machine = Proc.machineBusyMicros();
        load.enter(phase);
        log("phase " + phase.name + " for " + seconds + " s");
        long end = phase.startNanos + TimeUnit.SECONDS.toNanos(seconds);
        if (action != null) {
            action.run();
        }
        long wait = end - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        phase.endNanos = System.nanoTime();
        phase.serverCpuMicros = Proc.cpuMicros(servers.serverPid()) - server;
        Map<String, Long> byGroup = Proc.threadCpuMicros(servers.serverPid());
        byGroup.replaceAll((group, micros) -> Math.max(0, micros - serverThreads.getOrDefault(group, 0L)));
        phase.serverCpuMicrosByGroup = byGroup;
        phase.postgresCpuMicros = Proc.cpuMicros(servers.postgresPids()) - postgres;
        phase.benchCpuMicros = Proc.cpuMicros(ProcessHandle.current().pid()) - bench;
        phase.machineBusyMicros = Proc.machineBusyMicros() - machine;
        phase.loadAverageAtEnd = Proc.loadAverage();
        return phase;
    }

    /**
     * The resync's drop, {@code warmupDrops} times at even intervals through the warm-up; each one is back, and has
     * some seconds to catch up, before the warm-up ends.
     */
    private static void dropsDuringWarmup(Load load, Options o, Phase warmup) throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(o.warmupSeconds()) / (o.warmupDrops() + 1);
        for (int i = 1; i <= o.warmupDrops(); i++) {
            long wait = warmup.startNanos + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            away(load, load.pick(o.dropScreens()), o.dropSeconds());
        }
    }

    /** Drops the screens at once, keeps them away for {@code seconds}, then reconnects them all at once. */
    private static void away(Load load, List<Screen> screens, int seconds) throws InterruptedException {
        log("dropping " + screens.size() + " screens for " + seconds + " s");
        screens.forEach(Screen::drop);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        screens.forEach(Screen::connect);
        Phase phase = load.phase();
        phase.dropped += screens.size();
    }

    static void log(String line) {
        System.out.println("[bench " + Instant.now() + "] " + line);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
