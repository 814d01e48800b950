package io.ticketrail.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.ticketrail.web.DatabaseHealth;
import io.ticketrail.web.DatabaseOutage;
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
@Singleton
public class DatabaseReadiness implements HealthCheck {

    /** application_name of the check's connection, so operators find it in pg_stat_activity. */
    public static final String APPLICATION_NAME = "ticketrail-readiness";

    static final String NAME = "Database";

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class);

    @Inject
    DirectConnections direct;

    @Inject
    DatabaseHealth health;

    private Connection connection;

    /**
     * The same check every second whether a probe asks or not: it is how this instance learns that PostgreSQL went
     * away (requests then answer 503 at once, web/DatabaseFastFail) and that it came back.
     */
    @Scheduled(every = "${ticketrail.database.check-every:1s}", concurrentExecution = ConcurrentExecution.SKIP)
    void watch() {
        call();
    }

    @Override
    public synchronized HealthCheckResponse call() {
        boolean reused = connection != null;
        try {
            roundTrip();
        } catch (SQLException e) {
            closeQuietly();
            // a connection that broke since the last check (a restarted server, a terminated backend) says nothing
            // about the next one; a timeout does, and a second try would take the probe past its deadline
            if (!reused || DatabaseOutage.anyTimeout(e)) {
                return down(e);
            }
            try {
                roundTrip();
            } catch (SQLException again) {
                closeQuietly();
                return down(again);
            }
        }
        health.reachable();
        return HealthCheckResponse.up(NAME);
    }

    private void roundTrip() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = direct.open(APPLICATION_NAME, TIMEOUT);
        }
        // no query timeout: the connection's socket timeout (TIMEOUT) bounds the round trip, while a query timeout's
        // cancel request to a silent server held the check for pgjdbc's cancelSignalTimeout (10 s): DatabaseFaultsIT
        try (Statement statement = connection.createStatement()) {
            statement.execute("select 1");
        }
    }

    private HealthCheckResponse down(SQLException e) {
        LOG.debugf("Readiness: database not reachable: %s", e.getMessage());
        // a single timed-out check is not an outage (DatabaseHealth.checkFailed): still ready, with the reason shown
        return HealthCheckResponse.named(NAME)
                .status(!health.checkFailed(e))
                .withData("error", String.valueOf(e.getMessage()))
                .build();
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
