package io.ticketrail.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.QuietTimersProfile;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.webhook.WebhookApiTest.WEBHOOKS;
import static io.ticketrail.webhook.WebhookApiTest.listed;
import static io.ticketrail.webhook.WebhookApiTest.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no endpoint to deliver to, the delivery loop sleeps until its next poll instead of waiting on its connection.
 * Here the poll is an hour away, so only the loop's own wake-ups can explain what happens within seconds: a new
 * endpoint receives the next order, a deleted last endpoint stops the listening, and a revoked key's endpoint is
 * paused.
 */
@QuarkusTest
@TestProfile(QuietTimersProfile.class)
class WebhookWakeUpTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    WebhookLeader leader;

    @Test
    void aNewEndpointIsDeliveredToWithoutWaitingForThePoll() throws Exception {
        String location = createLocation();
        // other tests' endpoints out of the way, and one registered and deleted: the round after the delete finds
        // nothing due, stops listening and parks the loop
        Db.execute("update webhook_endpoint set state = 'PAUSED', paused_reason = 'test', paused_at = now()"
                + " where state = 'ACTIVE'");
        String gone = register(location, "https://gone.example/hooks", List.of("ORDER_READY"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        json().delete(WEBHOOKS + "/{id}", location, gone).then().statusCode(204);
        await().atMost(WAIT).until(() -> !leader.listening());
        try (Receiver receiver = new Receiver()) {
            receiver.secret(register(location, receiver.url(), List.of("ORDER_PLACED"))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret"));

            String order = placedId(location, burgerAndFries());

            await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
            assertThat(receiver.received())
                    .singleElement()
                    .satisfies(d -> assertThat(d.body().path("order").path("id").asText())
                            .isEqualTo(order));
        }
    }

    @Test
    void aRevokedKeysEndpointIsPausedWithoutWaitingForThePoll() {
        String location = createLocation();
        String token = Auth.integrationKey(location, List.of("receive-webhooks"));
        String keyId = json().get(LOCATION + "/api-keys", location).jsonPath().getString("[0].id");
        Auth.as(token)
                .body(Map.of("url", "https://integration.example/hooks", "events", List.of("ORDER_READY")))
                .post(WEBHOOKS, location)
                .then()
                .statusCode(201);

        json().delete(LOCATION + "/api-keys/{id}", location, keyId).then().statusCode(204);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(listed(location))
                        .singleElement()
                        .satisfies(w -> assertThat(w).containsEntry("state", "PAUSED")));
    }
}
