package io.ticketrail.fault;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection to PostgreSQL dies while it runs a command's COMMIT: the application cannot know whether the
 * order was taken, says exactly that (503 commit-outcome-unknown), and the POS's retry with the same
 * Idempotency-Key settles it: the committed answer when it was taken, the command run once when it was not.
 */
@QuarkusTest
@TestProfile(ProxiedDatabaseProfile.class)
class CommitOutcomeTest extends Outages {

    @Test
    void anAnswerLostAfterTheCommitIsUnknownAndTheRetryReturnsTheCommittedOrder() {
        String location = createLocation();
        Map<String, Object> order = burgerAndFries();
        String key = UUID.randomUUID().toString();

        // marked by the order's own id: a background round that reads the location's log commits on a marked
        // connection too, and could take the lost answer instead
        proxy.loseCommitReplyOf((String) order.get("externalId"));
        Response lost = place(location, order, key);

        assertThat(proxy.commitReplyLost())
                .as("the proxy dropped the COMMIT's answer")
                .isTrue();
        assertUnknown(lost);
        assertThat(Db.orderCount(location)).as("PostgreSQL did commit").isEqualTo(1);

        Response retried = placeRetrying(location, order, key);
        retried.then().statusCode(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retried.jsonPath().getString("externalId")).isEqualTo(order.get("externalId"));
        assertThat(Db.orderCount(location)).as("the order, once").isEqualTo(1);
        assertThat(Db.eventCount(location)).isEqualTo(1);
    }

    @Test
    void aConnectionKilledDuringTheCommitIsUnknownAndTheRetryRunsTheCommandOnce() {
        String location = createLocation();
        Map<String, Object> order = burgerAndFries();
        String key = UUID.randomUUID().toString();

        Response lost;
        try (Db.CommitsRefused killed = Db.killSessionAtCommit(location)) {
            lost = place(location, order, key);
        }

        assertUnknown(lost);
        assertThat(Db.orderCount(location)).as("PostgreSQL rolled back").isZero();
        Response retried = placeRetrying(location, order, key);
        retried.then().statusCode(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(Db.orderCount(location)).as("the order, once").isEqualTo(1);
        assertThat(Db.eventCount(location)).isEqualTo(1);
    }

    private static void assertUnknown(Response answer) {
        answer.then().statusCode(503).contentType("application/problem+json");
        assertThat(answer.header("Retry-After")).isEqualTo("2");
        assertThat(answer.jsonPath().getString("type")).isEqualTo("/problems/commit-outcome-unknown");
        assertThat(answer.jsonPath().getString("detail")).contains("same Idempotency-Key");
        assertThat(answer.jsonPath().getString("incident")).isNull();
    }
}
