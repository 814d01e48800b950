package io.ticketrail.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * Takes one part's results once the round trip is done: the statement stands at the part's first result, and
     * a part of several statements moves on to its last with {@link PreparedStatement#getMoreResults()}.
     */
    public interface Results {
        void take(PreparedStatement statement) throws SQLException;
    }

    private static final Results IGNORED = statement -> {};

    /** For a statement without parameters. */
    public static final Part NO_PARAMETERS = (statement, first) -> first;

    /**
     * The text of each combination of statements already sent, so that a combination sent again is the same String:
     * the driver's statement cache then finds it by the String's cached hash and an identity check, instead of
     * hashing and comparing a newly joined text of a kilobyte or more per round trip, which together with the
     * joining was 3.5% of the Java samples (docs/performance.md, "Composed statements sent again"). The
     * driver keeps 256 statements per connection: past that many combinations it parses them anyway.
     */
    private static final Texts TEXTS = new Texts(256);

    private final List<String> statements = new ArrayList<>();
    private final List<Part> parts = new ArrayList<>();
    private final List<Results> results = new ArrayList<>();

    /**
     * A write without a semicolon of its own, and its parameters. Nothing reads its update count: a write that must
     * touch a given number of rows checks that in its statement (ticketrail_expect_rows), so that the check fails
     * the transaction before a COMMIT sent in the same round trip.
     */
    public RoundTrip add(String statement, Part part) {
        return read(statement, part, IGNORED);
    }

    /** Statements whose results {@code results} takes (a read); one part, however many statements it holds. */
    public RoundTrip read(String statements, Part part, Results results) {
        this.statements.add(statements);
        parts.add(part);
        this.results.add(results);
        return this;
    }

    /** Runs every part, then hands each part its results in order (an update count, or result sets). */
    public void execute(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TEXTS.of(statements))) {
            int next = 1;
            for (Part part : parts) {
                next = part.bind(statement, next);
            }
            statement.execute();
            for (int i = 0; i < results.size(); i++) {
                if (i > 0) {
                    statement.getMoreResults();
                }
                results.get(i).take(statement);
            }
        }
    }

    /** Statements joined into one text, the same String each time for the same statements. */
    static final class Texts {

        private final Map<List<String>, String> known = new ConcurrentHashMap<>();
        private final int max;

        /** @param max combinations remembered, at most; past them a text is joined each time */
        Texts(int max) {
            this.max = max;
        }

        String of(List<String> statements) {
            String text = known.get(statements);
            if (text != null) {
                return text;
            }
            text = String.join(";\n", statements);
            if (known.size() >= max) {
                return text;
            }
            String earlier = known.putIfAbsent(List.copyOf(statements), text);
            return earlier != null ? earlier : text;
        }
    }
}
