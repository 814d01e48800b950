package io.ticketrail.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Metrics;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.webhook.WebhookApiTest.WEBHOOKS;
import static io.ticketrail.webhook.WebhookApiTest.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries to a real HTTP receiver started by the test, which verifies every signature with the secret it was
 * shown once. The test profile retries within 100 to 500 ms, gives up on an answer after 1 s and pauses an
 * endpoint that failed for 4 s.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    WebhookDelivery delivery;

    @Inject
    WebhookLeader leader;

    /** Registers the receiver for these types at the location; returns the endpoint's id. */
    private static String subscribe(Receiver receiver, String location, String... types) {
        JsonPath created = register(location, receiver.url(), List.of(types))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        receiver.secret(created.getString("secret"));
        return created.getString("id");
    }

    private static Map<String, Object> endpoint(String location, String id) {
        return json().get(WEBHOOKS, location).jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(w -> id.equals(w.get("id")))
                .findFirst()
                .orElseThrow();
    }

    /** Seqs of the log's events of these types, in order. */
    private static List<Long> seqsOf(String location, Set<String> types) {
        return Db.events(location).stream()
                .filter(e -> types.contains(e.type()))
                .map(Db.Event::seq)
                .toList();
    }

    private static List<Long> seqs(List<Receiver.Delivery> deliveries) {
        return deliveries.stream().map(Receiver.Delivery::seq).toList();
    }

    @Test
    void signedDeliveriesOfExactlyTheAskedTypesInSeqOrder() throws Exception {
        String location = createLocation();
        placedId(location, burgerAndFries()); // before the endpoint: not delivered
        try (Receiver receiver = new Receiver()) {
            subscribe(receiver, location, "ORDER_PLACED", "ORDER_READY");
            String first = placedId(location, burgerAndFries());
            String second = placedId(location, burgerAndFries());
            ok(command(location, first, "stations/grill/bump"));
            // without expo confirmation the last bump makes the order ready: that is its ORDER_READY
            ok(command(location, first, "stations/fry/bump"));
            long ready = Db.head(location);
            ok(command(location, second, "cancel", Map.of("reason", "walked out")));
            String third = placedId(location, burgerAndFries());
            List<Long> placed = seqsOf(location, Set.of("ORDER_PLACED"));
            List<Long> expected = List.of(placed.get(1), placed.get(2), ready, placed.get(3));

            await().atMost(WAIT).until(() -> receiver.accepted().size() >= expected.size());

            List<Receiver.Delivery> got = receiver.received();
            assertThat(seqs(got)).isEqualTo(expected);
            assertThat(got)
                    .allSatisfy(d ->
                            assertThat(d.signed()).as("signature of " + d.id()).isTrue());
            assertThat(got)
                    .extracting(Receiver.Delivery::type)
                    .containsExactly("ORDER_PLACED", "ORDER_PLACED", "ORDER_READY", "ORDER_PLACED");
            assertThat(got)
                    .extracting(d -> d.body().path("order").path("id").asText())
                    .containsExactly(first, second, first, third);
            assertThat(got.get(0).body().path("locationId").asText()).isEqualTo(location);
            assertThat(got.get(2).body().path("order").path("status").asText()).isEqualTo("READY");
            assertThat(got.get(2).body().path("logType").asText()).isEqualTo("STATION_BUMPED");
            assertThat(got).extracting(Receiver.Delivery::id).doesNotHaveDuplicates();
        }
    }

    /**
     * With no endpoint that could take a delivery, the delivering instance does not LISTEN: each NOTIFY (hundreds a
     * second in a rush) would be read for nothing. An endpoint registered makes it listen again, and one removed
     * makes it stop.
     */
    @Test
    void theDeliveringInstanceListensOnlyWhileSomeEndpointCanTakeADelivery() throws Exception {
        // earlier tests' endpoints, whose receivers are gone
        Db.execute("update webhook_endpoint set state = 'PAUSED', paused_reason = 'test', paused_at = now()"
                + " where state = 'ACTIVE'");
        await().atMost(WAIT).until(() -> !leader.listening());

        String location = createLocation();
        try (Receiver receiver = new Receiver()) {
            String id = subscribe(receiver, location, "ORDER_PLACED");
            await().atMost(WAIT).until(leader::listening);
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);

            json().delete(WEBHOOKS + "/{id}", location, id).then().statusCode(204);
            await().atMost(WAIT).until(() -> !leader.listening());
        }
    }

    @Test
    void retriesAfter500sAndATimeoutKeepTheOrder() throws Exception {
        String location = createLocation();
        try (Receiver receiver = new Receiver()) {
            String id = subscribe(receiver, location, "ORDER_PLACED");
            receiver.answerNext(500, 503);
            placedId(location, burgerAndFries());
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);

            receiver.hang();
            placedId(location, burgerAndFries());
            await().atMost(WAIT)
                    .until(() -> !receiver.received().isEmpty()
                            && receiver.received()
                                            .get(receiver.received().size() - 1)
                                            .answered()
                                    == 0);
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(endpoint(location, id).get("lastError"))
                            .asString()
                            .startsWith("no answer within"));
            receiver.release();
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 4);

            List<Long> placed = seqsOf(location, Set.of("ORDER_PLACED"));
            assertThat(seqs(receiver.accepted())).isEqualTo(placed);
            List<Long> attempts = seqs(receiver.received());
            assertThat(attempts).isSorted();
            assertThat(attempts.subList(0, 3))
                    .as("two refusals, then the first again")
                    .containsOnly(placed.get(0));
            Map<String, Object> after = endpoint(location, id);
            assertThat(after).containsEntry("state", "ACTIVE").containsEntry("lastStatus", 200);
            assertThat(after.get("failingSince")).isNull();
        }
    }

    @Test
    void aReceiverThatStaysDownIsPausedAndResumeDeliversWhatItMissed() throws Exception {
        String location = createLocation();
        try (Receiver receiver = new Receiver()) {
            String id = subscribe(receiver, location, "ORDER_PLACED");
            receiver.answerAlways(500);
            placedId(location, burgerAndFries());

            await().atMost(WAIT)
                    .until(() -> "PAUSED".equals(endpoint(location, id).get("state")));
            Map<String, Object> paused = endpoint(location, id);
            assertThat(paused.get("pausedReason")).asString().contains("HTTP 500");
            assertThat(paused.get("failingSince")).isNotNull();
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(Metrics.scrape().sum("ticketrail_webhooks_paused"))
                            .isGreaterThanOrEqualTo(1));
            assertThat(Metrics.scrape().sum("ticketrail_webhooks_deliveries_total", "outcome=failed"))
                    .as("each refused attempt counted")
                    .isGreaterThanOrEqualTo(receiver.received().size());
            int attempts = receiver.received().size();
            placedId(location, burgerAndFries());
            receiver.answerAlways(200);
            assertThat(receiver.received()).as("nothing is sent while paused").hasSize(attempts);

            json().post(WEBHOOKS + "/{id}/resume", location, id).then().statusCode(200);

            await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);
            assertThat(seqs(receiver.accepted())).isEqualTo(seqsOf(location, Set.of("ORDER_PLACED")));
            assertThat(endpoint(location, id)).containsEntry("state", "ACTIVE");
        }
    }

    @Test
    void aHangingReceiverDoesNotDelayAnotherLocationsEndpoint() throws Exception {
        String stuck = createLocation();
        String other = createLocation();
        try (Receiver hanging = new Receiver();
                Receiver fine = new Receiver()) {
            subscribe(hanging, stuck, "ORDER_PLACED");
            subscribe(fine, other, "ORDER_PLACED");
            hanging.hang();
            placedId(stuck, burgerAndFries());
            await().atMost(WAIT).until(() -> !hanging.received().isEmpty());

            for (int i = 0; i < 5; i++) {
                placedId(other, burgerAndFries());
            }

            await().atMost(WAIT).until(() -> fine.accepted().size() == 5);
            assertThat(hanging.accepted())
                    .as("the hanging receiver answered nothing")
                    .isEmpty();
            assertThat(seqs(fine.accepted())).isEqualTo(seqsOf(other, Set.of("ORDER_PLACED")));
        }
    }

    @Test
    void restartingDeliveryOrLosingTheLockNeitherLosesNorReorders() throws Exception {
        String location = createLocation();
        try (Receiver receiver = new Receiver()) {
            subscribe(receiver, location, "ORDER_PLACED");
            placedId(location, burgerAndFries());
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);

            // the receiver has the third event when delivery stops: at least once means it may get it again
            receiver.hang();
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> receiver.received().size() == 3);
            delivery.stop();
            receiver.release();
            placedId(location, burgerAndFries());
            placedId(location, burgerAndFries());
            delivery.start();
            await().atMost(WAIT).until(() -> receiver.acceptedOnce().size() == 5);

            // the lock's connection dies mid-delivery: the instance leads again and goes on from the cursor
            receiver.hang();
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> receiver.received().stream().anyMatch(d -> d.answered() == 0));
            Db.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                    + WebhookLeader.APPLICATION_NAME + "'");
            receiver.release();
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> receiver.acceptedOnce().size() == 7);

            List<Long> placed = seqsOf(location, Set.of("ORDER_PLACED"));
            assertThat(receiver.acceptedOnce()).isEqualTo(placed);
            assertThat(seqs(receiver.received())).as("every attempt, in order").isSorted();
            List<Long> inFlight = List.of(placed.get(2), placed.get(5));
            assertThat(seqs(receiver.received()).stream().filter(seq -> !inFlight.contains(seq)))
                    .as("only the events in flight at a stop come twice")
                    .doesNotHaveDuplicates();
        }
    }
}
