package io.ticketrail.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Screens;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Problems.illegal;
import static io.ticketrail.testsupport.Problems.invalid;
import static io.ticketrail.testsupport.Problems.problem;
import static io.ticketrail.testsupport.Problems.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Changes after a ticket reached the line leave a notice for each screen that must see them (the item's station
 * and expo), kept with the order until that screen acknowledges it; a VOID or CANCELLED card keeps an order on a
 * station until then.
 */
@QuarkusTest
class NoticesTest {

    @Inject
    NoticeExpiry expiry;

    private static final String GRILL = "view=station&station=grill";
    private static final String FRY = "view=station&station=fry";
    private static final String EXPO = "view=expo";

    @Test
    void voidingTheLastItemOfAStationKeepsAVoidCardThereUntilItsCookAcknowledges() {
        String location = createLocation();
        Order order = place(location);

        JsonPath voided = ok(
                command(location, order.id, "items/" + order.burger + "/void", Map.of("reason", "guest changed mind")));

        assertThat(notices(voided))
                .containsExactly(
                        tuple("station:grill", "VOIDED", "Cheeseburger", "guest changed mind"),
                        tuple("expo", "VOIDED", "Cheeseburger", "guest changed mind"));
        JsonNode onGrill = Screens.projectedFromDb(location, GRILL).get(order.id);
        assertThat(onGrill)
                .as("the grill still shows the order, with nothing left to cook")
                .isNotNull();
        assertThat(onGrill.path("notices").findValuesAsText("kind")).containsExactly("VOIDED");
        assertThat(onGrill.path("items").get(0).path("voidReason").asText()).isEqualTo("guest changed mind");
        assertThat(Screens.projectedFromDb(location, FRY)
                        .get(order.id)
                        .path("notices")
                        .isEmpty())
                .as("the fry station has nothing to acknowledge")
                .isTrue();

        JsonPath acknowledged = ok(ack(location, order.id, "station:grill"));

        assertThat(notices(acknowledged)).extracting(t -> t.toList().get(0)).containsExactly("expo");
        assertThat(Screens.projectedFromDb(location, GRILL)).doesNotContainKey(order.id);
        assertThat(Screens.projectedFromDb(location, EXPO)
                        .get(order.id)
                        .path("notices")
                        .size())
                .isEqualTo(1);
        assertThat(Db.events(location))
                .extracting(Db.Event::type)
                .containsExactly("ORDER_PLACED", "ITEM_VOIDED", "NOTICES_ACKNOWLEDGED");
    }

    @Test
    void aCancelledOrderStaysOnTheStationsCookingItAndOnExpoUntilEachAcknowledges() {
        String location = createLocation();
        Order order = place(location);
        ok(command(location, order.id, "items/" + order.fries + "/bump"));

        JsonPath cancelled = ok(command(location, order.id, "cancel", Map.of("reason", "walked out")));

        assertThat(notices(cancelled))
                .containsExactly(
                        tuple("station:grill", "CANCELLED", null, "walked out"),
                        tuple("expo", "CANCELLED", null, "walked out"));
        assertThat(Screens.projectedFromDb(location, GRILL)
                        .get(order.id)
                        .path("status")
                        .asText())
                .isEqualTo("CANCELLED");
        assertThat(Screens.projectedFromDb(location, FRY))
                .as("fry had bumped its fries")
                .doesNotContainKey(order.id);
        assertThat(Screens.projectedFromDb(location, "view=foh")).doesNotContainKey(order.id);

        ok(ack(location, order.id, "station:grill"));
        assertThat(Screens.projectedFromDb(location, GRILL)).doesNotContainKey(order.id);
        assertThat(Screens.projectedFromDb(location, EXPO)).containsKey(order.id);

        ok(ack(location, order.id, "expo"));
        assertThat(Screens.projectedFromDb(location, EXPO)).doesNotContainKey(order.id);
    }

    @Test
    void addedItemsNoticeTheirStationAndExpoButAHeldOneOnlyExpo() {
        String location = createLocation();
        Order order = place(location);

        JsonPath added = ok(command(
                location,
                order.id,
                "items",
                Map.of(
                        "items",
                        List.of(Map.of("name", "Fries", "qty", 2, "category", "fries"), item("Sundae", "fries", 3)))));

        assertThat(notices(added))
                .containsExactly(
                        tuple("station:fry", "ADDED", "Fries", null),
                        tuple("expo", "ADDED", "Fries", null),
                        tuple("expo", "ADDED", "Sundae", null));
        assertThat(added.getInt("notices[0].qty")).isEqualTo(2);
        assertThat(Screens.projectedFromDb(location, GRILL)
                        .get(order.id)
                        .path("notices")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aChangedQuantityOrNoteNoticesTheStationWithBothValues() {
        String location = createLocation();
        Order order = place(location);

        JsonPath changed = ok(json().body(Map.of("qty", 3, "notes", "well done"))
                .patch(ORDER + "/items/{item}", location, order.id, order.burger));

        assertThat(changed.getInt("items[0].qty")).isEqualTo(3);
        assertThat(changed.getString("items[0].notes")).isEqualTo("well done");
        assertThat(changed.getBoolean("items[0].changed")).isTrue();
        assertThat(notices(changed))
                .containsExactly(
                        tuple("station:grill", "QTY_CHANGED", "Cheeseburger", null),
                        tuple("expo", "QTY_CHANGED", "Cheeseburger", null),
                        tuple("station:grill", "NOTE_CHANGED", "Cheeseburger", "well done"),
                        tuple("expo", "NOTE_CHANGED", "Cheeseburger", "well done"));
        assertThat(changed.getList("notices.previousQty", Integer.class)).containsExactly(1, 1, null, null);
        assertThat(Db.events(location)).extracting(Db.Event::type).containsExactly("ORDER_PLACED", "ITEM_CHANGED");
    }

    @Test
    void changingAnItemNeedsAFieldAValidQuantityAndAnItemStillToCook() {
        String location = createLocation();
        Order order = place(location);
        String item = ORDER + "/items/{item}";

        invalid(
                refused(location, () -> json().body(Map.of()).patch(item, location, order.id, order.burger)),
                400,
                "body");
        invalid(
                refused(location, () -> json().body(Map.of("qty", 0)).patch(item, location, order.id, order.burger)),
                400,
                "qty");
        ok(command(location, order.id, "items/" + order.burger + "/bump"));
        illegal(
                refused(location, () -> json().body(Map.of("qty", 2)).patch(item, location, order.id, order.burger)),
                "DONE");
    }

    @Test
    void firingACourseBringsAHeldOnlyTicketOntoTheStationWithANotice() {
        String location = createLocation();
        Response placed = placed(location, orderOf(List.of(item("Fries", "fries", 1), item("Steak", "burgers", 2))));
        String order = placed.jsonPath().getString("id");
        assertThat(Screens.projectedFromDb(location, GRILL))
                .as("held only: not a ticket on the grill yet")
                .doesNotContainKey(order);

        JsonPath fired = ok(command(location, order, "courses/2/fire"));

        assertThat(notices(fired))
                .containsExactly(
                        tuple("station:grill", "COURSE_FIRED", null, null), tuple("expo", "COURSE_FIRED", null, null));
        assertThat(fired.getList("notices.course", Integer.class)).containsExactly(2, 2);
        assertThat(Screens.projectedFromDb(location, GRILL)
                        .get(order)
                        .path("notices")
                        .get(0)
                        .path("kind")
                        .asText())
                .isEqualTo("COURSE_FIRED");
        assertThat(Screens.projectedFromDb(location, FRY)
                        .get(order)
                        .path("notices")
                        .isEmpty())
                .as("fry's course was not fired now")
                .isTrue();
    }

    @Test
    void completingAnOrderDropsItsNotices() {
        String location = createLocation();
        Order order = place(location);
        ok(command(location, order.id, "items", Map.of("items", List.of(item("Shake", "fries")))));
        ok(command(location, order.id, "stations/grill/bump"));
        ok(command(location, order.id, "stations/fry/bump"));

        JsonPath completed = ok(command(location, order.id, "complete"));

        assertThat(completed.getList("notices")).isEmpty();
    }

    @Test
    void aScreenAcknowledgesItsOwnNoticesOnlyAndARefusalChangesNothing() {
        String location = createLocation();
        Order order = place(location);
        ok(command(location, order.id, "items/" + order.burger + "/void"));
        String grill = Auth.pair(location, List.of("station:grill"), List.of("start", "bump", "recall"))
                .token();
        String expo =
                Auth.pair(location, List.of("expo"), List.of("ready", "recall")).token();
        String foh = Auth.pair(location, List.of("foh"), List.of("complete")).token();
        String pos = Auth.apiKey(location);

        problem(refused(location, () -> ackAs(grill, location, order.id, "expo")), 403);
        problem(refused(location, () -> ackAs(expo, location, order.id, "station:grill")), 403);
        problem(refused(location, () -> ackAs(foh, location, order.id, "expo")), 403);
        problem(refused(location, () -> ackAs(pos, location, order.id, "station:grill")), 403);
        assertThat(getOrder(location, order.id).jsonPath().getList("notices")).hasSize(2);

        ok(ackAs(grill, location, order.id, "station:grill"));
        ok(ackAs(expo, location, order.id, "expo"));

        assertThat(getOrder(location, order.id).jsonPath().getList("notices")).isEmpty();
        List<String> actors = json().get(LOCATION + "/events", location)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events.findAll { it.type == 'NOTICES_ACKNOWLEDGED' }.actor", String.class);
        assertThat(actors).hasSize(2).allSatisfy(actor -> assertThat(actor).startsWith("device:"));
    }

    @Test
    void badAcknowledgementsNameTheFieldOrTheStateAndWriteNothing() {
        String location = createLocation();
        Order order = place(location);
        ok(command(location, order.id, "items/" + order.burger + "/void"));

        invalid(
                refused(location, () -> json().body(Map.of()).post(ORDER + "/notices/ack", location, order.id)),
                400,
                "view");
        invalid(refused(location, () -> ack(location, order.id, "station:pizza")), 400, "view");
        invalid(refused(location, () -> ack(location, order.id, "grill")), 400, "view");
        JsonPath nothing = problem(refused(location, () -> ack(location, order.id, "station:fry")), 409);
        assertThat(nothing.getString("type")).isEqualTo("/problems/no-notices");
        // a cook who saw an older version of the ticket has not seen the newest notice
        problem(
                refused(
                        location,
                        () -> json().header("If-Match", "\"0\"")
                                .body(Map.of("view", "expo"))
                                .post(ORDER + "/notices/ack", location, order.id)),
                412);
        assertThat(getOrder(location, order.id).jsonPath().getList("notices")).hasSize(2);
    }

    @Test
    void aCancelledCardNobodyAcknowledgesIsAcknowledgedForItAfterTheLifetime() {
        String location = createLocation();
        Order order = place(location);
        Instant cancelledAt =
                Instant.parse(ok(command(location, order.id, "cancel")).getString("cancelledAt"));

        expiry.expire(cancelledAt.plus(Duration.ofHours(11)));
        assertThat(Screens.projectedFromDb(location, EXPO)).containsKey(order.id);

        expiry.expire(cancelledAt.plus(Duration.ofHours(13)));

        assertThat(getOrder(location, order.id).jsonPath().getList("notices")).isEmpty();
        assertThat(Screens.projectedFromDb(location, EXPO)).doesNotContainKey(order.id);
        assertThat(Screens.projectedFromDb(location, GRILL)).doesNotContainKey(order.id);
        List<Map<String, Object>> events = json().get(LOCATION + "/events", location)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events");
        assertThat(events.get(events.size() - 1))
                .containsEntry("type", "NOTICES_ACKNOWLEDGED")
                .containsEntry("actor", "system:notice-expiry");
    }

    private record Order(String id, String burger, String fries) {}

    private static Order place(String location) {
        Response placed = placed(location, burgerAndFries());
        List<String> items = itemIds(placed);
        return new Order(placed.jsonPath().getString("id"), items.get(0), items.get(1));
    }

    private static Response ack(String location, String order, String view) {
        return json().body(Map.of("view", view)).post(ORDER + "/notices/ack", location, order);
    }

    private static Response ackAs(String token, String location, String order, String view) {
        return Auth.as(token).body(Map.of("view", view)).post(ORDER + "/notices/ack", location, order);
    }

    /** Each notice as (view, kind, itemName, text). */
    private static List<Tuple> notices(JsonPath order) {
        List<Map<String, Object>> notices = order.getList("notices");
        return notices.stream()
                .map(n -> tuple(n.get("view"), n.get("kind"), n.get("itemName"), n.get("text")))
                .toList();
    }
}
