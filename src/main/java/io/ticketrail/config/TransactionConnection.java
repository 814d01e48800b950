package io.ticketrail.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import io.quarkus.arc.ClientProxy;
import io.ticketrail.web.DatabaseOutage;
import org.jboss.logging.Logger;

/**
 * Plain JDBC without a Hibernate session, on the connection of the transaction at hand: a local transaction's
 * ({@link #inLocalTransaction}: the command path's, docs/performance.md, "A command without the Hibernate session"),
 * else the current JTA transaction's, which the pool hands every caller in that transaction (Hibernate's too),
 * and closing the handle returns it only when the transaction ends.
 */
@Singleton
public class TransactionConnection {

    private static final Logger LOG = Logger.getLogger(TransactionConnection.class);

    /** Work on the connection that answers a value. */
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Work on the connection that answers nothing. */
    public interface VoidWork {
        void on(Connection connection) throws SQLException;
    }

    @Inject
    DataSource dataSource;

    @Inject
    TransactionManager transactions;

    /** The pool itself, not its client proxy, which looks the bean up on every call (once a transaction). */
    @PostConstruct
    void unwrapPool() {
        dataSource = ClientProxy.unwrap(dataSource);
    }

    /**
     * This thread's local transaction, if any: its connection and the writes it deferred, in a box each thread
     * keeps: setting and removing a thread-local per transaction (its map probed and cleaned each time) cost more
     * than the box's writes.
     */
    private static final class Held {
        Connection connection;
        RoundTrip deferred;
    }

    private final ThreadLocal<Held> held = ThreadLocal.withInitial(Held::new);

    /**
     * Runs {@code body} in a transaction of its own on one pool connection, begun and ended with JDBC's commit and
     * rollback rather than as a JTA transaction: Narayana's begin, enlistment and commit were a sixth of a writer
     * lane's CPU (docs/performance.md, "A writer lane's transaction without JTA"). Every statement the body makes
     * through this class runs on that connection, so the body must not start another transaction on this thread
     * and make statements in it. Hibernate, if the body uses it, reads on a connection of its own, outside this
     * transaction. Not to be called inside a JTA transaction, whose connection the pool would hand it. The body
     * closes every statement it opens (the pool does not track them).
     *
     * @throws DatabaseOutage.CommitFailedException when COMMIT failed: PostgreSQL refused it and rolled back, or
     *     the connection was lost and nobody knows (DatabaseOutage.commitOutcomeUnknown)
     */
    public <T> T inLocalTransaction(Supplier<T> body) {
        Held box = held.get();
        if (box.connection != null || inJtaTransaction()) {
            throw new IllegalStateException("A local transaction cannot run inside another transaction");
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        try {
            connection.setAutoCommit(false);
            // the body's statements go to the driver's own connection: the pool's wrapper checks for a JTA
            // transaction to enlist in on every statement it prepares (there is none here) and wraps every
            // statement and result set; commit, rollback and close still go through the pool, which is what sees
            // a broken connection (its exception sorter) and takes it back
            box.connection = connection.unwrap(Connection.class);
            T result;
            try {
                result = body.get();
                // a deferred write that fails is a statement's failure, not the commit's: it rolls back below
                sendDeferred(box);
            } finally {
                box.connection = null;
                box.deferred = null;
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                throw new DatabaseOutage.CommitFailedException(e);
            }
            return result;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        } catch (RuntimeException | Error failure) {
            rollbackAfter(connection, failure);
            throw failure;
        } finally {
            // after a commit nothing may fail the command: the pool resets autocommit and checks the connection
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("Returning a connection to the pool failed: %s", e.getMessage());
            }
        }
    }

    private boolean inJtaTransaction() {
        try {
            return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rolls back what the body did; a failed rollback (a lost connection) is noted on the failure. */
    private static void rollbackAfter(Connection connection, Throwable failure) {
        if (failure instanceof DatabaseOutage.CommitFailedException) {
            return; // PostgreSQL ended the transaction, or the connection is gone
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Runs {@code work} on the transaction's connection.
     *
     * @throws DatabaseException carrying the driver's SQLException as its cause, which is what DatabaseOutage reads
     */
    public <T> T call(Work<T> work) {
        Held box = held.get();
        Connection connection = box.connection;
        try {
            if (connection != null) {
                sendDeferred(box);
                return work.on(connection);
            }
            try (Connection handle = dataSource.getConnection()) {
                return work.on(handle);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public void run(VoidWork work) {
        call(connection -> {
            work.on(connection);
            return null;
        });
    }

    /**
     * A write whose outcome the command does not read back (an update, an insert, an append): in a local
     * transaction it waits, and goes with the other writes deferred meanwhile in one round trip just before the
     * transaction's next statement or its commit, so every statement still sees the writes made before it and
     * nothing commits without them: two wake-ups of a writer lane fewer per command (docs/performance.md, "Round
     * trips and wake-ups"). Outside one it runs at once. {@code check} sees its update count, and fails
     * the transaction by throwing.
     *
     * @throws DatabaseException when it runs at once and fails
     */
    public void defer(String sql, RoundTrip.Part part, RoundTrip.Check check) {
        Held box = held.get();
        if (box.connection == null) {
            run(connection -> new RoundTrip().add(sql, part, check).execute(connection));
            return;
        }
        if (box.deferred == null) {
            box.deferred = new RoundTrip();
        }
        box.deferred.add(sql, part, check);
    }

    public void defer(String sql, RoundTrip.Part part) {
        defer(sql, part, RoundTrip.ANY_COUNT);
    }

    private static void sendDeferred(Held box) {
        RoundTrip deferred = box.deferred;
        if (deferred == null) {
            return;
        }
        box.deferred = null;
        try {
            deferred.execute(box.connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** A statement of the command path failed; the transaction will roll back. */
    public static final class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
