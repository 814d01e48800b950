package io.ticketrail.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ticketrail.bench.Site.OrderTrack;
import io.ticketrail.fault.DatabaseProxy;

/**
 * {@code bench/run faults}: the longer version of the fault suite (DatabaseFaultsIT). The packaged application
 * reaches PostgreSQL through a TCP proxy ({@link DatabaseProxy}, the suite's own); a command stream with retries
 * (one command at a time per location, each with its Idempotency-Key, again after a 503 or no answer) and screens
 * run while, in turn, PostgreSQL restarts fast, is down, goes silent, and refuses writes. Each case reports how
 * long the fault lasted, when the first command was taken and when every screen showed every acknowledged command
 * after it ended, the tries answered 503, and how soon the screens were told. At the end: the run's correctness
 * counters and a check of the database itself, every acknowledged command present exactly once. Exits 1 when
 * any counter is not 0.
 */
final class Faults {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A case that has not recovered by then fails the run: recovery is bounded, not just eventual. */
    private static final long RECOVERY_BOUND_SECONDS = 90;
    /** Quiet time between two cases, so each starts from a settled system. */
    private static final long SETTLE_SECONDS = 5;

    private Faults() {
    }

    /** What one case measured. Times in milliseconds; -1: did not happen within the bound. */
    record Case(String name, String how, long faultMs, long firstCommandMs, long screensConvergedMs,
            long answered503, long triesUnanswered, long otherErrors, long commandsTaken, int screensTold,
            int screens, long lastScreenToldMs) {
    }

    @FunctionalInterface
    interface Fault {
        void play() throws Exception;
    }

    static int run(Options o, Path repo, Path dir, String runId) throws Exception {
        List<Case> cases = new ArrayList<>();
        Checks checks;
        Map<String, Long> database;
        try (Servers servers = Servers.startPostgres();
                DatabaseProxy proxy = new DatabaseProxy(servers::postgresPort)) {
            servers.startApp(repo, o, dir.resolve("server.log"), proxy.jdbcUrl());
            Bench.log("application ready in " + servers.readyMillis() + " ms, PostgreSQL behind a proxy on port "
                    + proxy.port());
            List<Phase> phases = new ArrayList<>();
            try (Load load = new Load(o, servers.httpPort(), servers.credential())) {
                load.createLocations();
                load.connectScreens();
                Bench.log(o.screens() + " screens connected");
                // long enough for every case; stopped when the last one is done
                Thread commands = load.startCommands(TimeUnit.HOURS.toSeconds(1));
                Phase quiet = new Phase("before");
                load.enter(quiet);
                TimeUnit.SECONDS.sleep(o.durationSeconds());
                quiet.endNanos = System.nanoTime();
                phases.add(quiet);

                cases.add(play(load, phases, "PostgreSQL fast restart",
                        "every session ended (pg_terminate_backend, as a fast shutdown does), connections refused "
                                + "for 0.5 s",
                        () -> {
                            proxy.refuse();
                            terminateSessions(servers);
                            TimeUnit.MILLISECONDS.sleep(500);
                            proxy.restore();
                        }));
                cases.add(play(load, phases, "PostgreSQL down " + o.downSeconds() + " s",
                        "every connection closed, new ones refused for " + o.downSeconds() + " s",
                        () -> {
                            proxy.refuse();
                            TimeUnit.SECONDS.sleep(o.downSeconds());
                            proxy.restore();
                        }));
                cases.add(play(load, phases, "Database silent " + o.silentSeconds() + " s",
                        "the proxy forwards nothing and closes nothing for " + o.silentSeconds() + " s; then new "
                                + "connections work, the old ones stay silent (socketTimeout 30 s ends them)",
                        () -> {
                            proxy.silence();
                            TimeUnit.SECONDS.sleep(o.silentSeconds());
                            proxy.restore();
                        }));
                cases.add(play(load, phases, "Writes refused " + o.refusedSeconds() + " s",
                        "every commit that appends an event refused with SQLSTATE 53100 (disk full) by a deferred "
                                + "trigger; reads work",
                        () -> {
                            refuseWrites(servers);
                            try {
                                TimeUnit.SECONDS.sleep(o.refusedSeconds());
                            } finally {
                                allowWrites(servers);
                            }
                        }));

                load.stopCommands();
                commands.join(TimeUnit.SECONDS.toMillis(10));
                load.enter(new Phase("drain"));
                long unanswered = load.awaitCommands(60);
                long missing = load.awaitQuiet(30);
                checks = Checks.of(load, unanswered, missing, phases);
                database = exactlyOnce(servers, load);
            }
        }
        long failed = checks.total() + database.values().stream().mapToLong(Long::longValue).sum()
                + cases.stream().filter(c -> c.firstCommandMs() < 0 || c.screensConvergedMs() < 0).count();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("runId", runId);
        result.put("options", o);
        result.put("cases", cases);
        result.put("correctness", checks.counters());
        result.put("database", database);
        result.put("observations", checks.facts());
        result.put("failed", failed);
        JSON.writeValue(dir.resolve("result.json").toFile(), result);
        String summary = summary(runId, o, cases, checks, database);
        Files.writeString(dir.resolve("faults.md"), summary);
        Bench.log(summary);
        return failed == 0 ? 0 : 1;
    }

    /** One case: the fault, then bounded waits for the first command taken and for every screen to converge. */
    private static Case play(Load load, List<Phase> phases, String name, String how, Fault fault) throws Exception {
        Bench.log("case: " + name);
        load.screens().forEach(s -> s.toldAwayAt = 0);
        Phase phase = new Phase(name);
        load.enter(phase);
        long start = System.nanoTime();
        fault.play();
        long end = System.nanoTime();
        load.markRecovery();
        long deadline = end + TimeUnit.SECONDS.toNanos(RECOVERY_BOUND_SECONDS);
        while (load.firstTakenAfterMark() == 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long firstTaken = load.firstTakenAfterMark();
        long converged = -1;
        while (System.nanoTime() < deadline) {
            if (firstTaken != 0 && load.screens().stream().mapToLong(Screen::missingVersions).sum() == 0) {
                converged = System.nanoTime();
                break;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        TimeUnit.SECONDS.sleep(SETTLE_SECONDS);
        phase.endNanos = System.nanoTime();
        phases.add(phase);
        List<Long> told = load.screens().stream()
                .map(s -> s.toldAwayAt)
                .filter(at -> at != 0)
                .toList();
        Case result = new Case(name, how, millis(end - start), firstTaken == 0 ? -1 : millis(firstTaken - end),
                converged < 0 ? -1 : millis(converged - end), phase.commands503.sum(), phase.triesUnanswered.sum(),
                phase.commandErrors.sum(), phase.commandsOk.sum(), told.size(), load.screens().size(),
                told.stream().mapToLong(at -> millis(at - start)).max().orElse(-1));
        Bench.log(result.toString());
        return result;
    }

    /** What PostgreSQL does to its sessions in a fast shutdown: ends every one but ours (FATAL 57P01). */
    private static void terminateSessions(Servers servers) throws SQLException {
        execute(servers, "select pg_terminate_backend(pid) from pg_stat_activity "
                + "where pid <> pg_backend_pid() and backend_type = 'client backend'");
    }

    private static void refuseWrites(Servers servers) throws SQLException {
        execute(servers, """
                create function bench_disk_full() returns trigger language plpgsql as $$
                begin
                    raise exception using message = 'bench: no space left on device', errcode = '53100';
                end $$""",
                "create constraint trigger bench_disk_full after insert on order_event "
                        + "deferrable initially deferred for each row execute function bench_disk_full()");
    }

    private static void allowWrites(Servers servers) throws SQLException {
        execute(servers, "drop trigger if exists bench_disk_full on order_event",
                "drop function if exists bench_disk_full()");
    }

    /** Statements run directly on PostgreSQL, past the proxy, as its operator would. */
    private static void execute(Servers servers, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /**
     * The database against what the till was told: every acknowledged command applied (the order at the version of
     * its last acknowledged command) and none applied twice or without an acknowledgement (the order beyond it).
     * An order is there once by the schema (unique per location and external id). Orders whose last command got an
     * error other than 503 are left out, as in the screen checks.
     */
    private static Map<String, Long> exactlyOnce(Servers servers, Load load) throws SQLException {
        Map<String, Integer> versions = new HashMap<>();
        List<String> locations = load.screens().stream().map(s -> s.site.id).distinct().toList();
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
                PreparedStatement q = c.prepareStatement(
                        "select location_id || '/' || external_id, version from kitchen_order "
                                + "where location_id = any(?)")) {
            Array ids = c.createArrayOf("varchar", locations.toArray());
            q.setArray(1, ids);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        long lost = 0;
        long twice = 0;
        for (OrderTrack track : load.screens().stream().map(s -> s.site).distinct()
                .flatMap(site -> site.orders.stream()).toList()) {
            if (track.broken || track.acked < 0) {
                continue;
            }
            Integer version = versions.get(track.site.id + "/" + track.externalId);
            if (version == null || version < track.acked) {
                lost++;
                Bench.log("acknowledged but not in the database: " + track.externalId + " version " + track.acked
                        + ", database " + version);
            } else if (version > track.acked) {
                twice++;
                Bench.log("database ahead of the acknowledgements: " + track.externalId + " version " + version
                        + ", acknowledged " + track.acked);
            }
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("acknowledgedCommandsMissing", lost);
        counters.put("commandsAppliedTwiceOrUnacknowledged", twice);
        return counters;
    }

    private static String summary(String runId, Options o, List<Case> cases, Checks checks,
            Map<String, Long> database) {
        StringBuilder md = new StringBuilder();
        md.append("# Faults run ").append(runId).append("\n\n");
        md.append(String.format(Locale.ROOT, "%d locations x %d screens, one command at a time per location (up to "
                + "%.0f/s), retried with its Idempotency-Key every 1 s after a 503 or no answer; seed %d.%n%n",
                o.locations(), o.screensPerLocation(), o.rate(), o.seed()));
        md.append("| Case | Fault | First command taken after | Screens converged after | Tries answered 503 "
                + "| Tries unanswered | Other errors | Commands taken | Screens told (last after) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Case c : cases) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %d | %d | %d | %d of %d (%s) |%n",
                    c.name(), seconds(c.faultMs()), seconds(c.firstCommandMs()), seconds(c.screensConvergedMs()),
                    c.answered503(), c.triesUnanswered(), c.otherErrors(), c.commandsTaken(), c.screensTold(),
                    c.screens(), seconds(c.lastScreenToldMs())));
        }
        md.append("\nTimes after the fault's end, but \"screens told\": from its start.\n\n");
        md.append("| Correctness counter | Value |\n|---|---|\n");
        checks.counters().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        database.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\nHow each case is played:\n\n");
        cases.forEach(c -> md.append("- ").append(c.name()).append(": ").append(c.how()).append(".\n"));
        return md.toString();
    }

    private static String seconds(long millis) {
        return millis < 0 ? "—" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
