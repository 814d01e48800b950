package io.ticketrail.order;

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
 * trips").
 */
final class RoundTrip {

    /** Binds one part's parameters from {@code first} on; answers the index after its last. */
    interface Part {
        int bind(PreparedStatement statement, int first) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Part> parts = new ArrayList<>();

    /** A statement without a semicolon of its own, and its parameters. */
    RoundTrip add(String statement, Part part) {
        if (!parts.isEmpty()) {
            sql.append(";\n");
        }
        sql.append(statement);
        parts.add(part);
        return this;
    }

    /** Runs every part; answers their update counts, in order. */
    int[] execute(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int next = 1;
            for (Part part : parts) {
                next = part.bind(statement, next);
            }
            statement.execute();
            int[] counts = new int[parts.size()];
            for (int i = 0; i < counts.length; i++) {
                if (i > 0) {
                    statement.getMoreResults();
                }
                counts[i] = statement.getUpdateCount();
            }
            return counts;
        }
    }
}
