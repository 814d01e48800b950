package io.ticketrail.web;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A database that is away or refuses writes is a state a POS must be able to tell from a broken request: 503 with
 * Retry-After and its own problem type, nothing written, and a retry with the same Idempotency-Key that runs once.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void aCommandRefusedByAFullDiskIs503AndItsRetryWithTheSameKeyRunsOnce() {
        String location = createLocation();
        String existing = placed(location, burgerAndFries()).jsonPath().getString("id");
        Map<String, Object> order = burgerAndFries();
        String key = UUID.randomUUID().toString();
        long events = Db.eventCount(location);

        try (Db.CommitsRefused diskFull = Db.refuseCommitsAt(location, "53100")) {
            Response refused = place(location, order, key);

            refused.then().statusCode(503).contentType("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("2");
            assertThat(refused.jsonPath().getString("type")).isEqualTo("/problems/database-unavailable");
            assertThat(refused.jsonPath().getString("detail")).contains("same Idempotency-Key");
            assertThat(refused.jsonPath().getString("incident")).isNull();
            assertThat(Db.eventCount(location)).isEqualTo(events);
            assertThat(Db.orderCount(location)).isEqualTo(1);
            // reads do not write: the kitchen can still see its orders
            Api.getOrder(location, existing).then().statusCode(200);
        }

        Response retried = place(location, order, key);
        retried.then().statusCode(201);
        Response again = place(location, order, key);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.jsonPath().getString("id"))
                .isEqualTo(retried.jsonPath().getString("id"));
        assertThat(Db.orderCount(location)).isEqualTo(2);
        assertThat(Db.eventCount(location)).isEqualTo(events + 1);
    }

    @Test
    void aServerShuttingDownMidCommitIs503() {
        String location = createLocation();
        try (Db.CommitsRefused shuttingDown = Db.refuseCommitsAt(location, "57P01")) {
            place(location, burgerAndFries(), UUID.randomUUID().toString())
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "2");
        }
    }

    @Test
    void aFailureThatIsNotAnOutageStaysAnInternalErrorWithAnIncident() {
        String location = createLocation();
        try (Db.CommitsRefused broken = Db.refuseCommitsAt(location)) {
            Response failed =
                    place(location, burgerAndFries(), UUID.randomUUID().toString());
            failed.then().statusCode(500);
            assertThat(failed.jsonPath().getString("incident")).isNotBlank();
        }
    }

    @Test
    void aRefusedConnectionIsAnOutageAndABadStatementIsNot() throws Exception {
        // a real driver failure: nothing listens on port 1
        Throwable refused = catchThrowable(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/none"));
        assertThat(refused).isInstanceOf(SQLException.class);
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("wrapped", refused)))
                .isTrue();

        assertThat(DatabaseOutage.causedBy(new SQLException("syntax error", "42601")))
                .isFalse();
        assertThat(DatabaseOutage.causedBy(new SQLException("Sorry, acquisition timeout!")))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new IllegalArgumentException("a bug")))
                .isFalse();
    }

    private static Response place(String location, Map<String, Object> order, String key) {
        return json().header("Idempotency-Key", key).body(order).post(Api.LOCATION + "/orders", location);
    }
}
