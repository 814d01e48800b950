package io.ticketrail.order;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.concurrently;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.patch;
import static io.ticketrail.testsupport.Api.place;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class OrderPlacementTest {

    @Test
    void placingAnOrderRoutesItemsAndAppendsOneEvent() {
        String location = createLocation();

        Response response = placed(location, burgerAndFries());

        assertThat(response.jsonPath().getString("status")).isEqualTo("NEW");
        assertThat(response.jsonPath().getInt("number")).isEqualTo(1);
        assertThat(response.jsonPath().getList("items.station")).containsExactly("grill", "fry");
        assertThat(response.jsonPath().getList("items.status")).containsOnly("QUEUED");
        assertThat(Db.eventCount(location)).isEqualTo(1);
        assertThat(Db.head(location)).isEqualTo(1);
    }

    @Test
    void aPromisedTimeIsKeptToTheMicrosecondAsTheDatabaseKeepsIt() {
        String location = createLocation();
        Map<String, Object> order = new HashMap<>(burgerAndFries());
        order.put("promisedAt", "2030-01-01T12:00:00.123456789Z");

        // the answer is the view the event log (and every screen) carries; a later read comes from the table
        Response answer = placed(location, order);
        Response patched = patch(
                location, answer.jsonPath().getString("id"), Map.of("promisedAt", "2030-01-01T12:30:00.999999999Z"));

        assertThat(answer.jsonPath().getString("promisedAt")).isEqualTo("2030-01-01T12:00:00.123456Z");
        assertThat(patched.jsonPath().getString("promisedAt")).isEqualTo("2030-01-01T12:30:00.999999Z");
        assertThat(getOrder(location, answer.jsonPath().getString("id"))
                        .jsonPath()
                        .getString("promisedAt"))
                .isEqualTo("2030-01-01T12:30:00.999999Z");
    }

    @Test
    void samePlacementTwiceReturnsTheFirstOrderWithoutANewEvent() {
        String location = createLocation();
        Map<String, Object> order = burgerAndFries();
        String id = placed(location, order).jsonPath().getString("id");

        Response again = place(location, order);

        again.then().statusCode(200);
        assertThat(again.jsonPath().getString("id")).isEqualTo(id);
        assertThat(Db.eventCount(location)).isEqualTo(1);
    }

    @Test
    void aRetryThatSpellsOutTheDefaultsIsStillTheSameOrder() {
        String location = createLocation();
        String externalId = "pos-defaults-" + java.util.UUID.randomUUID();
        Map<String, Object> terse = Map.of(
                "externalId", externalId, "channel", "TAKEOUT", "items", List.of(Map.of("name", "Fries", "qty", 1)));
        Map<String, Object> spelledOut = Map.of(
                "externalId",
                externalId,
                "channel",
                "TAKEOUT",
                "priority",
                "NORMAL",
                "items",
                List.of(Map.of("name", "Fries", "qty", 1, "course", 1, "modifiers", List.of())));
        String id = placed(location, terse).jsonPath().getString("id");

        Response retry = place(location, spelledOut);

        retry.then().statusCode(200);
        assertThat(retry.jsonPath().getString("id")).isEqualTo(id);
        assertThat(Db.eventCount(location)).isEqualTo(1);
    }

    @Test
    void sameExternalIdWithOtherContentIsAConflict() {
        String location = createLocation();
        Map<String, Object> order = new HashMap<>(burgerAndFries());
        placed(location, order);
        order.put("table", "14");

        place(location, order).then().statusCode(409).contentType("application/problem+json");
        assertThat(Db.eventCount(location)).isEqualTo(1);
    }

    @Test
    void tenConcurrentIdenticalPlacementsMakeOneOrderAndOneEvent() throws Exception {
        String location = createLocation();
        Map<String, Object> order = burgerAndFries();

        Callable<Response> placement = () -> place(location, order);

        List<Response> responses = concurrently(Collections.nCopies(10, placement));

        assertThat(responses)
                .extracting(Response::statusCode)
                .containsOnlyOnce(201)
                .containsOnly(201, 200);
        assertThat(responses)
                .extracting(r -> r.jsonPath().getString("id"))
                .containsOnly(responses.get(0).jsonPath().getString("id"));
        assertThat(Db.orderCount(location)).isEqualTo(1);
        assertThat(Db.eventCount(location)).isEqualTo(1);
    }
}
