package io.ticketrail.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's settings. A scenario gives the defaults; {@code key=value} arguments override any of them, so a run
 * is reproduced from the command line that its summary prints.
 */
record Options(String scenario, String target, int locations, int screensPerLocation, int connectRate,
        double rate, int warmupSeconds, int warmupDrops, int durationSeconds, int dropScreens, int dropSeconds,
        double stormFraction, int stormSeconds, String appJvmOpts, long seed, String resultsDir, int loseEvery, boolean acks,
        boolean deflate, boolean retries, int downSeconds, int silentSeconds, int refusedSeconds, String app,
        String appJava, int starts, boolean heapDump) {

    static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: Bench <smoke|load|full> [key=value ...]");
        }
        Map<String, String> v = new LinkedHashMap<>(defaults(args[0]));
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0 || !v.containsKey(args[i].substring(0, eq))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + v.keySet());
            }
            v.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Options o = new Options(args[0], v.get("target"), i(v, "locations"), i(v, "screensPerLocation"),
                i(v, "connectRate"), Double.parseDouble(v.get("rate")), i(v, "warmup"), i(v, "warmupDrops"),
                i(v, "duration"),
                i(v, "dropScreens"), i(v, "dropSeconds"), Double.parseDouble(v.get("stormFraction")),
                i(v, "stormSeconds"), v.get("appJvmOpts"), Long.parseLong(v.get("seed")), v.get("results"), i(v, "loseEvery"),
                Boolean.parseBoolean(v.get("acks")), Boolean.parseBoolean(v.get("deflate")),
                Boolean.parseBoolean(v.get("retries")), i(v, "downSeconds"), i(v, "silentSeconds"),
                i(v, "refusedSeconds"), v.get("app"), v.get("appJava"), i(v, "starts"),
                Boolean.parseBoolean(v.get("heapDump")));
        if (o.warmupDrops > 0 && o.warmupSeconds / (o.warmupDrops + 1) < o.dropSeconds + 10) {
            throw new IllegalArgumentException("warmupDrops=" + o.warmupDrops + " leaves less than dropSeconds + 10 s"
                    + " between drops in a warm-up of " + o.warmupSeconds + " s");
        }
        return o;
    }

    private static Map<String, String> defaults(String scenario) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("target", "ours");
        // Native Memory Tracking (summary) lets the run report native memory per connection; its cost is a few
        // percent of malloc-heavy work, the same in every run. The collector and initial heap are the container
        // image's (deploy/base/deployment.yaml, JAVA_OPTS)
        v.put("appJvmOpts", "-Xmx512m -Xms64m -XX:+UseSerialGC -XX:NativeMemoryTracking=summary");
        // the packaged application (its quarkus-run.jar) and the java that runs it (empty: the harness's own);
        // bench/run aot-app builds target/aot-app with its cache for a JDK 25
        v.put("app", "target/quarkus-app");
        v.put("appJava", "");
        // bench/run start: how many restarts it times
        v.put("starts", "5");
        // ours: heap-connected.hprof in the run's directory once the screens are connected, to find what holds
        // an idle connection's memory (bench/run heap-owners reads it)
        v.put("heapDump", "false");
        v.put("seed", Long.toString(System.nanoTime() % 1_000_000));
        v.put("results", "bench/results");
        // self-test of the checks: each screen throws away every Nth diff it receives (0: none), so the run
        // must fail with lost diffs; proves the counters are not vacuous
        v.put("loseEvery", "0");
        // screens acknowledge what they applied, as the real ones do (docs/protocol.md, "Acknowledgements");
        // acks=false measures the cost of acknowledgements by leaving them out
        v.put("acks", "true");
        // screens offer permessage-deflate as every browser does; the summary counts the connections that got it
        v.put("deflate", "false");
        // the steady-state target: 1,000 locations x 10 screens, 1,000 commands/s, no screens dropped
        v.put("locations", "1000");
        v.put("screensPerLocation", "10");
        v.put("connectRate", "1000");
        v.put("rate", "1000");
        v.put("warmup", "30");
        // the resync's drop (dropScreens for dropSeconds) this many times, spread over the warm-up: screens go off
        // Wi-Fi now and then through an evening, so the resync phase measures code the JIT has compiled, not code
        // that has not run since the start
        v.put("warmupDrops", "0");
        v.put("duration", "60");
        v.put("dropScreens", "0");
        v.put("dropSeconds", "0");
        v.put("stormFraction", "0");
        v.put("stormSeconds", "0");
        // commands as a POS sends them when the database may be away: one at a time per location, each with an
        // Idempotency-Key, sent again with it after a 503 or no answer until it is taken (the faults scenario)
        v.put("retries", "false");
        // the faults scenario's fault lengths: PostgreSQL down, silent, refusing writes
        v.put("downSeconds", "30");
        v.put("silentSeconds", "10");
        v.put("refusedSeconds", "5");
        switch (scenario) {
            case "load" -> {
            }
            // proves the harness and the correctness counters, with a small resync and a small storm (10% of the
            // screens at once), so that CI runs every phase; asserts no timing
            case "smoke" -> {
                v.put("locations", "20");
                v.put("connectRate", "500");
                v.put("rate", "50");
                v.put("warmup", "0");
                v.put("duration", "20");
                v.put("dropScreens", "20");
                v.put("dropSeconds", "3");
                v.put("stormFraction", "0.10");
                v.put("stormSeconds", "3");
            }
            // steady state, then 100 screens away for 30 s, then 10% of all screens at once, all under load
            case "full" -> {
                v.put("dropScreens", "100");
                v.put("dropSeconds", "30");
                v.put("stormFraction", "0.10");
                v.put("stormSeconds", "30");
            }
            // the scaling check: the same fan-out (10 screens a location) and command rate at several sizes
            // (bench/run scaling runs it at 100, then 1,000 locations); some screens away for 30 s in each
            case "scaling" -> {
                v.put("locations", "100");
                v.put("rate", "50");
                v.put("warmup", "30");
                v.put("duration", "30");
                v.put("dropScreens", "50");
                v.put("dropSeconds", "30");
            }
            // bench/run memory: ready time, RSS after the first requests and memory per idle connection (2,000
            // screens offering permessage-deflate, as browsers do, 10 a location as at the target; then 2,000
            // more); a few seconds of light load only to end the run through the usual checks. Run it several
            // times: one reading is not a figure, and with 1,000 screens the spread between runs was 2 KB a screen
            case "memory" -> {
                v.put("locations", "200");
                v.put("deflate", "true");
                v.put("rate", "10");
                v.put("warmup", "0");
                v.put("duration", "5");
            }
            // bench/run faults: a command stream and screens while PostgreSQL restarts, is down, goes silent and
            // refuses writes, in turn (Faults); duration is the quiet stretch before the first fault
            case "faults" -> {
                v.put("locations", "10");
                v.put("screensPerLocation", "5");
                v.put("rate", "20");
                v.put("warmup", "0");
                v.put("duration", "10");
                v.put("retries", "true");
            }
            // bench/run start: restarts of the application against a migrated database, each timed to ready, with
            // the CPU used by then and the RSS after its first request; no Native Memory Tracking, which costs RSS
            case "start" -> v.put("appJvmOpts", "-Xmx512m -Xms64m -XX:+UseSerialGC");
            default -> throw new IllegalArgumentException("unknown scenario " + scenario
                    + " (smoke, load, full, scaling, faults, memory, start)");
        }
        return v;
    }

    private static int i(Map<String, String> v, String key) {
        return Integer.parseInt(v.get(key));
    }

    int screens() {
        return locations * screensPerLocation;
    }
}
