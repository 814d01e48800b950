package io.ticketrail.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Plain JDBC on the current JTA transaction's connection, without opening a Hibernate session: the pool hands every
 * caller in one transaction the same enlisted connection (Hibernate's, if the transaction also uses the session),
 * and closing the handle returns it only when the transaction ends. The command path runs all its statements
 * this way (docs/performance.md, "A command without the Hibernate session").
 */
@ApplicationScoped
public class TransactionConnection {

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

    /** The handle {@link #holding} took for this thread's transaction, if any. */
    private final ThreadLocal<Connection> held = new ThreadLocal<>();

    /**
     * Runs {@code body}, in a transaction, with one pool handle for every statement it makes on this thread. Each
     * handle is a lookup of the transaction's connection and a new wrapper in the pool; a command takes about ten
     * (docs/performance.md, "Commands on the event loop, one pool handle per transaction"). The body must not start
     * another transaction on this thread and make statements in it: they would run on this one's connection.
     */
    public <T> T holding(Supplier<T> body) {
        if (held.get() != null) {
            return body.get();
        }
        try (Connection connection = dataSource.getConnection()) {
            held.set(connection);
            try {
                return body.get();
            } finally {
                held.remove();
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * Runs {@code work} on the transaction's connection.
     *
     * @throws DatabaseException carrying the driver's SQLException as its cause, which is what DatabaseOutage reads
     */
    public <T> T call(Work<T> work) {
        Connection connection = held.get();
        try {
            if (connection != null) {
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

    /** A statement of the command path failed; the transaction will roll back. */
    public static final class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
