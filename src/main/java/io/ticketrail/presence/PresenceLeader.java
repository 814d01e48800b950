package io.ticketrail.presence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ticketrail.config.DirectConnections;
import org.jboss.logging.Logger;

/**
 * One instance evaluates the alarms and prints: the one holding a PostgreSQL session advisory lock on its own
 * connection (never pooled, like the LISTEN connection). The lock goes with the session, so a leader that dies or
 * loses its connection hands over within one evaluation period. Raising stays idempotent anyway (AlarmService),
 * so even two leaders for a moment could not raise one alarm twice.
 */
@ApplicationScoped
public class PresenceLeader {

    public static final String APPLICATION_NAME = "ticketrail-presence";
    private static final Logger LOG = Logger.getLogger(PresenceLeader.class);

    @Inject
    DirectConnections direct;

    @Inject
    PresenceConfig config;

    private Connection connection;
    private boolean leading;

    /** True while this instance leads; tries to become the leader when it is not. Called by one thread. */
    synchronized boolean lead() {
        try {
            if (connection == null || !connection.isValid(2)) {
                release();
                connection = direct.open(APPLICATION_NAME);
            }
            if (!leading) {
                try (PreparedStatement statement =
                        connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                    statement.setString(1, config.leaderLock());
                    try (ResultSet rs = statement.executeQuery()) {
                        leading = rs.next() && rs.getBoolean(1);
                    }
                }
                if (leading) {
                    LOG.info("This instance now evaluates screen presence and alarms");
                }
            }
            return leading;
        } catch (SQLException e) {
            LOG.warnf("Presence leadership lost or not reachable: %s", e.getMessage());
            release();
            return false;
        }
    }

    @PreDestroy
    synchronized void release() {
        leading = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken connection; the lock went with its session
            }
            connection = null;
        }
    }
}
