package io.ticketrail.web;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.transaction.xa.XAException;

/**
 * Tells a failure that says "PostgreSQL cannot be reached or cannot take writes right now" from a bug. The first
 * is a normal state in a kitchen's life (a failover, a node drain, a full disk) and earns a 503 that tells a POS
 * to retry with the same Idempotency-Key; only the second is an internal error.
 */
public final class DatabaseOutage {

    /**
     * SQLSTATEs of a database that is away or refusing work, not of a bad statement: connection exceptions
     * (class 08), insufficient resources (class 53: disk full, out of memory, too many connections), operator
     * intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now) and 25006, a read-only
     * transaction: what the old primary answers for a moment after a failover.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "25006");

    /** Seconds a client should wait before it retries: a switchover takes a few. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private DatabaseOutage() {}

    /**
     * True when the failure, or any failure under it, is the database being unavailable. Causes and suppressed
     * failures both count: Narayana reports a failed COMMIT as a RollbackException that carries the driver's
     * exception only as a suppressed XAException.
     */
    public static boolean causedBy(Throwable failure) {
        return anyUnder(failure, e -> connectionLost(e) || (e instanceof SQLException sql && unavailable(sql)));
    }

    /**
     * True when PostgreSQL refused a new connection or could not be connected to: it is away, as opposed to one
     * connection that broke (the next may work) or a refusal it sent back (a full disk, a read-only standby), where
     * reads still work. Not the pool's acquisition timeout: a pool busy with a rush of orders gives that too, and
     * must not turn every request away.
     */
    public static boolean noConnection(Throwable failure) {
        return anyUnder(
                failure,
                e -> e instanceof ConnectException
                        || (e instanceof SQLException sql
                                && ("08001".equals(sql.getSQLState())
                                        || "08004".equals(sql.getSQLState())
                                        || "57P03".equals(sql.getSQLState()))));
    }

    /**
     * True when the connection was lost while the database ran our COMMIT: it may have committed before the answer
     * was lost, or not. What COMMIT threw comes wrapped: in an XAException from Agroal under a JTA transaction, in a
     * CommitFailedException under a local one (the writer lanes', see TransactionConnection). A refusal PostgreSQL
     * sent back (a deferred check, a full disk) means it rolled back, a broken connection means nobody knows. A
     * connection lost before COMMIT (while flushing) has neither wrapper and certainly committed nothing.
     */
    public static boolean commitOutcomeUnknown(Throwable failure) {
        return anyUnder(
                failure,
                e -> (e instanceof XAException || e instanceof CommitFailedException)
                        && anyUnder(e, DatabaseOutage::connectionLost));
    }

    /** COMMIT of a local (plain JDBC) transaction failed; the driver's SQLException is the cause. */
    public static final class CommitFailedException extends RuntimeException {
        public CommitFailedException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** True when a read or a connect gave up waiting: the database may be there but silent. */
    public static boolean anyTimeout(Throwable failure) {
        return anyUnder(
                failure,
                e -> e instanceof SocketTimeoutException
                        || (e instanceof SQLException sql && "57014".equals(sql.getSQLState())));
    }

    /** The answer while the database is unavailable: retry shortly with the same key. */
    public static Problem unavailable() {
        return new Problem(
                "/problems/database-unavailable",
                "Database unavailable",
                503,
                "The kitchen server cannot reach its database right now. Retry shortly with the same "
                        + "Idempotency-Key: a command that did commit answers with its result, one that did "
                        + "not runs once.",
                List.of(),
                Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
    }

    /** The answer when the connection died during COMMIT: the retry with the same key is what settles it. */
    public static Problem outcomeUnknown() {
        return new Problem(
                "/problems/commit-outcome-unknown",
                "Commit outcome unknown",
                503,
                "The connection to the database was lost while this command committed: it may or may not have "
                        + "been applied. Retry with the same Idempotency-Key: if it was applied you get its "
                        + "result, otherwise it runs once.",
                List.of(),
                Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
    }

    private static boolean connectionLost(Throwable e) {
        if (e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException
                || e instanceof ConnectException
                || e instanceof SocketTimeoutException
                || e instanceof SocketException
                || e instanceof EOFException) {
            return true;
        }
        if (e instanceof SQLException sql) {
            String state = sql.getSQLState();
            // 57P01 and 57P02 come as FATAL: the server ends the session with them
            return state == null
                    ? acquisitionTimeout(sql)
                    : state.startsWith("08") || state.equals("57P01") || state.equals("57P02");
        }
        return false;
    }

    /** Agroal's pool gives no SQLSTATE when no connection could be had within its acquisition timeout. */
    private static boolean acquisitionTimeout(SQLException e) {
        return e.getSQLState() == null
                && e.getMessage() != null
                && e.getMessage().contains("acquisition timeout");
    }

    /** Whether {@code test} holds for the failure or any failure under it, by cause or suppression. */
    private static boolean anyUnder(Throwable failure, Predicate<Throwable> test) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable e = pending.pop();
            if (!seen.add(e)) {
                continue;
            }
            if (test.test(e)) {
                return true;
            }
            if (e.getCause() != null) {
                pending.push(e.getCause());
            }
            for (Throwable suppressed : e.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("53") || STATES.contains(state));
    }
}
