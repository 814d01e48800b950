package io.ticketrail.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Problems;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.place;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit: the commands a writer lane finds queued commit in one transaction, and each keeps the guarantees it
 * had alone. Every test builds its batch behind a held location (HeldLane), so what shares a batch is known.
 */
@QuarkusTest
class GroupCommitTest {

    @Inject
    WriterLanes lanes;

    @Inject
    MeterRegistry registry;

    @Test
    void aRejectedCommandInABatchChangesNothingWhileItsNeighboursCommit() throws Exception {
        String location = createLocation();
        // 120 items whose notes are control characters: 80 more pass every limit but the event's 512 KiB, which is
        // checked after the items were written, the latest a command can be refused
        String big = placedId(location, orderOf(OrderLimitsTest.escaped(80)));
        json().body(Map.of("items", OrderLimitsTest.escaped(40)))
                .post(ORDER + "/items", location, big)
                .then()
                .statusCode(200);
        long bigVersion = getOrder(location, big).jsonPath().getLong("version");
        long head = Db.head(location);
        Batch batch = new Batch();

        List<CompletableFuture<Response>> answers;
        try (HeldLane held = new HeldLane(lanes, location, () -> place(location, burgerAndFries()))) {
            answers = List.of(
                    held.queue(() -> place(location, burgerAndFries())),
                    held.queue(() -> json().body(Map.of("items", OrderLimitsTest.escaped(80)))
                            .post(ORDER + "/items", location, big)),
                    // refused after it took the next order number: the savepoint gives the number back
                    held.queue(() -> place(location, orderOf(OrderLimitsTest.modified(51, 20, "m")))),
                    held.queue(() -> command(location, UUID.randomUUID().toString(), "ready")),
                    held.queue(() -> place(location, burgerAndFries())));
            held.close();
            assertThat(held.blocker().join().statusCode()).isEqualTo(201);
        }

        Response first = answers.get(0).join();
        Response last = answers.get(4).join();
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(last.statusCode()).isEqualTo(201);
        assertThat(Problems.invalid(answers.get(1).join(), 422, "items").getString("detail"))
                .contains("524288 bytes");
        assertThat(Problems.invalid(answers.get(2).join(), 422, "items").getString("detail"))
                .contains("1000 modifiers");
        Problems.problem(answers.get(3).join(), 404);
        assertThat(last.jsonPath().getInt("number")).isEqualTo(first.jsonPath().getInt("number") + 1);
        assertThat(getOrder(location, big).jsonPath().getList("items")).hasSize(120);
        assertThat(getOrder(location, big).jsonPath().getLong("version")).isEqualTo(bigVersion);
        // the blocker and the two placements, nothing of the refused ones, no hole
        assertThat(Db.seqs(location))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, head + 3).boxed().toList());
        assertThat(Db.events(location).subList((int) head, (int) head + 3))
                .extracting(Db.Event::type)
                .containsOnly("ORDER_PLACED");
        batch.ranAs(1, 5);
    }

    @Test
    void aRetryInTheSameBatchAsItsFirstTryGetsTheFirstAnswer() throws Exception {
        String location = createLocation();
        Response order = placed(location, burgerAndFries());
        String burger = itemIds(order).get(0);
        String orderId = order.jsonPath().getString("id");
        Map<String, Object> newOrder = burgerAndFries();
        String placeKey = UUID.randomUUID().toString();
        String bumpKey = UUID.randomUUID().toString();
        long head = Db.head(location);
        Batch batch = new Batch();

        List<CompletableFuture<Response>> answers;
        try (HeldLane held = new HeldLane(lanes, location, () -> place(location, burgerAndFries()))) {
            answers = List.of(
                    held.queue(() -> placeWithKey(location, newOrder, placeKey)),
                    held.queue(() -> bumpWithKey(location, orderId, burger, bumpKey)),
                    held.queue(() -> placeWithKey(location, newOrder, placeKey)),
                    held.queue(() -> bumpWithKey(location, orderId, burger, bumpKey)));
            held.close();
            held.blocker().join();
        }

        for (int first = 0; first < 2; first++) {
            Response once = answers.get(first).join();
            Response again = answers.get(first + 2).join();
            assertThat(once.statusCode()).isIn(200, 201);
            assertThat(once.header("Idempotent-Replayed")).isNull();
            assertThat(again.statusCode()).isEqualTo(once.statusCode());
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.asString()).isEqualTo(once.asString());
        }
        // the blocker, one placement, one bump
        assertThat(Db.head(location)).isEqualTo(head + 3);
        assertThat(Db.externalIds(location)).containsOnlyOnce((String) newOrder.get("externalId"));
        batch.ranAs(1, 4);
    }

    @Test
    void aBatchRefusedAtCommitRunsItsCommandsAloneSoOnlyThePoisonedOneFails() throws Exception {
        String location = createLocation();
        String poisoned = locationInTheLaneOf(location);
        Batch batch = new Batch();

        List<CompletableFuture<Response>> answers;
        try (Db.CommitsRefused refusing = Db.refuseCommitsAt(poisoned)) {
            try (HeldLane held = new HeldLane(lanes, location, () -> place(location, burgerAndFries()))) {
                answers = List.of(
                        held.queue(() -> place(location, burgerAndFries())),
                        held.queue(() -> place(poisoned, burgerAndFries())),
                        held.queue(() -> place(location, burgerAndFries())));
                held.close();
                held.blocker().join();
            }
            answers.forEach(CompletableFuture::join);
        }

        assertThat(answers.get(0).join().statusCode()).isEqualTo(201);
        assertThat(answers.get(2).join().statusCode()).isEqualTo(201);
        Response failed = answers.get(1).join();
        Problems.problem(failed, 500);
        assertThat(failed.asString()).doesNotContain("test refuses", "order_event");
        assertThat(Db.head(poisoned)).isZero();
        assertThat(Db.orderCount(poisoned)).isZero();
        assertThat(Db.seqs(location)).containsExactly(1L, 2L, 3L);
        // one batch of three, rolled back at commit, then each alone
        batch.ranAs(1, 3);
    }

    @Test
    void aConnectionLostDuringTheBatchCommitAnswersEveryCommandUnknownAndRunsNoneAgain() throws Exception {
        String location = createLocation();
        String killed = locationInTheLaneOf(location);
        Map<String, Object> here = burgerAndFries();
        Map<String, Object> there = burgerAndFries();
        String hereKey = UUID.randomUUID().toString();
        String thereKey = UUID.randomUUID().toString();

        List<CompletableFuture<Response>> answers;
        try (Db.CommitsRefused killing = Db.killSessionAtCommit(killed)) {
            try (HeldLane held = new HeldLane(lanes, location, () -> place(location, burgerAndFries()))) {
                answers = List.of(
                        held.queue(() -> placeWithKey(location, here, hereKey)),
                        held.queue(() -> placeWithKey(killed, there, thereKey)));
                held.close();
                held.blocker().join();
            }
            answers.forEach(CompletableFuture::join);
        }

        // run again alone, the first would have committed: nobody may know it, so both are left to their retries
        for (CompletableFuture<Response> answer : answers) {
            assertThat(Problems.problem(answer.join(), 503).getString("type"))
                    .isEqualTo("/problems/commit-outcome-unknown");
        }
        assertThat(Db.head(location)).isEqualTo(1);
        assertThat(Db.head(killed)).isZero();
        assertThat(placeWithKey(location, here, hereKey).statusCode()).isEqualTo(201);
        assertThat(placeWithKey(killed, there, thereKey).statusCode()).isEqualTo(201);
        assertThat(Db.orderCount(location)).isEqualTo(2);
        assertThat(Db.orderCount(killed)).isEqualTo(1);
    }

    private static Response placeWithKey(String location, Map<String, Object> order, String key) {
        return json().header("Idempotency-Key", key).body(order).post(ORDER.replace("/{order}", ""), location);
    }

    private static Response bumpWithKey(String location, String order, String item, String key) {
        return json().header("Idempotency-Key", key).post(ORDER + "/items/{item}/bump", location, order, item);
    }

    /** A new location whose commands go to the same writer lane as {@code location}'s. */
    private String locationInTheLaneOf(String location) {
        while (true) {
            String other = createLocation();
            if (lanes.laneOf(other) == lanes.laneOf(location)) {
                return other;
            }
        }
    }

    /** The writer lanes' batch sizes from now on. */
    private final class Batch {

        private final DistributionSummary sizes =
                registry.get("ticketrail.command.batch.size").summary();
        private final long count = sizes.count();
        private final double total = sizes.totalAmount();

        /** Asserts that the lanes have since run the blocker alone and then one batch of {@code size}. */
        void ranAs(int blocker, int size) {
            assertThat(sizes.count() - count).isEqualTo(2);
            assertThat(sizes.totalAmount() - total).isEqualTo(blocker + size);
        }
    }
}
