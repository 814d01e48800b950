package io.ticketrail.fault;

import java.io.EOFException;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.transaction.xa.XAException;

import io.ticketrail.web.DatabaseOutage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Which failures say "the database is away" (fast fail for everyone), which say "this COMMIT's outcome is unknown"
 * (its own problem type), and which say neither: the driver's and Agroal's real shapes.
 */
class OutageKindsTest {

    @Test
    void aRefusedConnectionMeansTheDatabaseIsAwayAndABusyPoolDoesNot() {
        // a real driver failure: nothing listens on port 1
        Throwable refused = catchThrowable(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/none"));

        assertThat(DatabaseOutage.noConnection(new IllegalStateException("wrapped", refused)))
                .isTrue();
        assertThat(DatabaseOutage.noConnection(new SQLException("Sorry, acquisition timeout!")))
                .as("a pool busy with a rush")
                .isFalse();
        assertThat(DatabaseOutage.noConnection(new SQLException("disk full", "53100")))
                .isFalse();
    }

    @Test
    void onlyAConnectionLostUnderTheCommitLeavesItsOutcomeUnknown() {
        assertThat(DatabaseOutage.commitOutcomeUnknown(
                        commitFailed(new SQLException("An I/O error occurred", "08006", new EOFException()))))
                .isTrue();
        assertThat(DatabaseOutage.commitOutcomeUnknown(
                        commitFailed(new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseOutage.commitOutcomeUnknown(commitFailed(new SQLException("disk full", "53100"))))
                .as("PostgreSQL answered: it rolled back")
                .isFalse();
        assertThat(DatabaseOutage.commitOutcomeUnknown(new SQLException("An I/O error occurred", "08006")))
                .as("lost before COMMIT: nothing can have committed")
                .isFalse();
    }

    @Test
    void aWriterLanesLocalCommitIsJudgedTheSameWay() {
        assertThat(DatabaseOutage.commitOutcomeUnknown(new DatabaseOutage.CommitFailedException(
                        new SQLException("An I/O error occurred", "08006", new EOFException()))))
                .as("the connection broke under COMMIT")
                .isTrue();
        assertThat(DatabaseOutage.commitOutcomeUnknown(
                        new DatabaseOutage.CommitFailedException(new SQLException("disk full", "53100"))))
                .as("PostgreSQL answered: it rolled back")
                .isFalse();
    }

    /** As Narayana reports a failed one-phase COMMIT: Agroal's XAException, suppressed under a RollbackException. */
    private static Throwable commitFailed(SQLException cause) {
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(cause);
        RuntimeException rollback = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        return new IllegalStateException("commit", rollback);
    }
}
