package io.ticketrail.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Db;
import io.ticketrail.web.DatabaseOutage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A command's writes are deferred and sent together (TransactionConnection.defer): what the command path relies on
 * is that every later statement of the transaction sees them, that they commit with it, and that one that fails
 * takes the whole transaction with it, as if each had run at once. Rows are read from another connection.
 */
@QuarkusTest
class TransactionConnectionTest {

    private static final String INSERT = "insert into transaction_probe (id, n) values (?, ?)";
    private static final String ADD = "update transaction_probe set n = n + ? where id = ?";

    @Inject
    TransactionConnection transaction;

    @BeforeAll
    static void probeTable() throws SQLException {
        try (Connection connection = Db.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "create table if not exists transaction_probe (id text primary key, n int not null check (n >= 0))");
        }
    }

    @Test
    void deferredWritesAreSeenByTheNextStatementAndCommitWithTheTransaction() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        long seenInside = transaction.inLocalTransaction(() -> {
            transaction.defer(INSERT, row(a, 1));
            transaction.defer(INSERT, row(b, 2));
            long seen = sumOf(a, b);
            transaction.defer(ADD, add(a, 10), count -> assertThat(count).isEqualTo(1));
            return seen;
        });

        assertThat(seenInside).isEqualTo(3);
        assertThat(rows(a, b)).containsExactly(Map.entry(a, 11), Map.entry(b, 2));
    }

    @Test
    void aDeferredWriteThatFailsRollsBackEverythingTheTransactionDid() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();

        assertThatThrownBy(() -> transaction.inLocalTransaction(() -> {
                    transaction.defer(INSERT, row(a, 1));
                    assertThat(sumOf(a, b)).isEqualTo(1);
                    transaction.defer(ADD, add(a, 5));
                    // the check constraint refuses it; it goes out only with the commit
                    transaction.defer(INSERT, row(b, -1));
                    return null;
                }))
                .as("a statement's failure, not the commit's: nothing was committed, nothing is unknown")
                .isInstanceOf(TransactionConnection.DatabaseException.class)
                .isNotInstanceOf(DatabaseOutage.CommitFailedException.class)
                .hasMessageContaining("transaction_probe_n_check");

        assertThat(rows(a, b)).isEmpty();
    }

    @Test
    void aWriteWhoseUpdateCountIsRefusedRollsBackTheTransaction() {
        String a = UUID.randomUUID().toString();
        String missing = UUID.randomUUID().toString();

        assertThatThrownBy(() -> transaction.inLocalTransaction(() -> {
                    transaction.defer(INSERT, row(a, 1));
                    transaction.defer(ADD, add(missing, 1), count -> {
                        if (count != 1) {
                            throw new IllegalStateException("no row " + missing);
                        }
                    });
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no row " + missing);

        assertThat(rows(a, missing)).isEmpty();
    }

    @Test
    void aWriteDeferredOutsideALocalTransactionRunsAtOnce() {
        String a = UUID.randomUUID().toString();

        transaction.defer(INSERT, row(a, 4));

        assertThat(rows(a)).containsExactly(Map.entry(a, 4));
    }

    @Test
    void aFailedTransactionLeavesNothingDeferredForTheThreadsNextOne() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        assertThatThrownBy(() -> transaction.inLocalTransaction(() -> {
                    transaction.defer(INSERT, row(a, 1));
                    throw new IllegalArgumentException("refused before its writes went out");
                }))
                .isInstanceOf(IllegalArgumentException.class);

        transaction.inLocalTransaction(() -> {
            transaction.defer(INSERT, row(b, 2));
            return null;
        });

        assertThat(rows(a, b)).containsExactly(Map.entry(b, 2));
    }

    /** INSERT's parameters. */
    private static RoundTrip.Part row(String id, int n) {
        return (statement, first) -> {
            statement.setString(first, id);
            statement.setInt(first + 1, n);
            return first + 2;
        };
    }

    /** ADD's parameters. */
    private static RoundTrip.Part add(String id, int n) {
        return (statement, first) -> {
            statement.setInt(first, n);
            statement.setString(first + 1, id);
            return first + 2;
        };
    }

    private long sumOf(String... ids) {
        return transaction.call(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select coalesce(sum(n), 0) from transaction_probe where id = any(?)")) {
                statement.setArray(1, connection.createArrayOf("text", ids));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static Map<String, Integer> rows(String... ids) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        try (Connection connection = Db.connect();
                PreparedStatement statement =
                        connection.prepareStatement("select id, n from transaction_probe where id = any(?)")) {
            statement.setArray(1, connection.createArrayOf("text", ids));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            if (rows.containsKey(id)) {
                ordered.put(id, rows.get(id));
            }
        }
        return ordered;
    }
}
