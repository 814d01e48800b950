package io.ticketrail.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Problems.illegal;
import static io.ticketrail.testsupport.Problems.problem;
import static io.ticketrail.testsupport.Problems.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Recall undoes a bump (of an item, of a station, or of a whole ready order) within the location's window. */
@QuarkusTest
class RecallTest {

    @Test
    void recallingAStartedItemPutsItBackInProgress() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String burger = itemIds(placed).get(0);
        ok(command(location, order, "items/" + burger + "/start"));
        ok(command(location, order, "items/" + burger + "/bump"));

        JsonPath view = ok(command(location, order, "recall", Map.of("itemId", burger)));

        assertThat(view.getString("items[0].status")).isEqualTo("IN_PROGRESS");
        assertThat(view.getString("items[0].doneAt")).isNull();
        assertThat(Db.events(location)).extracting(Db.Event::type).endsWith("RECALLED");
    }

    @Test
    void recallingAnItemOfAReadyOrderTakesTheOrderOutOfReady() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String fries = itemIds(placed).get(1);
        ok(command(location, order, "stations/grill/bump"));
        assertThat(ok(command(location, order, "stations/fry/bump")).getString("status"))
                .isEqualTo("READY");

        JsonPath view = ok(command(location, order, "recall", Map.of("itemId", fries)));

        assertThat(view.getString("items[1].status")).isEqualTo("QUEUED");
        assertThat(view.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(view.getString("readyAt")).isNull();
    }

    @Test
    void recallingAnItemThatIsNotDoneNamesItsStatus() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");

        illegal(
                refused(
                        location,
                        () -> command(
                                location,
                                order,
                                "recall",
                                Map.of("itemId", itemIds(placed).get(0)))),
                "QUEUED");
    }

    @Test
    void recallingAStationUndoesOnlyItsLastBump() {
        String location = createLocation();
        Response placed = placed(
                location,
                orderOf(List.of(
                        item("Cheeseburger", "burgers"), item("Veggie burger", "burgers"), item("Fries", "fries"))));
        String order = placed.jsonPath().getString("id");
        ok(command(location, order, "items/" + itemIds(placed).get(0) + "/bump"));
        ok(command(location, order, "stations/grill/bump"));

        JsonPath view = ok(command(location, order, "recall", Map.of("stationId", "grill")));

        assertThat(view.getList("items.status")).containsExactly("DONE", "QUEUED", "QUEUED");
    }

    @Test
    void recallingAStationWithNothingBumpedNamesTheOrderStatus() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        illegal(refused(location, () -> command(location, order, "recall", Map.of("stationId", "grill"))), "NEW");
    }

    @Test
    void recallingAReadyOrderHoldsItAtExpoUntilMarkedReadyAgain() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());
        ok(command(location, order, "stations/grill/bump"));
        ok(command(location, order, "stations/fry/bump"));

        JsonPath recalled = ok(command(location, order, "recall", Map.of()));

        assertThat(recalled.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(recalled.getString("readyAt")).isNull();
        assertThat(recalled.getList("items.status")).containsOnly("DONE");
        assertThat(ok(command(location, order, "ready")).getString("status")).isEqualTo("READY");
    }

    @Test
    void recallingAnOrderThatIsNotReadyNamesItsStatus() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        illegal(refused(location, () -> command(location, order, "recall", Map.of())), "NEW");
    }

    @Test
    void recallAfterTheLocationsWindowIsRefused() {
        String location = createLocation(Map.of("recallWindowSeconds", 1));
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String burger = itemIds(placed).get(0);
        Instant doneAt = Instant.parse(
                ok(command(location, order, "items/" + burger + "/bump")).getString("items[0].doneAt"));

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().isAfter(doneAt.plusMillis(1100)));

        JsonPath problem =
                problem(refused(location, () -> command(location, order, "recall", Map.of("itemId", burger))), 409);
        assertThat(problem.getString("type")).isEqualTo("/problems/recall-window-passed");
        assertThat(Db.events(location)).extracting(Db.Event::type).doesNotContain("RECALLED");
    }
}
