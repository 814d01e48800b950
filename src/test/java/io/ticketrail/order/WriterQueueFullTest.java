package io.ticketrail.order;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Problems;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.place;
import static org.assertj.core.api.Assertions.assertThat;

/** A writer lane that holds its bound already refuses the next command at once, and runs it not at all. */
@QuarkusTest
@TestProfile(WriterQueueFullTest.OneSlot.class)
class WriterQueueFullTest {

    /** One lane that holds one waiting command. */
    public static final class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketrail.orders.writers.lanes", "1", "ticketrail.orders.writers.queue-size", "1");
        }
    }

    @Inject
    WriterLanes lanes;

    @Test
    void aFullQueueAnswers503WithRetryAfterAtOnceAndRunsNothing() throws Exception {
        String location = createLocation();
        Map<String, Object> refusedOrder = burgerAndFries();
        CompletableFuture<Response> waiting;
        Response refused;
        try (HeldLane held = new HeldLane(lanes, location, () -> place(location, burgerAndFries()))) {
            waiting = held.queue(() -> place(location, burgerAndFries()));

            refused = place(location, refusedOrder);

            // answered while the lane still held both: a refusal, not a timeout
            assertThat(held.blocker()).isNotDone();
            assertThat(waiting).isNotDone();
        }

        assertThat(Problems.problem(refused, 503).getString("type")).isEqualTo("/problems/write-queue-full");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(waiting.join().statusCode()).isEqualTo(201);
        assertThat(Db.externalIds(location)).hasSize(2).doesNotContain((String) refusedOrder.get("externalId"));
    }
}
