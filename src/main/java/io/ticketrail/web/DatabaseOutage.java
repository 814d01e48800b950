package io.ticketrail.web;

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
import java.util.Set;

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
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable e = pending.pop();
            if (!seen.add(e)) {
                continue;
            }
            if (e instanceof SQLTransientConnectionException
                    || e instanceof SQLNonTransientConnectionException
                    || e instanceof ConnectException
                    || e instanceof SocketTimeoutException
                    || e instanceof SocketException) {
                return true;
            }
            if (e instanceof SQLException sql && unavailable(sql)) {
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
        if (state != null) {
            return state.startsWith("08") || state.startsWith("53") || STATES.contains(state);
        }
        // Agroal's pool gives no SQLSTATE when no connection could be had within its acquisition timeout
        String message = e.getMessage();
        return message != null && message.contains("acquisition timeout");
    }
}
