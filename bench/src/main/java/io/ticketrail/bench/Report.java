package io.ticketrail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A run's result.json, summary.md and latency.png; and the comparison of several runs (ours against the peer). */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99, 100};
    private static final String[] LABELS = {"p50", "p75", "p90", "p95", "p99", "p99.9", "p99.99", "max"};

    private Report() {
    }

    static void write(Path dir, String runId, Options o, Map<String, Object> facts, List<Phase> phases, Checks checks)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", runId);
        root.put("scenario", o.scenario());
        root.put("target", o.target());
        root.set("options", JSON.valueToTree(o));
        ObjectNode machine = root.putObject("machine");
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("kernel", System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.version"));
        root.set("facts", JSON.valueToTree(facts));
        ArrayNode ps = root.putArray("phases");
        for (Phase p : phases) {
            ps.add(phase(p));
        }
        root.set("correctness", JSON.valueToTree(checks.counters()));
        root.set("observations", JSON.valueToTree(checks.facts()));
        root.put("correctnessTotal", checks.total());
        JSON.writeValue(dir.resolve("result.json").toFile(), root);
        Files.writeString(dir.resolve("summary.md"), summary(root));
        chart(dir.resolve("latency.png"), "Command to screen latency, " + runId, seriesOf(root));
    }

    private static ObjectNode phase(Phase p) {
        ObjectNode n = JSON.createObjectNode();
        double s = p.seconds();
        long deliveries = p.deliveries.sum();
        n.put("name", p.name);
        n.put("seconds", round(s));
        n.put("commandsSent", p.commandsSent.sum());
        n.put("commandsOk", p.commandsOk.sum());
        n.put("commandErrors", p.commandErrors.sum());
        n.put("commandsPerSecond", round(p.commandsOk.sum() / s));
        n.put("deliveries", deliveries);
        n.put("deliveriesPerSecond", round(deliveries / s));
        n.set("deliveryLatencyMs", percentiles(p.delivery));
        n.set("commandLatencyMs", percentiles(p.command));
        if (p.dropped > 0) {
            n.put("screensDropped", p.dropped);
            n.put("catchUps", p.catchUps.sum());
            n.put("snapshotFallbacks", p.snapshotFallbacks.sum());
            n.put("missedEntriesMean", round(p.missedEntries.sum() / (double) Math.max(1, p.catchUps.sum())));
            n.put("missedEntriesMax", p.maxMissedEntries.get());
            n.set("catchUpMs", percentiles(p.catchUp));
        }
        n.put("serverCpuMicrosPerDelivery", round(p.serverCpuMicros / (double) Math.max(1, deliveries)));
        n.put("serverCpuMicrosPerCommand", round(p.serverCpuMicros / (double) Math.max(1, p.commandsOk.sum())));
        long commands = Math.max(1, p.commandsOk.sum());
        ObjectNode byGroup = n.putObject("serverCpuMicrosPerCommandByGroup");
        p.serverCpuMicrosByGroup.forEach((group, micros) -> byGroup.put(group, round(micros / (double) commands)));
        long jitAndGc = p.serverCpuMicrosByGroup.getOrDefault("JIT", 0L) + p.serverCpuMicrosByGroup.getOrDefault("GC", 0L);
        n.put("serverCpuMicrosPerCommandWithoutJitAndGc", round((p.serverCpuMicros - jitAndGc) / (double) commands));
        n.put("serverCores", round(p.serverCpuMicros / 1e6 / s));
        n.put("postgresCores", round(p.postgresCpuMicros / 1e6 / s));
        n.put("generatorCores", round(p.benchCpuMicros / 1e6 / s));
        n.put("machineBusyCores", round(p.machineBusyMicros / 1e6 / s));
        n.put("loadAverageAtEnd", p.loadAverageAtEnd);
        return n;
    }

    private static ObjectNode percentiles(Histogram h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("count", h.getTotalCount());
        for (int i = 0; i < PERCENTILES.length; i++) {
            n.put(LABELS[i], h.getTotalCount() == 0 ? 0 : round(h.getValueAtPercentile(PERCENTILES[i]) / 1000.0));
        }
        return n;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String summary(JsonNode r) {
        StringBuilder md = new StringBuilder();
        JsonNode o = r.path("options");
        JsonNode f = r.path("facts");
        md.append("# Benchmark run ").append(r.path("runId").asText()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Target **%s**, scenario `%s`: %d locations x %d screens = %d screens, "
                + "%.0f commands/s open loop, warm-up %d s (%d drops in it), seed %d. Machine: %d CPUs, shared with other work "
                + "(1-min load average %.2f at start, %.2f at end).%n%n",
                r.path("target").asText(), r.path("scenario").asText(), o.path("locations").asInt(),
                o.path("screensPerLocation").asInt(), o.path("locations").asInt() * o.path("screensPerLocation").asInt(),
                o.path("rate").asDouble(), o.path("warmupSeconds").asInt(), o.path("warmupDrops").asInt(),
                o.path("seed").asLong(), r.path("machine").path("cpus").asInt(), f.path("loadAverageAtStart").asDouble(),
                f.path("loadAverageAtEnd").asDouble()));
        md.append("| Setup | Value |\n|---|---|\n");
        md.append("| PostgreSQL durability | ").append(f.path("postgres").toString().replaceAll("[{}\"]", "")
                .replace(",", ", ")).append(" |\n");
        if (f.has("appReadyMillis")) {
            md.append("| application ready on a restart (process start to /q/health/ready) | ")
                    .append(f.path("appReadyMillis").asLong()).append(" ms, having used ")
                    .append(f.path("appCpuAtReadyMillis").asLong()).append(" ms of CPU |\n");
        }
        md.append("| application ready on its first start (empty database: migrations, first manager) | ")
                .append(f.path("appFirstStartReadyMillis").asLong()).append(" ms, having used ")
                .append(f.path("appFirstStartCpuAtReadyMillis").asLong()).append(" ms of CPU |\n");
        if (f.has("peerReadyMillis")) {
            md.append("| peer ready | ").append(f.path("peerReadyMillis").asLong()).append(" ms |\n");
        }
        md.append("| server RSS after creating the locations | ").append(mb(f.path("rssAfterFirstRequestsBytes")))
                .append(" |\n");
        md.append("| all screens connected and snapshotted | ").append(f.path("connectMillis").asLong())
                .append(" ms |\n");
        md.append("| server RSS per idle connection (median of 3 readings, each after a full GC) | ")
                .append(String.format(Locale.ROOT, "%.1f KB", f.path("rssPerIdleConnectionBytes").asDouble() / 1024))
                .append(" |\n");
        if (f.has("liveHeapPerIdleConnectionBytes")) {
            md.append(String.format(Locale.ROOT, "| per idle connection: live heap / native outside the heap / of which "
                    + "direct buffers (NMT) | %.1f KB / %.1f KB / %.1f KB |%n",
                    f.path("liveHeapPerIdleConnectionBytes").asDouble() / 1024,
                    f.path("nativePerIdleConnectionBytes").asDouble() / 1024,
                    f.path("directBuffersPerIdleConnectionBytes").asDouble() / 1024));
        }
        if (f.has("rssPerAddedIdleConnectionBytes")) {
            md.append(String.format(Locale.ROOT, "| per idle connection added to locations that have screens: RSS / live "
                    + "heap / direct buffers | %.1f KB / %.1f KB / %.1f KB |%n",
                    f.path("rssPerAddedIdleConnectionBytes").asDouble() / 1024,
                    f.path("liveHeapPerAddedIdleConnectionBytes").asDouble() / 1024,
                    f.path("directBuffersPerAddedIdleConnectionBytes").asDouble() / 1024));
        }
        md.append('\n');
        md.append("| Phase | s | commands/s | deliveries/s | latency p50 / p99 / p99.9 / max (ms) | command answer p50 / p99 (ms) "
                + "| server CPU-us per delivery | cores: server / PostgreSQL / generator / whole machine | load avg |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode p : r.path("phases")) {
            JsonNode l = p.path("deliveryLatencyMs");
            JsonNode c = p.path("commandLatencyMs");
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.1f / %.1f / %.1f / %.1f | %.1f / %.1f | %.1f "
                    + "| %.2f / %.2f / %.2f / %.2f | %.2f |%n", p.path("name").asText(), p.path("seconds").asDouble(),
                    p.path("commandsPerSecond").asDouble(), p.path("deliveriesPerSecond").asDouble(),
                    l.path("p50").asDouble(), l.path("p99").asDouble(), l.path("p99.9").asDouble(),
                    l.path("max").asDouble(), c.path("p50").asDouble(), c.path("p99").asDouble(),
                    p.path("serverCpuMicrosPerDelivery").asDouble(), p.path("serverCores").asDouble(),
                    p.path("postgresCores").asDouble(), p.path("generatorCores").asDouble(),
                    p.path("machineBusyCores").asDouble(), p.path("loadAverageAtEnd").asDouble()));
        }
        if (r.path("target").asText().equals("ours")) {
            md.append("\nServer CPU per answered command by thread group (us; /proc/PID/task/*/stat):\n\n| Phase |");
            Proc.THREAD_GROUPS.forEach(g -> md.append(' ').append(g).append(" |"));
            md.append(" all | without JIT and GC |\n|---|");
            Proc.THREAD_GROUPS.forEach(g -> md.append("---|"));
            md.append("---|---|\n");
            for (JsonNode p : r.path("phases")) {
                md.append("| ").append(p.path("name").asText()).append(" |");
                Proc.THREAD_GROUPS.forEach(g -> md.append(String.format(Locale.ROOT, " %.0f |",
                        p.path("serverCpuMicrosPerCommandByGroup").path(g).asDouble())));
                md.append(String.format(Locale.ROOT, " %.0f | %.0f |%n", p.path("serverCpuMicrosPerCommand").asDouble(),
                        p.path("serverCpuMicrosPerCommandWithoutJitAndGc").asDouble()));
            }
        }
        for (JsonNode p : r.path("phases")) {
            if (p.has("screensDropped")) {
                JsonNode cu = p.path("catchUpMs");
                md.append(String.format(Locale.ROOT, "%n**%s**: %d screens dropped, %d caught up %s, %d by "
                        + "snapshot; missed entries mean %.1f, max %d; new connection to caught up p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms.%n", p.path("name").asText(), p.path("screensDropped").asLong(),
                        p.path("catchUps").asLong(), r.path("target").asText().equals("socketio")
                                ? "by Socket.IO's connection state recovery" : "from the log",
                        p.path("snapshotFallbacks").asLong(),
                        p.path("missedEntriesMean").asDouble(), p.path("missedEntriesMax").asLong(),
                        cu.path("p50").asDouble(), cu.path("p99").asDouble(), cu.path("max").asDouble()));
            }
        }
        md.append("\n| Correctness counter | Count |\n|---|---|\n");
        r.path("correctness").fields().forEachRemaining(e -> md.append("| ").append(e.getKey()).append(" | ")
                .append(e.getValue().asLong()).append(" |\n"));
        md.append("\nObserved (not failures): ");
        List<String> obs = new ArrayList<>();
        r.path("observations").fields().forEachRemaining(e -> obs.add(e.getKey() + " " + e.getValue().asLong()));
        md.append(String.join(", ", obs)).append(".\n\n");
        md.append(r.path("correctnessTotal").asLong() == 0 ? "**All correctness counters are 0.**\n"
                : "**FAILED: some correctness counters are not 0.**\n");
        return md.toString();
    }

    private static String mb(JsonNode bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes.asDouble() / 1024 / 1024);
    }

    /** Series name to latency in ms at {@link #PERCENTILES}, from a result's phases. */
    private static Map<String, double[]> seriesOf(JsonNode r) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (JsonNode p : r.path("phases")) {
            JsonNode l = p.path("deliveryLatencyMs");
            if (l.path("count").asLong() > 0) {
                double[] y = new double[LABELS.length];
                for (int i = 0; i < LABELS.length; i++) {
                    y[i] = l.path(LABELS[i]).asDouble();
                }
                series.put(r.path("target").asText() + " " + p.path("name").asText(), y);
            }
        }
        return series;
    }

    private static void chart(Path file, String title, Map<String, double[]> series) throws IOException {
        if (series.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("percentile").yAxisTitle("latency (ms, log scale)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        series.forEach((name, y) -> {
            double[] floor = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                floor[i] = Math.max(0.01, y[i]);
            }
            chart.addSeries(name, List.of(LABELS), java.util.Arrays.stream(floor).boxed().toList())
                    .setMarker(SeriesMarkers.CIRCLE);
        });
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Medians per target over several runs, and peer/ours ratios, into comparison.md and comparison.png.
     * Runs are given as their directories (each with a result.json).
     */
    static void compare(Path out, List<Path> runs) throws IOException {
        Map<String, List<JsonNode>> byTarget = new TreeMap<>();
        List<JsonNode> inOrder = new ArrayList<>();
        for (Path run : runs) {
            JsonNode r = JSON.readTree(run.resolve("result.json").toFile());
            inOrder.add(r);
            byTarget.computeIfAbsent(r.path("target").asText(), t -> new ArrayList<>()).add(r);
        }
        String[][] metrics = {
                {"steady:deliveriesPerSecond", "deliveries/s"},
                {"steady:deliveryLatencyMs.p50", "latency p50 (ms)"},
                {"steady:deliveryLatencyMs.p99", "latency p99 (ms)"},
                {"steady:deliveryLatencyMs.p99.9", "latency p99.9 (ms)"},
                {"steady:commandLatencyMs.p99", "command answer p99 (ms)"},
                {"steady:serverCpuMicrosPerDelivery", "server CPU-us per delivery"},
                {"steady:serverCpuMicrosPerCommand", "server CPU-us per command"},
                {"steady:serverCpuMicrosPerCommandWithoutJitAndGc", "server CPU-us per command without JIT and GC (ours)"},
                {"steady:postgresCores", "PostgreSQL cores"},
                {"steady:machineBusyCores", "whole machine busy cores"},
                {"resync:missedEntriesMean", "resync: missed entries, mean"},
                {"resync:snapshotFallbacks", "resync: snapshot fallbacks"},
                {"resync:catchUpMs.p50", "resync: new connection to caught up p50 (ms)"},
                {"resync:catchUpMs.p99", "resync: new connection to caught up p99 (ms)"},
                {"storm:missedEntriesMean", "storm: missed entries, mean"},
                {"storm:snapshotFallbacks", "storm: snapshot fallbacks"},
                {"storm:catchUpMs.p50", "storm: new connection to caught up p50 (ms)"},
                {"storm:catchUpMs.p99", "storm: new connection to caught up p99 (ms)"},
                {"storm:deliveryLatencyMs.p99", "storm: live latency p99 (ms)"},
        };
        StringBuilder md = new StringBuilder("# Ours against the peers (medians; steady phase unless named)\n\n");
        md.append("| Metric |");
        byTarget.forEach((t, rs) -> md.append(" ").append(t).append(" (").append(rs.size()).append(" runs) |"));
        List<String> others = byTarget.keySet().stream().filter(t -> !t.equals("ours")).toList();
        others.forEach(t -> md.append(" ours / ").append(t).append(" |"));
        md.append("\n|---|");
        byTarget.keySet().forEach(t -> md.append("---|"));
        others.forEach(t -> md.append("---|"));
        md.append('\n');
        for (String[] m : metrics) {
            md.append("| ").append(m[1]).append(" |");
            Map<String, Double> medians = new LinkedHashMap<>();
            byTarget.forEach((t, rs) -> {
                double med = median(rs.stream().map(r -> phaseValue(r, m[0])).toList());
                medians.put(t, med);
                md.append(String.format(Locale.ROOT, " %.2f |", med));
            });
            Double ours = medians.get("ours");
            for (String t : others) {
                Double other = medians.get(t);
                md.append(ours != null && other != 0 && !other.isNaN() && !ours.isNaN()
                        ? String.format(Locale.ROOT, " %.2f |", ours / other) : " - |");
            }
            md.append('\n');
        }
        md.append(roundRatios(inOrder, byTarget.keySet()));
        md.append("\nSetup medians: ");
        List<String> setup = new ArrayList<>();
        byTarget.forEach((t, rs) -> setup.add(String.format(Locale.ROOT, "%s RSS per idle connection %.1f KB%s, "
                + "connect %.0f ms", t,
                median(rs.stream().map(r -> r.path("facts").path("rssPerIdleConnectionBytes").asDouble()).toList()) / 1024,
                rs.get(0).path("facts").has("liveHeapPerIdleConnectionBytes") ? String.format(Locale.ROOT,
                        " (live heap %.1f KB, native outside the heap %.1f KB)",
                        median(rs.stream().map(r -> r.path("facts").path("liveHeapPerIdleConnectionBytes").asDouble())
                                .toList()) / 1024,
                        median(rs.stream().map(r -> r.path("facts").path("nativePerIdleConnectionBytes").asDouble())
                                .toList()) / 1024) : "",
                median(rs.stream().map(r -> r.path("facts").path("connectMillis").asDouble()).toList()))));
        md.append(String.join("; ", setup)).append(".\n\nRuns: ");
        md.append(String.join(", ", runs.stream().map(p -> p.getFileName().toString()).toList())).append(".\n");
        Files.createDirectories(out);
        Files.writeString(out.resolve("comparison.md"), md.toString());
        Map<String, double[]> series = new LinkedHashMap<>();
        byTarget.forEach((t, rs) -> {
            double[] y = new double[LABELS.length];
            for (int i = 0; i < LABELS.length; i++) {
                String key = "deliveryLatencyMs." + LABELS[i];
                y[i] = median(rs.stream().map(r -> phaseValue(r, "steady:" + key)).toList());
            }
            series.put(t + " (median of " + rs.size() + ")", y);
        });
        chart(out.resolve("comparison.png"), "Command to screen latency, steady phase", series);
        System.out.println(md);
    }

    /**
     * Ours' CPU per command over each other target's in the same round (a run of ours and the run of the other that
     * follows it), and their median: the machine's speed drifts over tens of minutes (noisy neighbours), and a ratio
     * of two runs minutes apart moves less with it than the ratio of medians taken over the whole series.
     */
    private static String roundRatios(List<JsonNode> runs, Set<String> targets) {
        StringBuilder md = new StringBuilder();
        for (String other : targets) {
            if (other.equals("ours")) {
                continue;
            }
            List<Double> ratios = new ArrayList<>();
            JsonNode ours = null;
            for (JsonNode r : runs) {
                String target = r.path("target").asText();
                if (target.equals("ours")) {
                    ours = r;
                } else if (target.equals(other) && ours != null) {
                    ratios.add(phaseValue(ours, "steady:serverCpuMicrosPerCommand")
                            / phaseValue(r, "steady:serverCpuMicrosPerCommand"));
                    ours = null;
                }
            }
            if (!ratios.isEmpty()) {
                md.append(String.format(Locale.ROOT, "\nServer CPU per command, ours / %s within each round: %s "
                                + "(median %.2f).\n",
                        other,
                        String.join(", ", ratios.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList()),
                        median(ratios)));
            }
        }
        return md.toString();
    }

    /**
     * The scaling check: one row per run (same fan-out and command rate, more locations), and the ratio of the last
     * run to the first, into scaling.md.
     */
    static void scaling(Path out, List<Path> runs) throws IOException {
        List<JsonNode> rs = new ArrayList<>();
        for (Path run : runs) {
            rs.add(JSON.readTree(run.resolve("result.json").toFile()));
        }
        String[][] metrics = {
                {"steady:commandsPerSecond", "commands/s answered"},
                {"steady:deliveriesPerSecond", "deliveries/s"},
                {"steady:serverCpuMicrosPerCommand", "server CPU-us per command"},
                {"steady:serverCpuMicrosPerDelivery", "server CPU-us per delivery"},
                {"steady:serverCores", "server cores"},
                {"steady:postgresCores", "PostgreSQL cores"},
                {"steady:deliveryLatencyMs.p50", "latency p50 (ms)"},
                {"steady:deliveryLatencyMs.p99", "latency p99 (ms)"},
                {"resync:missedEntriesMean", "resync: missed entries, mean"},
                {"resync:snapshotFallbacks", "resync: snapshot fallbacks"},
                {"resync:catchUpMs.p50", "resync: new connection to caught up p50 (ms)"},
                {"resync:catchUpMs.p99", "resync: new connection to caught up p99 (ms)"},
                {"steady:loadAverageAtEnd", "1-min load average, end of steady"},
        };
        StringBuilder md = new StringBuilder("# Scaling: the same fan-out and command rate, more locations\n\n| Metric |");
        for (JsonNode r : rs) {
            JsonNode o = r.path("options");
            md.append(String.format(Locale.ROOT, " %s: %d x %d screens |", r.path("target").asText(),
                    o.path("locations").asInt(), o.path("screensPerLocation").asInt()));
        }
        md.append(" last / first |\n|---|");
        rs.forEach(r -> md.append("---|"));
        md.append("---|\n");
        for (String[] m : metrics) {
            md.append("| ").append(m[1]).append(" |");
            List<Double> values = rs.stream().map(r -> phaseValue(r, m[0])).toList();
            values.forEach(v -> md.append(String.format(Locale.ROOT, " %.2f |", v)));
            double first = values.get(0);
            double last = values.get(values.size() - 1);
            md.append(first != 0 && !Double.isNaN(first) && !Double.isNaN(last)
                    ? String.format(Locale.ROOT, " %.2f |", last / first) : " - |").append('\n');
        }
        md.append("\nRuns: ").append(String.join(", ", runs.stream().map(p -> p.getFileName().toString()).toList()))
                .append(".\n");
        Files.createDirectories(out);
        Files.writeString(out.resolve("scaling.md"), md.toString());
        System.out.println(md);
    }

    /** {@code phase:field} or {@code phase:object.field} of a result; NaN when the run had no such phase. */
    private static double phaseValue(JsonNode r, String spec) {
        String phase = spec.substring(0, spec.indexOf(':'));
        String path = spec.substring(spec.indexOf(':') + 1);
        for (JsonNode p : r.path("phases")) {
            if (p.path("name").asText().equals(phase)) {
                int dot = path.indexOf('.');
                JsonNode v = dot < 0 ? p.path(path) : p.path(path.substring(0, dot)).path(path.substring(dot + 1));
                return v.isMissingNode() ? Double.NaN : v.asDouble();
            }
        }
        return Double.NaN;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
