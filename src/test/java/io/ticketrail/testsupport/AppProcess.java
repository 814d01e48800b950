package io.ticketrail.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import static org.awaitility.Awaitility.await;

/**
 * Another Ticketrail instance, started from the packaged application ({@code target/quarkus-app}) in its own JVM,
 * in the prod profile (JSON logs, nothing embedded) against the test PostgreSQL. Its output goes to
 * {@code target/it-logs/<name>-<port>.log}; {@link TailOnFailure} prints the end of it when a test fails.
 */
public final class AppProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path LOGS = Path.of("target", "it-logs");
    /** Readiness includes Flyway and the first database round trip; a JVM start on a busy 2-core box. */
    private static final Duration START = Duration.ofSeconds(120);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Started and not yet closed: killed if the test JVM exits first, and their logs shown on a failure. */
    private static final Set<AppProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(AppProcess::close)));
    }

    private final String name;
    private final URI baseUri;
    private final URI managementUri;
    private final Path log;
    private final Process process;

    private AppProcess(String name, URI baseUri, URI managementUri, Path log, Process process) {
        this.name = name;
        this.baseUri = baseUri;
        this.managementUri = managementUri;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts an instance on a free port and waits until it is ready.
     *
     * @param settings system properties on top of the datasource and port, such as a short ping interval
     */
    public static AppProcess start(String name, Map<String, String> settings) {
        AppProcess app = launch(name, settings);
        app.awaitReady();
        return app;
    }

    /** Starts an instance without waiting; call {@link #awaitReady()} (lets several start at once). */
    public static AppProcess launch(String name, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the ITs through `mvnw verify`");
        }
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> properties = new TreeMap<>(Map.of(
                "quarkus.http.port",
                Integer.toString(port),
                "quarkus.http.host",
                "127.0.0.1",
                // the packaged application serves health and metrics on the management interface, as in production
                "quarkus.management.port",
                Integer.toString(managementPort),
                "quarkus.management.host",
                "127.0.0.1",
                "quarkus.datasource.jdbc.url",
                // a test with a database of its own sets it; the shared one may not be running then
                settings.containsKey("quarkus.datasource.jdbc.url")
                        ? settings.get("quarkus.datasource.jdbc.url")
                        : PostgresResource.jdbcUrl(),
                // no password: the test PostgreSQL trusts local connections, and an instance must start without one
                // (passwordless setups such as client certificates); the in-JVM instance uses a password
                "quarkus.datasource.username",
                "postgres"));
        properties.putAll(settings);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // small and quick to start: these instances serve a few screens each
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + "-" + port + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            AppProcess app = new AppProcess(
                    name,
                    URI.create("http://127.0.0.1:" + port + "/"),
                    URI.create("http://127.0.0.1:" + managementPort + "/"),
                    log,
                    process);
            RUNNING.add(app);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    public void awaitReady() {
        try {
            await(name + " ready")
                    .atMost(START)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue());
                        }
                        return ready();
                    });
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " did not become ready; its log ends with:\n" + logTail(40), e);
        }
    }

    public String name() {
        return name;
    }

    public URI baseUri() {
        return baseUri;
    }

    /** Health and metrics: the management interface (port 9000 in production). */
    public URI managementUri() {
        return managementUri;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What Kubernetes sends a pod it replaces (Process.destroy is SIGTERM on Linux). */
    public void sigterm() {
        process.destroy();
    }

    /** Waits for the exit; returns the exit code, or fails when the process outlives the timeout. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        name + " still running after " + timeout + "; its log ends with:\n" + logTail(40));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of the instance's output. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the instance if it still runs; safe to call twice. */
    @Override
    public void close() {
        RUNNING.remove(this);
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + "@" + baseUri;
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(managementUri.resolve("q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints the end of every running instance's log when a test fails, before @AfterAll kills them. */
    public static final class TailOnFailure implements TestWatcher {

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            RUNNING.forEach(app -> System.err.printf(
                    "---- %s (%s), last lines of its log:%n%s%n", app.name, app.log.toAbsolutePath(), app.logTail(40)));
        }
    }
}
