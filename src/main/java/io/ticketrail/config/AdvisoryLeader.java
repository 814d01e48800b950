package io.ticketrail.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jboss.logging.Logger;

/**
 * Leadership by a PostgreSQL session advisory lock on a connection of its own (never pooled, like the LISTEN
 * connection): the lock goes with the session, so a leader that dies or loses its connection hands over as soon
 * as another instance asks. One per role (the alarms, the webhooks), each with its own lock name.
 */
public final class AdvisoryLeader {

    /** What to do on the lock's connection once it is held (LISTEN, say); a failure ends the leadership. */
    @FunctionalInterface
    public interface OnLead {
        void accept(Connection connection) throws SQLException;
    }

    /** Work on the lock's connection; a failure ends the leadership. */
    @FunctionalInterface
    public interface OnConnection<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(AdvisoryLeader.class);

    private final DirectConnections direct;
    private final String applicationName;
    private final String lockName;
    private final String role;
    private final OnLead onLead;

    private Connection connection;
    /** Read without the monitor by workers that must stop once the lock is gone. */
    private volatile boolean leading;

    /**
     * @param applicationName the connection's name in pg_stat_activity
     * @param role what the leader does, for the log: "evaluates screen presence and alarms"
     */
    public AdvisoryLeader(
            DirectConnections direct, String applicationName, String lockName, String role, OnLead onLead) {
        this.direct = direct;
        this.applicationName = applicationName;
        this.lockName = lockName;
        this.role = role;
        this.onLead = onLead;
    }

    public boolean leading() {
        return leading;
    }

    /** True while this instance leads; tries to become the leader when it is not. */
    public synchronized boolean lead() {
        try {
            if (connection == null || !connection.isValid(2)) {
                release();
                connection = direct.open(applicationName);
            }
            if (!leading) {
                try (PreparedStatement statement =
                        connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
                    statement.setString(1, lockName);
                    try (ResultSet rs = statement.executeQuery()) {
                        leading = rs.next() && rs.getBoolean(1);
                    }
                }
                if (leading) {
                    onLead.accept(connection);
                    LOG.infof("This instance now %s", role);
                }
            }
            return leading;
        } catch (SQLException e) {
            LOG.warnf("Leadership (%s) lost or not reachable: %s", lockName, e.getMessage());
            release();
            return false;
        }
    }

    /** {@code work} on the lock's connection while leading; {@code otherwise} when not, or when it failed. */
    public synchronized <T> T onConnection(OnConnection<T> work, T otherwise) {
        if (!leading) {
            return otherwise;
        }
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            LOG.warnf("Leadership (%s) lost: %s", lockName, e.getMessage());
            release();
            return otherwise;
        }
    }

    public synchronized void release() {
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
