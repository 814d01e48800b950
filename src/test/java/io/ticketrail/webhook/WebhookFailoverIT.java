package io.ticketrail.webhook;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.AppProcess;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Instances;
import io.ticketrail.testsupport.MultiInstanceProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.webhook.WebhookApiTest.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivering instance is killed (SIGKILL) while a receiver holds one of its deliveries: the other instance takes
 * the lock and goes on from the cursor in the database. Nothing is lost or reordered; only the event in flight
 * may come twice, and the receiver tells it by its id.
 */
@QuarkusTest
class WebhookFailoverIT extends Instances {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    WebhookDelivery delivery;

    private static AppProcess b;

    @AfterAll
    static void stopB() {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void killingTheDeliveringInstanceMidDeliveryLosesNothingAndRepeatsOnlyTheEventInFlight() throws Exception {
        String location = createLocation();
        try (Receiver receiver = new Receiver()) {
            // this instance steps back, so the one started next takes the lock and delivers
            delivery.stop();
            Map<String, String> settings = new HashMap<>(MultiInstanceProfile.FEED);
            settings.put("ticketrail.webhooks.read-timeout", "60s");
            settings.put("ticketrail.webhooks.poll-interval", "200ms");
            b = AppProcess.start("b", settings);
            String secret = register(location, receiver.url(), List.of("ORDER_PLACED"))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret");
            receiver.secret(secret);
            placedId(location, burgerAndFries());
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);

            receiver.hang();
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> receiver.received().size() == 3);
            b.close();
            receiver.release();
            placedId(location, burgerAndFries());
            placedId(location, burgerAndFries());
            delivery.start();

            await().atMost(WAIT).until(() -> receiver.acceptedOnce().size() == 5);
            List<Long> placed = Db.events(location).stream()
                    .filter(e -> e.type().equals("ORDER_PLACED"))
                    .map(Db.Event::seq)
                    .toList();
            assertThat(receiver.acceptedOnce()).isEqualTo(placed);
            List<Long> attempts =
                    receiver.received().stream().map(Receiver.Delivery::seq).toList();
            assertThat(attempts).as("every attempt, in order").isSorted();
            assertThat(attempts.stream().filter(seq -> !seq.equals(placed.get(2))))
                    .as("only the event in flight when B died comes twice")
                    .doesNotHaveDuplicates();
            assertThat(receiver.received())
                    .allSatisfy(d -> assertThat(d.signed()).isTrue());
        } finally {
            delivery.start();
        }
    }
}
