package io.ticketrail.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
        Begin begin = Begin.NOT_YET;
    }

    /** Where the local transaction's BEGIN is: the body's first statement goes after it, in the same round trip. */
    private enum Begin {
        NOT_YET,
        QUEUED,
        /** Sent: PostgreSQL holds a transaction (or a failed one) that COMMIT or ROLLBACK must end. */
        SENT
    }

    private final ThreadLocal<Held> held = ThreadLocal.withInitial(Held::new);

    /**
     * Runs {@code body} in a transaction of its own on one pool connection, begun and ended by BEGIN, COMMIT and
     * ROLLBACK statements of its own on a connection left in autocommit, rather than as a JTA transaction:
     * Narayana's begin, enlistment and commit were a sixth of a writer lane's CPU (docs/performance.md, "A writer
     * lane's transaction without JTA"). A body that makes no statement sends none. Every statement the body makes
     * through this class runs on that connection, so the body must not start another transaction on this thread
     * and make statements in it. Hibernate, if the body uses it, reads on a connection of its own, outside this
     * transaction. Not to be called inside a JTA transaction, whose connection the pool would hand it. The body
     * closes every statement it opens (the pool does not track them).
     *
     * @throws DatabaseOutage.CommitFailedException when COMMIT failed: PostgreSQL refused it and rolled back, or
     *     the connection was lost and nobody knows (DatabaseOutage.commitOutcomeUnknown). When COMMIT went with the
     *     deferred writes, a refusal is a {@link DatabaseException}, as a write's would be, and only a lost
     *     connection a CommitFailedException.
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
        Begin begin = Begin.NOT_YET;
        try {
            // the body's statements go to the driver's own connection: the pool's wrapper checks for a JTA
            // transaction to enlist in on every statement it prepares (there is none here) and wraps every
            // statement and result set; commit, rollback and close still go through the pool, which is what sees
            // a broken connection (its exception sorter) and takes it back
            box.connection = connection.unwrap(Connection.class);
            T result;
            boolean committed;
            try {
                result = body.get();
                committed = sendDeferredWithCommit(box);
            } finally {
                begin = box.begin;
                box.connection = null;
                box.deferred = null;
                box.begin = Begin.NOT_YET;
            }
            if (!committed && begin == Begin.SENT) {
                try {
                    execute(connection, "commit");
                } catch (SQLException e) {
                    throw new DatabaseOutage.CommitFailedException(e);
                }
            }
            return result;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        } catch (RuntimeException | Error failure) {
            if (begin == Begin.SENT) {
                rollbackAfter(connection, failure);
            }
            throw failure;
        } finally {
            // after a commit nothing may fail the command: the connection only goes back to the pool
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
            execute(connection, "rollback");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** A transaction's end, through the pool's wrapper, whose exception sorter takes back a broken connection. */
    private static void execute(Connection connection, String statement) throws SQLException {
        try (Statement end = connection.createStatement()) {
            end.execute(statement);
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
                if (box.begin == Begin.NOT_YET) {
                    queued(box); // BEGIN in a round trip of its own: no command makes this its first statement
                }
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
     * transaction's next statement or with its COMMIT, so every statement still sees the writes made before it and
     * nothing commits without them: wake-ups of a writer lane fewer per command (docs/performance.md, "Round
     * trips and wake-ups"). Outside one it runs at once. A write that must touch a given number of rows says so in
     * its statement (ticketrail_expect_rows).
     *
     * @throws DatabaseException when it runs at once and fails
     */
    public void defer(String sql, RoundTrip.Part part) {
        Held box = held.get();
        if (box.connection == null) {
            run(connection -> new RoundTrip().add(sql, part).execute(connection));
            return;
        }
        queued(box).add(sql, part);
    }

    /**
     * A read that can wait until the transaction's next statement: queued as {@link #defer} queues a write, it
     * travels with the writes and reads queued before and after it in one round trip, sent when one of them is
     * needed ({@link Pending#get()}) or before the next statement. A command queues its lock, its Idempotency-Key's
     * record and its order so, and reads all three in one round trip. Outside a local transaction it runs at once.
     *
     * @throws DatabaseException when it runs at once and fails
     */
    public <T> Pending<T> readLater(String sql, RoundTrip.Part part, Pending.Reader<T> reader) {
        Held box = held.get();
        Pending<T> pending = new Pending<>(reader, () -> sendDeferred(box));
        if (box.connection == null) {
            run(connection -> new RoundTrip().read(sql, part, pending).execute(connection));
        } else {
            queued(box).read(sql, part, pending);
        }
        return pending;
    }

    /**
     * The round trip that goes next, with BEGIN at its head when the transaction has sent nothing yet. BEGIN is a
     * statement of the round trip rather than the driver's own (autocommit off), which it sends ahead as a simple
     * query flushed on its own: a write to the socket and a wake-up of PostgreSQL more per transaction, 2.6% of the
     * samples (docs/performance.md, "BEGIN in the first round trip").
     */
    private static RoundTrip queued(Held box) {
        if (box.deferred == null) {
            box.deferred = new RoundTrip();
        }
        if (box.begin == Begin.NOT_YET) {
            box.deferred.add("begin", RoundTrip.NO_PARAMETERS);
            box.begin = Begin.QUEUED;
        }
        return box.deferred;
    }

    /**
     * Sends what is queued with COMMIT at its end, one round trip fewer per command; answers false when nothing
     * was queued. PostgreSQL runs the COMMIT only if every part before it succeeded: a refusal it sends back (a
     * write's or the COMMIT's) means it rolled back, while a connection lost on the way leaves the outcome unknown,
     * as with a COMMIT of its own.
     */
    private static boolean sendDeferredWithCommit(Held box) {
        RoundTrip deferred = box.deferred;
        if (deferred == null) {
            return false;
        }
        box.deferred = null;
        box.begin = Begin.SENT;
        try {
            deferred.add("commit", RoundTrip.NO_PARAMETERS).execute(box.connection);
            return true;
        } catch (SQLException e) {
            DatabaseOutage.CommitFailedException lost = new DatabaseOutage.CommitFailedException(e);
            if (DatabaseOutage.commitOutcomeUnknown(lost)) {
                throw lost;
            }
            throw new DatabaseException(e);
        }
    }

    private static void sendDeferred(Held box) {
        RoundTrip deferred = box.deferred;
        if (deferred == null) {
            return;
        }
        box.deferred = null;
        box.begin = Begin.SENT;
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
