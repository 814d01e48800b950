package io.ticketrail.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Problems.illegal;
import static io.ticketrail.testsupport.Problems.problem;
import static io.ticketrail.testsupport.Problems.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** A POS that retries with the same Idempotency-Key gets the first answer back, and nothing happens twice. */
@QuarkusTest
class IdempotencyKeyTest {

    private static Response bump(String location, String order, String item, String key) {
        return json().header("Idempotency-Key", key).post(ORDER + "/items/{item}/bump", location, order, item);
    }

    private static void assertReplays(Response first, Response again) {
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.statusCode()).isEqualTo(first.statusCode());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.jsonPath().getMap("$")).isEqualTo(first.jsonPath().getMap("$"));
        // a client that hashes or caches the body gets the same bytes, though the record kept them as jsonb
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(again.contentType()).isEqualTo(first.contentType());
    }

    @Test
    void aRepeatedCommandReplaysTheFirstAnswerWithoutASecondEvent() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String burger = itemIds(placed).get(0);
        String key = UUID.randomUUID().toString();
        Response first = bump(location, order, burger, key);
        first.then().statusCode(200);

        // without the key a second bump of a done item would be a 409
        Response again = refused(location, () -> bump(location, order, burger, key));

        assertReplays(first, again);
        assertThat(Db.eventCount(location)).isEqualTo(2);
        assertThat(getOrder(location, order).jsonPath().getLong("version")).isEqualTo(1);
    }

    @Test
    void aRefusedCommandKeepsNoRecordSoItsKeyRunsOnceTheCommandCan() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String burger = itemIds(placed).get(0);
        bump(location, order, burger, UUID.randomUUID().toString()).then().statusCode(200);
        String key = UUID.randomUUID().toString();

        // a second bump of a done item: refused, and the refusal is not what the key answers from now on
        illegal(refused(location, () -> bump(location, order, burger, key)), "DONE");
        json().body(Map.of("itemId", burger))
                .post(ORDER + "/recall", location, order)
                .then()
                .statusCode(200);
        Response ran = bump(location, order, burger, key);
        Response again = refused(location, () -> bump(location, order, burger, key));

        assertThat(ran.statusCode()).isEqualTo(200);
        assertThat(ran.jsonPath().getString("items[0].status")).isEqualTo("DONE");
        assertReplays(ran, again);
        assertThat(Db.eventCount(location)).isEqualTo(4);
    }

    @Test
    void aRepeatedPlacementReplaysThe201() {
        String location = createLocation();
        Map<String, Object> order = burgerAndFries();
        String key = UUID.randomUUID().toString();
        Response first = json().header("Idempotency-Key", key).body(order).post(Api.LOCATION + "/orders", location);
        first.then().statusCode(201);

        Response again = refused(
                location,
                () -> json().header("Idempotency-Key", key).body(order).post(Api.LOCATION + "/orders", location));

        assertReplays(first, again);
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefused() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String key = UUID.randomUUID().toString();
        bump(location, order, itemIds(placed).get(0), key).then().statusCode(200);

        Response other =
                refused(location, () -> bump(location, order, itemIds(placed).get(1), key));

        assertThat(problem(other, 422).getString("type")).isEqualTo("/problems/idempotency-key-reused");
        assertThat(getOrder(location, order).jsonPath().getString("items[1].status"))
                .isEqualTo("QUEUED");
    }

    /** Issue 12, finding 5: a grill screen replaying the fry screen's key got the fry answer, past its station check. */
    @Test
    void anotherScreensKeyIsNotReplayedPastTheStationCheck() {
        String location = createLocation();
        Response placed = placed(location, burgerAndFries());
        String order = placed.jsonPath().getString("id");
        String fries = itemIds(placed).get(1);
        String fry =
                Auth.pair(location, List.of("station:fry"), List.of("bump")).token();
        String grill =
                Auth.pair(location, List.of("station:grill"), List.of("bump")).token();
        String key = UUID.randomUUID().toString();
        Auth.as(fry)
                .header("Idempotency-Key", key)
                .post(ORDER + "/items/{item}/bump", location, order, fries)
                .then()
                .statusCode(200);

        Response replayed = refused(
                location,
                () -> Auth.as(grill)
                        .header("Idempotency-Key", key)
                        .post(ORDER + "/items/{item}/bump", location, order, fries));

        assertThat(problem(replayed, 403).getString("detail")).contains("station fry");
        assertThat(replayed.header("Idempotent-Replayed")).isNull();
    }

    /** Another POS reusing a key for its own request got 422, which told it that the key had been used. */
    @Test
    void anotherKeysUseOfTheSameKeyIsNeitherReplayedNorRevealed() {
        String location = createLocation();
        String first = Auth.apiKey(location);
        String second = Auth.apiKey(location);
        String key = UUID.randomUUID().toString();
        Auth.as(first)
                .header("Idempotency-Key", key)
                .body(burgerAndFries())
                .post(Api.LOCATION + "/orders", location)
                .then()
                .statusCode(201);

        Response other = Auth.as(second)
                .header("Idempotency-Key", key)
                .body(burgerAndFries())
                .post(Api.LOCATION + "/orders", location);
        Response sameBodyAgain = Auth.as(second)
                .header("Idempotency-Key", key)
                .body(burgerAndFries())
                .post(Api.LOCATION + "/orders", location);

        other.then().statusCode(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        // its own key is its own: a different request under it is refused as for anyone
        assertThat(problem(sameBodyAgain, 422).getString("type")).isEqualTo("/problems/idempotency-key-reused");
        assertThat(Db.orderCount(location)).isEqualTo(2);
    }
}
