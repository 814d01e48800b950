package io.ticketrail.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several statements sent as one prepared text, so they cost one round trip to PostgreSQL rather than one each:
 * pgjdbc splits the text at its semicolons and sends every part before a single Sync. The parts run in order, and
 * the first that fails aborts the rest and the transaction, as they would one by one. A writer lane pays for each
 * round trip with a wake-up that costs it far more CPU than the statement does (docs/performance.md, "Round
 * trips and wake-ups").
 */
public final class RoundTrip {

    /** Binds one part's parameters from {@code first} on; answers the index after its last. */
    public interface Part {
        int bind(PreparedStatement statement, int first) throws SQLException;
    }

    /** Looks at one part's update count once the round trip is done; throws to fail the transaction. */
    public interface Check {
        void updated(int count);
    }

    /** For a write whose update count says nothing worth checking. */
    public static final Check ANY_COUNT = count -> {};

    private final StringBuilder sql = new StringBuilder();
    private final List<Part> parts = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    /** A statement without a semicolon of its own, its parameters, and a check of its update count. */
    public RoundTrip add(String statement, Part part, Check check) {
        if (!parts.isEmpty()) {
            sql.append(";\n");
        }
        sql.append(statement);
        parts.add(part);
        checks.add(check);
        return this;
    }

    /** Runs every part, then checks their update counts in order (a query's is -1). */
    public void execute(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int next = 1;
            for (Part part : parts) {
                next = part.bind(statement, next);
            }
            statement.execute();
            for (int i = 0; i < checks.size(); i++) {
                if (i > 0) {
                    statement.getMoreResults();
                }
                checks.get(i).updated(statement.getUpdateCount());
            }
        }
    }
}
