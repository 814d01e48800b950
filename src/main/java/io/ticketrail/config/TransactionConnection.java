package io.ticketrail.config;

import java.sql.Connection;
import java.sql.SQLException;
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

    /**
     * Runs {@code work} on the transaction's connection.
     *
     * @throws DatabaseException carrying the driver's SQLException as its cause, which is what DatabaseOutage reads
     */
    public <T> T call(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
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
