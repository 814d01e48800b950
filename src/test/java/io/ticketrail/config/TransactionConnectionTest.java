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
import static org.awaitility.Awaitility.await;

/**
 * A command's writes are deferred and sent together (TransactionConnection.defer): what the command path relies on
 * is that every later statement of the transaction sees them, that they commit with it, and that one that fails
 * takes the whole transaction with it, as if each had run at once. Rows are read from another connection.
 */
@QuarkusTest
class TransactionConnectionTest {

    private static final String INSERT = "insert into transaction_probe (id, n) values (?, ?)";
    private static final String ADD = "update transaction_probe set n = n + ? where id = ?";
    private static final String ADD_EXACTLY_ONE =
            "with changed as (" + ADD + " returning 1) select ticketrail_expect_rows(count(*), 1, ?) from changed";
    private static final String SUM = "select coalesce(sum(n), 0) from transaction_probe where id = any(?)";
    private static final String INSERT_ONCE_AT_COMMIT = "insert into transaction_probe_once (key) values (?)";

    @Inject
    TransactionConnection transaction;

    @BeforeAll
    static void probeTable() throws SQLException {
        try (Connection connection = Db.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "create table if not exists transaction_probe (id text primary key, n int not null check (n >= 0))");
            statement.execute("create table if not exists transaction_probe_once "
                    + "(key text unique deferrable initially deferred)");
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
            transaction.defer(ADD, add(a, 10));
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
    void aWriteThatTouchesFewerRowsThanItExpectsRollsBackTheTransaction() {
        String a = UUID.randomUUID().toString();
        String missing = UUID.randomUUID().toString();

        assertThatThrownBy(() -> transaction.inLocalTransaction(() -> {
                    transaction.defer(INSERT, row(a, 1));
                    transaction.defer(ADD_EXACTLY_ONE, (statement, first) -> {
                        int next = add(missing, 1).bind(statement, first);
                        statement.setString(next, "no row " + missing);
                        return next + 1;
                    });
                    return null;
                }))
                .isInstanceOf(TransactionConnection.DatabaseException.class)
                .hasMessageContaining("no row " + missing);

        assertThat(rows(a, missing)).isEmpty();
    }

    @Test
    void aQueuedReadSeesTheWritesQueuedBeforeItAndNotThoseAfter() {
        String a = UUID.randomUUID().toString();
        long read = transaction.inLocalTransaction(() -> {
            transaction.defer(INSERT, row(a, 1));
            Pending<Long> sum = transaction.readLater(SUM, ids(a), TransactionConnectionTest::firstLong);
            transaction.defer(ADD, add(a, 10));
            return sum.get();
        });

        assertThat(read).isEqualTo(1);
        assertThat(rows(a)).containsExactly(Map.entry(a, 11));
    }

    @Test
    void aReadThatRefusesThrowsFromItsGetAndTheReadsAfterItAreStillTaken() {
        String a = UUID.randomUUID().toString();
        transaction.defer(INSERT, row(a, 3));

        long after = transaction.inLocalTransaction(() -> {
            Pending<Long> refused = transaction.readLater(SUM, ids(a), statement -> {
                throw new IllegalArgumentException("not this one");
            });
            Pending<Long> sum = transaction.readLater(SUM, ids(a), TransactionConnectionTest::firstLong);
            assertThatThrownBy(refused::get).hasMessage("not this one");
            return sum.get();
        });

        assertThat(after).isEqualTo(3);
    }

    @Test
    void aCommitThatPostgresqlRefusesWithTheWritesIsAStatementFailureAndCommitsNothing() {
        String a = UUID.randomUUID().toString();
        String twice = UUID.randomUUID().toString();

        assertThatThrownBy(() -> transaction.inLocalTransaction(() -> {
                    transaction.defer(INSERT, row(a, 1));
                    // a deferred unique check: PostgreSQL refuses the second row only at COMMIT
                    transaction.defer(INSERT_ONCE_AT_COMMIT, key(twice));
                    transaction.defer(INSERT_ONCE_AT_COMMIT, key(twice));
                    return null;
                }))
                .as("PostgreSQL answered and rolled back: the outcome is known")
                .isInstanceOf(TransactionConnection.DatabaseException.class)
                .isNotInstanceOf(DatabaseOutage.CommitFailedException.class)
                .hasMessageContaining("transaction_probe_once_key_key");

        assertThat(rows(a)).isEmpty();
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

    @Test
    void statementsMadeAtOnceCommitWithTheTransactionOrRollBackWithIt() {
        String kept = UUID.randomUUID().toString();
        String undone = UUID.randomUUID().toString();

        transaction.inLocalTransaction(() -> {
            insertNow(kept, 1);
            return null;
        });
        assertThatThrownBy(() -> transaction.inLocalTransaction(() -> {
                    insertNow(undone, 1);
                    throw new IllegalArgumentException("refused after a statement went out");
                }))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(rows(kept, undone)).containsExactly(Map.entry(kept, 1));
        // BEGIN is a statement of the transaction's own: none may go back to the pool still open
        await().untilAsserted(() -> assertThat(openTransactionsElsewhere()).isZero());
    }

    @Test
    void aFailedStatementLeavesNoTransactionOpenOnThePooledConnection() {
        String a = UUID.randomUUID().toString();
        assertThatThrownBy(() -> transaction.inLocalTransaction(() -> {
                    insertNow(a, -1);
                    return null;
                }))
                .isInstanceOf(TransactionConnection.DatabaseException.class);

        await().untilAsserted(() -> assertThat(openTransactionsElsewhere()).isZero());
        // a statement outside a local transaction commits by itself on whichever pooled connection it gets
        for (int i = 0; i < 25; i++) {
            String b = UUID.randomUUID().toString();
            transaction.defer(INSERT, row(b, 1));
            assertThat(rows(b)).containsExactly(Map.entry(b, 1));
        }
    }

    /** INSERT, run at once as a statement of the transaction rather than deferred. */
    private void insertNow(String id, int n) {
        transaction.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                row(id, n).bind(statement, 1);
                statement.execute();
            }
        });
    }

    /** Sessions of this database, other than the asking one, inside a transaction with nothing running. */
    private static long openTransactionsElsewhere() throws SQLException {
        try (Connection connection = Db.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) from pg_stat_activity "
                        + "where datname = current_database() and pid <> pg_backend_pid() "
                        + "and state like 'idle in transaction%'")) {
            rs.next();
            return rs.getLong(1);
        }
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

    /** SUM's parameter. */
    private static RoundTrip.Part ids(String... ids) {
        return (statement, first) -> {
            statement.setArray(first, statement.getConnection().createArrayOf("text", ids));
            return first + 1;
        };
    }

    /** INSERT_ONCE_AT_COMMIT's parameter. */
    private static RoundTrip.Part key(String key) {
        return (statement, first) -> {
            statement.setString(first, key);
            return first + 1;
        };
    }

    private static long firstLong(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.getResultSet()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Read at once, as a statement of the transaction. */
    private long sumOf(String... ids) {
        return transaction.call(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SUM)) {
                ids(ids).bind(statement, 1);
                statement.execute();
                return firstLong(statement);
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
