package io.ticketrail.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The system under test, on loopback only: a throwaway PostgreSQL with durable commits, and either the packaged
 * application or the Node peer in a child process. Everything started here is stopped by {@link #close()}, and by
 * a shutdown hook if the run is interrupted.
 */
final class Servers implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final List<Process> children = new ArrayList<>();
    private Process server;
    private int httpPort;
    /** Where readiness answers: the application's management port, or the peer's own port. */
    private URI ready;
    /** The first manager of the throwaway database, made up per run; the generator signs in as it. */
    private final String managerPassword = "bench-" + java.util.UUID.randomUUID();
    private boolean appRunning;
    private long readyMillis;
    /** CPU the server had used when it became ready: on a shared machine a steadier start figure than the wall time. */
    private long readyCpuMicros;
    private boolean closed;

    private Servers(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "bench-servers-stop"));
    }

    static Servers startPostgres() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                // zonky turns durability off for test databases; the benchmark measures durable commits, as in
                // production and as the application's own embedded default runs
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        return new Servers(postgres);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    int postgresPort() {
        return postgres.getPort();
    }

    /** The packaged application in the prod profile; returns once /q/health/ready answers 200. */
    void startApp(Path repo, Options o, Path log) throws IOException, InterruptedException {
        startApp(repo, o, log, jdbcUrl());
    }

    /** The same, reaching PostgreSQL at {@code databaseUrl} (the faults scenario puts a proxy in between). */
    void startApp(Path repo, Options o, Path log, String databaseUrl) throws IOException, InterruptedException {
        httpPort = freePort();
        int managementPort = freePort();
        ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        List<String> cmd = new ArrayList<>();
        cmd.add(o.appJava().isBlank() ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : o.appJava());
        for (String opt : o.appJvmOpts().trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                cmd.add(opt);
            }
        }
        cmd.add("-Dquarkus.datasource.jdbc.url=" + databaseUrl);
        // the bench's throwaway PostgreSQL trusts local connections: a user is enough, no password exists
        cmd.add("-Dquarkus.datasource.username=postgres");
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + httpPort);
        // health and metrics are on the management interface in the prod profile
        cmd.add("-Dquarkus.management.host=127.0.0.1");
        cmd.add("-Dquarkus.management.port=" + managementPort);
        cmd.add("-Dticketrail.access.bootstrap.password=" + managerPassword);
        // one manager session drives the whole load: its per-session limit (50/s) would be the bottleneck
        cmd.add("-Dticketrail.access.limits.manager-per-second=0");
        // and it opens every screen's feed: thousands, where a person's session may open 16
        cmd.add("-Dticketrail.access.limits.connections-per-session=0");
        cmd.add("-jar");
        cmd.add(repo.resolve(o.app()).resolve("quarkus-run.jar").toString());
        start(cmd, repo.toFile(), log);
        appRunning = true;
    }

    /**
     * The Bearer token every request and screen of the generator sends: a manager session on ours (every location,
     * every view), none for the peers, which have no access control. Ours thus also pays for checking a
     * credential on each request (from its 5 s cache) and each upgrade.
     */
    String credential() throws IOException, InterruptedException {
        if (!appRunning) {
            return null;
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = new io.vertx.core.json.JsonObject().put("username", "admin").put("password", managerPassword)
                .encode();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("signing in as the bench's manager failed: " + answer.statusCode());
        }
        return new io.vertx.core.json.JsonObject(answer.body()).getString("token");
    }

    /**
     * A Node peer ({@code server.js}: ws; {@code socketio.js}: Socket.IO) over the same database. Flyway has not run when only the peer runs, so the application is
     * started first by the caller to create the schema, then stopped.
     */
    void startPeer(Path repo, String script, Path log) throws IOException, InterruptedException {
        httpPort = freePort();
        ready = URI.create(baseUrl() + "/q/health/ready");
        List<String> cmd = List.of("node", repo.resolve("bench/peer").resolve(script).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.resolve("bench/peer").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PORT", Integer.toString(httpPort));
        pb.environment().put("PGPORT", Integer.toString(postgres.getPort()));
        pb.environment().put("PGHOST", "127.0.0.1");
        pb.environment().put("PGUSER", "postgres");
        pb.environment().put("PGPASSWORD", "postgres");
        pb.environment().put("PGDATABASE", "postgres");
        long started = System.nanoTime();
        server = pb.start();
        children.add(server);
        awaitReady(started);
    }

    private void start(List<String> cmd, File dir, Path log) throws IOException, InterruptedException {
        long started = System.nanoTime();
        server = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(server);
        awaitReady(started);
    }

    private void awaitReady(long started) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = started + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + " during start");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    readyCpuMicros = Proc.cpuMicros(server.pid());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server was not ready within 120 s");
    }

    void stopServer() throws InterruptedException {
        appRunning = false;
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        server = null;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    int httpPort() {
        return httpPort;
    }

    long serverPid() {
        return server.pid();
    }

    long readyMillis() {
        return readyMillis;
    }

    long readyCpuMillis() {
        return readyCpuMicros / 1000;
    }

    /**
     * PostgreSQL's processes, postmaster first (found by its port, since pg_ctl detaches it from this JVM), then the
     * postmaster's children (backends, WAL writer, checkpointer).
     */
    List<Long> postgresPids() {
        String portArg = "-p\0" + postgres.getPort() + "\0";
        List<Long> pids = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            List<Path> all = procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList();
            for (Path d : all) {
                String cmdline = read(d.resolve("cmdline"));
                if (cmdline.contains("/bin/postgres\0") && cmdline.contains(portArg)) {
                    pids.add(Long.parseLong(d.getFileName().toString()));
                }
            }
            if (pids.size() == 1) {
                String postmaster = " " + pids.get(0) + " ";
                for (Path d : all) {
                    String stat = read(d.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    // field 4 of /proc/PID/stat, after the state letter, is the parent pid
                    if (close > 0 && stat.substring(close + 4).startsWith(postmaster.substring(1))) {
                        pids.add(Long.parseLong(d.getFileName().toString()));
                    }
                }
            }
        } catch (IOException e) {
            // /proc unreadable: PostgreSQL's CPU is reported as 0
        }
        return pids;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** The durability settings the server really runs with, as PostgreSQL reports them. */
    Map<String, String> durability() {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres")) {
            for (String name : List.of("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method")) {
                try (ResultSet rs = c.createStatement().executeQuery("show " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            settings.put("error", e.getMessage());
        }
        return settings;
    }

    /**
     * The live heap of the JVM under test, in bytes: GC.class_histogram runs a full GC first and its last line sums
     * what survived. -1 when jcmd cannot tell.
     */
    long liveHeapBytes() {
        for (String line : classHistogram()) {
            if (line.startsWith("Total")) {
                String[] f = line.trim().split("\\s+");
                return Long.parseLong(f[f.length - 1]);
            }
        }
        return -1;
    }

    /** A heap dump of the JVM under test, live objects only (a full GC first). */
    void heapDump(Path file) {
        jcmd("GC.heap_dump", file.toAbsolutePath().toString());
    }

    /** jcmd GC.class_histogram of the JVM under test (after a full GC): one line per class, then "Total". */
    List<String> classHistogram() {
        return jcmd("GC.class_histogram");
    }

    /**
     * Native memory the JVM under test has committed, in bytes, by Native Memory Tracking category ("Total",
     * "Other" (NIO direct buffers, where Netty's pooled socket buffers live), "Thread", ...); empty unless it runs
     * with -XX:NativeMemoryTracking=summary (the default appJvmOpts do).
     */
    Map<String, Long> nativeCommittedBytes() {
        Map<String, Long> committed = new LinkedHashMap<>();
        Pattern total = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");
        Pattern category =
                Pattern.compile("^-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
        for (String line : jcmd("VM.native_memory", "summary")) {
            Matcher m = total.matcher(line.trim());
            if (m.find()) {
                committed.put("Total", Long.parseLong(m.group(1)) * 1024);
                continue;
            }
            m = category.matcher(line.trim());
            if (m.find()) {
                committed.put(m.group(1).trim(), Long.parseLong(m.group(2)) * 1024);
            }
        }
        return committed;
    }

    /** Runs jcmd against the server and returns its output lines; empty on any failure. */
    private List<String> jcmd(String... command) {
        try {
            List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(server.pid())));
            args.addAll(List.of(command));
            Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
            List<String> lines = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            jcmd.waitFor(60, TimeUnit.SECONDS);
            return lines;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }
        }
        children.clear();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
