package io.ticketrail.order;

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
import static io.ticketrail.testsupport.Problems.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** Commands on single items and courses: add, void, fire, start, bump, bump a station. */
@QuarkusTest
class ItemCommandsTest {

    @Test
    void addedItemsAreRoutedQueuedAndMarkedChanged() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        JsonPath view = ok(command(location, order, "items", Map.of("items", List.of(item("Onion rings", "fries")))));

        assertThat(view.getString("items[2].name")).isEqualTo("Onion rings");
        assertThat(view.getString("items[2].station")).isEqualTo("fry");
        assertThat(view.getString("items[2].status")).isEqualTo("QUEUED");
        assertThat(view.getBoolean("items[2].changed")).isTrue();
        assertThat(view.getLong("version")).isEqualTo(1);
        assertThat(Db.events(location)).extracting(Db.Event::type).containsExactly("ORDER_PLACED", "ITEMS_ADDED");
    }

    @Test
    void addingItemsToAReadyOrderTakesItOutOfReady() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());
        ok(command(location, order, "stations/grill/bump"));
        assertThat(ok(command(location, order, "stations/fry/bump")).getString("status"))
                .isEqualTo("READY");

        JsonPath view = ok(command(location, order, "items", Map.of("items", List.of(item("Shake", "fries")))));

        assertThat(view.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(view.getString("readyAt")).isNull();
    }

    @Test
    void addingItemsToACancelledOrderNamesItsStatus() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());
        ok(command(location, order, "cancel"));

        illegal(
                refused(
                        location,
                        () -> command(
                                location, order, "items", Map.of("items", List.of(item("Onion rings", "fries"))))),
                "CANCELLED");
    }

    @Test
    void voidingAnItemKeepsItOnTheTicketWithItsReason() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");

        JsonPath view = ok(command(
                location, order, "items/" + itemIds(placed).get(1) + "/void", Map.of("reason", "guest changed mind")));

        assertThat(view.getList("items.status")).containsExactly("QUEUED", "VOIDED");
        assertThat(view.getString("items[1].voidReason")).isEqualTo("guest changed mind");
        assertThat(view.getString("status")).isEqualTo("NEW");
    }

    @Test
    void anItemReRungAfterItsCourseWasVoidedGoesStraightToTheKitchen() {
        String location = createLocation();
        Response placed = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))));
        String order = placed.jsonPath().getString("id");
        ok(command(location, order, "items/" + itemIds(placed).get(0) + "/void", Map.of("reason", "wrong modifier")));

        JsonPath view =
                ok(command(location, order, "items", Map.of("items", List.of(item("Cheeseburger", "burgers")))));

        assertThat(view.getList("items.status")).containsExactly("VOIDED", "QUEUED");
        assertThat(view.getString("status")).isEqualTo("NEW");
    }

    @Test
    void voidingAVoidedItemNamesItsStatus() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String fries = itemIds(placed).get(1);
        ok(command(location, order, "items/" + fries + "/void"));

        JsonPath problem =
                illegal(refused(location, () -> command(location, order, "items/" + fries + "/void")), "VOIDED");
        assertThat(problem.getString("itemId")).isEqualTo(fries);
    }

    @Test
    void laterCoursesAreHeldUntilFired() {
        String location = createLocation();
        Response placed = placed(
                location,
                orderOf(List.of(item("Soup", "burgers", 1), item("Steak", "burgers", 2), item("Fries", "fries", 2))));
        String order = placed.jsonPath().getString("id");
        assertThat(placed.jsonPath().getList("items.status")).containsExactly("QUEUED", "HELD", "HELD");

        // the first course done does not make the order ready while the second is still held
        JsonPath afterFirst =
                ok(command(location, order, "items/" + itemIds(placed).get(0) + "/bump"));
        assertThat(afterFirst.getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(afterFirst.getList("items.status")).containsExactly("DONE", "HELD", "HELD");
        // an item added later for an unfired course waits with it
        JsonPath added = ok(command(location, order, "items", Map.of("items", List.of(item("Salad", "burgers", 2)))));
        assertThat(added.getString("items[3].status")).isEqualTo("HELD");
    }

    @Test
    void firingACourseQueuesItsHeldItems() {
        String location = createLocation();
        Response placed = placed(location, orderOf(List.of(item("Soup", "burgers", 1), item("Steak", "burgers", 2))));
        String order = placed.jsonPath().getString("id");

        JsonPath view = ok(command(location, order, "courses/2/fire"));

        assertThat(view.getList("items.status")).containsExactly("QUEUED", "QUEUED");
        assertThat(Db.events(location)).extracting(Db.Event::type).containsExactly("ORDER_PLACED", "COURSE_FIRED");
    }

    @Test
    void itemsCarryWhenTheyWereSentToTheKitchen() {
        String location = createLocation();
        Response placed = placed(location, orderOf(List.of(item("Soup", "burgers", 1), item("Steak", "burgers", 2))));
        String order = placed.jsonPath().getString("id");
        Instant placedAt = Instant.parse(placed.jsonPath().getString("placedAt"));
        assertThat(Instant.parse(placed.jsonPath().getString("items[0].firedAt")))
                .isEqualTo(placedAt);
        // a held item has not been sent anywhere yet
        assertThat(placed.jsonPath().getString("items[1].firedAt")).isNull();

        JsonPath fired = ok(command(location, order, "courses/2/fire"));
        Instant firedAt = Instant.parse(fired.getString("items[1].firedAt"));
        assertThat(firedAt).isAfter(placedAt).isEqualTo(Instant.parse(fired.getString("updatedAt")));
        assertThat(Instant.parse(fired.getString("items[0].firedAt"))).isEqualTo(placedAt);

        // an item added to a course already fired goes to the kitchen at once, so it is fired when added
        JsonPath added = ok(command(location, order, "items", Map.of("items", List.of(item("Salad", "burgers", 2)))));
        assertThat(Instant.parse(added.getString("items[2].firedAt")))
                .isAfter(firedAt)
                .isEqualTo(Instant.parse(added.getString("updatedAt")));
        // an item added to a later, unfired course stays held without a fire time
        JsonPath held = ok(command(location, order, "items", Map.of("items", List.of(item("Cake", "burgers", 3)))));
        assertThat(held.getString("items[3].status")).isEqualTo("HELD");
        assertThat(held.getString("items[3].firedAt")).isNull();
    }

    @Test
    void firingACourseWithNothingHeldNamesTheOrderStatus() {
        String location = createLocation();
        String order = placedId(location, orderOf(List.of(item("Soup", "burgers", 1), item("Steak", "burgers", 2))));
        ok(command(location, order, "courses/2/fire"));

        illegal(refused(location, () -> command(location, order, "courses/2/fire")), "NEW");
    }

    @Test
    void startingAnItemPutsItAndTheOrderInProgress() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");

        JsonPath view = ok(command(location, order, "items/" + itemIds(placed).get(0) + "/start"));

        assertThat(view.getList("items.status")).containsExactly("IN_PROGRESS", "QUEUED");
        assertThat(view.getString("items[0].startedAt")).isNotNull();
        assertThat(view.getString("status")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void startingAHeldItemNamesItsStatus() {
        String location = createLocation();
        Response placed = placed(location, orderOf(List.of(item("Soup", "burgers", 1), item("Steak", "burgers", 2))));
        String order = placed.jsonPath().getString("id");

        illegal(
                refused(
                        location,
                        () -> command(
                                location, order, "items/" + itemIds(placed).get(1) + "/start")),
                "HELD");
    }

    @Test
    void bumpingAnItemMarksItDone() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");

        JsonPath view = ok(command(location, order, "items/" + itemIds(placed).get(0) + "/bump"));

        assertThat(view.getList("items.status")).containsExactly("DONE", "QUEUED");
        assertThat(view.getString("items[0].doneAt")).isNotNull();
        assertThat(view.getString("status")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void bumpingADoneItemNamesItsStatus() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String burger = itemIds(placed).get(0);
        ok(command(location, order, "items/" + burger + "/bump"));

        illegal(refused(location, () -> command(location, order, "items/" + burger + "/bump")), "DONE");
    }

    @Test
    void bumpingAStationFinishesAllItsItemsInOneEvent() {
        String location = createLocation();
        String order = placedId(
                location,
                orderOf(List.of(
                        item("Cheeseburger", "burgers"), item("Fries", "fries"), item("Veggie burger", "burgers"))));

        JsonPath view = ok(command(location, order, "stations/grill/bump"));

        assertThat(view.getList("items.status")).containsExactly("DONE", "QUEUED", "DONE");
        assertThat(Db.events(location)).extracting(Db.Event::type).containsExactly("ORDER_PLACED", "STATION_BUMPED");
    }

    @Test
    void bumpingAStationWithNothingCookingNamesTheOrderStatus() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());
        ok(command(location, order, "stations/grill/bump"));

        illegal(refused(location, () -> command(location, order, "stations/grill/bump")), "IN_PROGRESS");
    }
}
