package io.ticketrail.fault;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the application knows PostgreSQL is down, a command is answered 503 at once: it does not wait the pool's
 * acquisition timeout (10 s in this profile) for a connection that cannot come.
 */
@QuarkusTest
@TestProfile(ProxiedDatabaseProfile.class)
class FastFailTest extends Outages {

    /** Far below the pool's acquisition timeout, far above an answer from memory on a busy machine. */
    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    @Test
    void aCommandWhileTheDatabaseIsKnownDownIs503AtOnceAndItsRetryRunsOnceWhenItIsBack() {
        String location = createLocation();
        Map<String, Object> order = burgerAndFries();
        String key = UUID.randomUUID().toString();
        stopDatabase();
        double fastFailedBefore = health.fastFailedCount();

        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> place(location, order, key));
        await("the answer, well before the pool's timeout").atMost(AT_ONCE).until(answer::isDone);

        Response refused = answer.join();
        refused.then().statusCode(503).contentType("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("2");
        assertThat(refused.jsonPath().getString("type")).isEqualTo("/problems/database-unavailable");
        assertThat(refused.jsonPath().getString("detail")).contains("same Idempotency-Key");
        assertThat(health.fastFailedCount())
                .as("answered from what the application knew, not after waiting for a connection")
                .isEqualTo(fastFailedBefore + 1);

        startDatabase();
        Response taken = placeRetrying(location, order, key);
        taken.then().statusCode(201);
        assertThat(Db.orderCount(location)).isEqualTo(1);
        assertThat(place(location, order, key).header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(Db.orderCount(location)).isEqualTo(1);
    }

    @Test
    void readsAndTheSessionCheckAre503TooWhileTheDatabaseIsDown() {
        String location = createLocation();
        stopDatabase();

        Response orders = json().get(LOCATION + "/orders", location);
        orders.then().statusCode(503);
        assertThat(orders.jsonPath().getString("type")).isEqualTo("/problems/database-unavailable");
        Response session = json().get("/api/v1/session");
        session.then().statusCode(503).header("Retry-After", "2");
        assertThat(session.jsonPath().getString("type")).isEqualTo("/problems/database-unavailable");

        startDatabase();
        await().atMost(NOTICED)
                .untilAsserted(() -> json().get("/api/v1/session").then().statusCode(200));
    }
}
