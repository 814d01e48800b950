package io.ticketrail.order;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.patch;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Problems.illegal;
import static io.ticketrail.testsupport.Problems.problem;
import static io.ticketrail.testsupport.Problems.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** An order's own status: ready (by itself or by expo), complete, cancel, changes, and version checks. */
@QuarkusTest
class OrderLifecycleTest {

    private static String readyOrder(String location) {
        String order = placedId(location, burgerAndFries());
        ok(command(location, order, "stations/grill/bump"));
        ok(command(location, order, "stations/fry/bump"));
        return order;
    }

    private static Response listed(String location, String status) {
        return json().queryParam("status", status).get(Api.LOCATION + "/orders", location);
    }

    @Test
    void anOrderIsReadyByItselfOnceEveryItemIsDone() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        assertThat(ok(command(location, order, "stations/grill/bump")).getString("status"))
                .isEqualTo("IN_PROGRESS");
        JsonPath view = ok(command(location, order, "stations/fry/bump"));

        assertThat(view.getString("status")).isEqualTo("READY");
        assertThat(view.getString("readyAt")).isNotNull();
    }

    @Test
    void voidingTheLastPendingItemMakesTheOrderReady() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        ok(command(location, order, "stations/grill/bump"));

        JsonPath view = ok(command(location, order, "items/" + itemIds(placed).get(1) + "/void"));

        assertThat(view.getString("status")).isEqualTo("READY");
    }

    @Test
    void withExpoConfirmationADoneOrderWaitsForExpo() {
        String location = createLocation(true);
        String order = placedId(location, burgerAndFries());
        ok(command(location, order, "stations/grill/bump"));

        JsonPath allDone = ok(command(location, order, "stations/fry/bump"));
        assertThat(allDone.getList("items.status")).containsOnly("DONE");
        assertThat(allDone.getString("status")).isEqualTo("IN_PROGRESS");

        JsonPath ready = ok(command(location, order, "ready"));
        assertThat(ready.getString("status")).isEqualTo("READY");
        assertThat(ready.getString("readyAt")).isNotNull();
        assertThat(Db.events(location)).extracting(Db.Event::type).endsWith("ORDER_READY");
    }

    @Test
    void expoCannotMarkReadyWhileItemsArePending() {
        String location = createLocation(true);
        String order = placedId(location, burgerAndFries());
        ok(command(location, order, "stations/grill/bump"));

        JsonPath problem = illegal(refused(location, () -> command(location, order, "ready")), "IN_PROGRESS");
        assertThat(problem.getInt("pendingItems")).isEqualTo(1);
    }

    @Test
    void markingAReadyOrderReadyNamesItsStatus() {
        String location = createLocation();
        String order = readyOrder(location);

        illegal(refused(location, () -> command(location, order, "ready")), "READY");
    }

    @Test
    void completingAReadyOrderMovesItFromOpenToCompleted() {
        String location = createLocation();
        String order = readyOrder(location);

        JsonPath view = ok(command(location, order, "complete"));

        assertThat(view.getString("status")).isEqualTo("COMPLETED");
        assertThat(view.getString("completedAt")).isNotNull();
        assertThat(listed(location, "open").jsonPath().getInt("total")).isZero();
        JsonPath completed = listed(location, "completed").jsonPath();
        assertThat(completed.getList("orders.id")).containsExactly(order);
        assertThat(completed.getInt("total")).isEqualTo(1);
    }

    @Test
    void completingANewOrderNamesItsStatus() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        illegal(refused(location, () -> command(location, order, "complete")), "NEW");
    }

    @Test
    void cancellingAnOrderKeepsTheReason() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        JsonPath view = ok(command(location, order, "cancel", Map.of("reason", "walked out")));

        assertThat(view.getString("status")).isEqualTo("CANCELLED");
        assertThat(view.getString("cancelReason")).isEqualTo("walked out");
        assertThat(listed(location, "cancelled").jsonPath().getList("orders.id"))
                .containsExactly(order);
    }

    @Test
    void aBareCancelWithoutBodyOrContentTypeIsAccepted() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        Auth.asManagerBare().post(ORDER + "/cancel", location, order).then().statusCode(200);

        assertThat(ok(getOrder(location, order)).getString("status")).isEqualTo("CANCELLED");
    }

    @Test
    void cancellingACompletedOrderNamesItsStatus() {
        String location = createLocation();
        String order = readyOrder(location);
        ok(command(location, order, "complete"));

        illegal(refused(location, () -> command(location, order, "cancel", Map.of("reason", "late"))), "COMPLETED");
    }

    @Test
    void patchChangesPriorityAndPromisedAtIndependently() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        assertThat(ok(patch(location, order, Map.of("priority", "RUSH"))).getString("priority"))
                .isEqualTo("RUSH");
        JsonPath view = ok(patch(location, order, Map.of("promisedAt", "2026-11-22T19:30:00Z")));

        assertThat(view.getString("priority")).isEqualTo("RUSH");
        assertThat(view.getString("promisedAt")).isEqualTo("2026-11-22T19:30:00Z");
        assertThat(Db.events(location))
                .extracting(Db.Event::type)
                .containsExactly("ORDER_PLACED", "ORDER_UPDATED", "ORDER_UPDATED");
    }

    @Test
    void patchingACancelledOrderNamesItsStatus() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());
        ok(command(location, order, "cancel"));

        illegal(refused(location, () -> patch(location, order, Map.of("priority", "RUSH"))), "CANCELLED");
    }

    @Test
    void getAnswersTheOrderVersionAsItsETag() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());
        ok(patch(location, order, Map.of("priority", "RUSH")));

        Response got = getOrder(location, order);

        got.then().statusCode(200);
        assertThat(got.jsonPath().getLong("version")).isEqualTo(1);
        assertThat(got.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void aStaleIfMatchIsRefusedWithTheCurrentVersion() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());
        String seen = getOrder(location, order).header("ETag");
        ok(patch(location, order, Map.of("priority", "RUSH")));

        JsonPath problem = problem(
                refused(
                        location,
                        () -> json().header("If-Match", seen)
                                .body(Map.of("priority", "NORMAL"))
                                .patch(ORDER, location, order)),
                412);

        assertThat(problem.getLong("currentVersion")).isEqualTo(1);
        Response current = json().header("If-Match", getOrder(location, order).header("ETag"))
                .body(Map.of("priority", "NORMAL"))
                .patch(ORDER, location, order);
        assertThat(ok(current).getString("priority")).isEqualTo("NORMAL");
    }
}
