package io.ticketrail.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Readiness: can this instance reach PostgreSQL? Asked on a connection of its own, never a pooled one: a pool busy
 * with a rush of orders would make the probe wait for a free connection and fail it, on every pod at once, which
 * takes the whole service out of the Service's endpoints when it is busiest. One extra connection per pod (counted
 * in deploy/README.md), reopened when it breaks; each check answers within {@link #TIMEOUT}, below the probe's 2 s.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    /** application_name of the check's connection, so operators find it in pg_stat_activity. */
    public static final String APPLICATION_NAME = "ticketrail-readiness";

    static final String NAME = "Database";

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class);

    @Inject
    DirectConnections direct;

    private Connection connection;

    @Override
    public synchronized HealthCheckResponse call() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = direct.open(APPLICATION_NAME, TIMEOUT);
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) TIMEOUT.toSeconds());
                statement.execute("select 1");
            }
            return HealthCheckResponse.up(NAME);
        } catch (SQLException e) {
            LOG.debugf("Readiness: database not reachable: %s", e.getMessage());
            closeQuietly();
            return HealthCheckResponse.named(NAME)
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a broken readiness connection failed", e);
            }
            connection = null;
        }
    }
}
