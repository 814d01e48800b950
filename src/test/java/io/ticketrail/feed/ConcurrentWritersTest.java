package io.ticketrail.feed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.concurrently;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise every screen's resync leans on: a location's seqs have no holes and follow commit order, however many
 * writers commit at once.
 */
@QuarkusTest
class ConcurrentWritersTest {

    private static final int WRITERS_PER_LOCATION = 4;
    private static final int ROUNDS = 3;
    /** Per round: place an order, bump its grill, start and bump one item of the order all writers share. */
    private static final int COMMANDS_PER_ROUND = 4;

    private record Shared(String location, String order, List<String> items) {}

    /** One writer's rounds; returns the status of every command it sent. */
    private static List<Integer> write(Shared shared, int writer) {
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Response own = placed(shared.location(), burgerAndFries());
            String sharedItem = shared.items().get(writer * ROUNDS + round);
            statuses.add(own.statusCode());
            statuses.add(command(shared.location(), own.jsonPath().getString("id"), "stations/grill/bump")
                    .statusCode());
            statuses.add(command(shared.location(), shared.order(), "items/" + sharedItem + "/start")
                    .statusCode());
            statuses.add(command(shared.location(), shared.order(), "items/" + sharedItem + "/bump")
                    .statusCode());
        }
        return statuses;
    }

    private static Shared sharedOrderAt(String location) {
        Response order =
                placed(location, orderOf(Collections.nCopies(WRITERS_PER_LOCATION * ROUNDS, item("Wings", "fries"))));
        return new Shared(location, order.jsonPath().getString("id"), itemIds(order));
    }

    @Test
    void eightConcurrentWritersOverTwoLocationsLeaveGapFreeLogsInCommitOrder() throws Exception {
        writeConcurrentlyAt(2);
    }

    /** More locations than writer lanes: a lane's batches mix locations, each keeps its own gap-free order. */
    @Test
    void twentyFourConcurrentWritersOverSixLocationsLeaveGapFreeLogsInCommitOrder() throws Exception {
        writeConcurrentlyAt(6);
    }

    private static void writeConcurrentlyAt(int locations) throws Exception {
        List<Shared> shared = new ArrayList<>();
        for (int l = 0; l < locations; l++) {
            shared.add(sharedOrderAt(createLocation()));
        }
        List<Callable<List<Integer>>> writers = new ArrayList<>();
        for (int w = 0; w < locations * WRITERS_PER_LOCATION; w++) {
            Shared target = shared.get(w % locations);
            int writer = w / locations;
            writers.add(() -> write(target, writer));
        }

        List<List<Integer>> statuses = concurrently(writers);

        assertThat(statuses).flatMap(s -> s).containsOnly(200, 201);
        for (Shared s : shared) {
            long expected = 1 + (long) WRITERS_PER_LOCATION * ROUNDS * COMMANDS_PER_ROUND;
            assertThat(Db.head(s.location())).isEqualTo(expected);
            assertThat(Db.seqs(s.location()))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, expected).boxed().toList());
            assertVersionsFollowSeqs(Db.events(s.location()));
            assertThat(getOrder(s.location(), s.order()).jsonPath().getList("items.status"))
                    .containsOnly("DONE");
        }
    }

    /** Per order, in seq order: versions 0, 1, 2, ... with no repeat or swap, each matching its stored state. */
    private static void assertVersionsFollowSeqs(List<Db.Event> events) {
        Map<UUID, List<Db.Event>> byOrder =
                events.stream().collect(Collectors.groupingBy(Db.Event::orderId, Collectors.toList()));
        byOrder.forEach((order, history) -> {
            assertThat(history)
                    .as("versions of order %s in seq order", order)
                    .extracting(Db.Event::orderVersion)
                    .containsExactlyElementsOf(
                            LongStream.range(0, history.size()).boxed().toList());
            assertThat(history).allSatisfy(e -> assertThat(e.stateVersion()).isEqualTo(e.orderVersion()));
        });
    }
}
