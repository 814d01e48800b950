package io.ticketrail.web;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When failed readiness checks make the database down (and every request 503 for a while): a refused or broken
 * connection at once, a timeout only when the next check times out too. The failures are built as pgjdbc reports
 * them.
 */
class DatabaseDownRuleTest {

    private final DatabaseHealth.DownRule rule = new DatabaseHealth.DownRule();

    @Test
    void aRefusedConnectionIsDownAtOnce() {
        assertThat(rule.failed(refused())).isTrue();
    }

    @Test
    void aConnectionClosedByTheServerIsDownAtOnce() {
        assertThat(rule.failed(new PSQLException(
                        "An I/O error occurred while sending to the backend.",
                        PSQLState.CONNECTION_FAILURE,
                        new EOFException())))
                .isTrue();
    }

    @Test
    void oneSlowCheckIsNotEnoughTwoInARowAre() {
        assertThat(rule.failed(timedOut())).as("the first timeout").isFalse();
        assertThat(rule.failed(timedOut())).as("the second in a row").isTrue();
        assertThat(rule.failed(timedOut())).as("and every one after it").isTrue();
    }

    @Test
    void aCheckThatPassesBetweenTwoTimeoutsStartsTheCountAgain() {
        assertThat(rule.failed(timedOut())).isFalse();
        rule.passed();
        assertThat(rule.failed(timedOut())).isFalse();
    }

    @Test
    void aConnectionAttemptThatTimedOutCountsAsATimeout() {
        PSQLException attempt = new PSQLException(
                "The connection attempt failed.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new SocketTimeoutException("Read timed out"));
        assertThat(rule.failed(attempt)).isFalse();
        assertThat(rule.failed(attempt)).isTrue();
    }

    private static PSQLException timedOut() {
        return new PSQLException(
                "An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE,
                new SocketTimeoutException("Read timed out"));
    }

    private static PSQLException refused() {
        return new PSQLException(
                "Connection to 127.0.0.1:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
    }
}
