package io.ticketrail.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HeaderConfig;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.newLocationId;
import static io.ticketrail.testsupport.Api.order;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.place;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Problems.invalid;
import static io.ticketrail.testsupport.Problems.problem;
import static io.ticketrail.testsupport.Problems.refused;
import static org.assertj.core.api.Assertions.assertThat;

/** What a POS gets back for a request the API cannot take: problem+json that names the field, and nothing written. */
@QuarkusTest
class RequestValidationTest {

    private static Map<String, Object> withItem(Map<String, Object> item) {
        return orderOf(List.of(item));
    }

    private static Response postRaw(String location, String body) {
        return json().body(body).post(LOCATION + "/orders", location);
    }

    /**
     * An Accept header that is not a list of media types is refused before anything runs: the answer is only
     * written after the command committed, too late to refuse it. Every Accept header counts, not only the first.
     */
    @Test
    void anUnreadableAcceptHeaderIsRefusedBeforeTheCommandRuns() {
        String location = createLocation();

        invalid(
                refused(
                        location,
                        () -> json().header("Accept", "application/json, not a type")
                                .body(burgerAndFries())
                                .post(LOCATION + "/orders", location)),
                400,
                "Accept");
        invalid(
                refused(
                        location,
                        () -> json().config(RestAssured.config()
                                        .headerConfig(
                                                HeaderConfig.headerConfig().mergeHeadersWithName("Accept")))
                                .header("Accept", "application/json")
                                .header("Accept", "not a type")
                                .body(burgerAndFries())
                                .post(LOCATION + "/orders", location)),
                400,
                "Accept");
    }

    @Test
    void anOrderWithoutItemsIsRefused() {
        String location = createLocation();

        invalid(refused(location, () -> place(location, orderOf(List.of()))), 400, "items");
    }

    @Test
    void aQuantityOfZeroIsRefused() {
        String location = createLocation();

        invalid(
                refused(location, () -> place(location, withItem(Map.of("name", "Fries", "qty", 0)))),
                400,
                "items[0].qty");
    }

    @Test
    void anItemForAnUnknownStationIsRefused() {
        String location = createLocation();

        invalid(
                refused(
                        location,
                        () -> place(location, withItem(Map.of("name", "Pizza", "qty", 1, "station", "pizza-oven")))),
                400,
                "items[0].station");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String location = createLocation();
        Map<String, Object> order = new HashMap<>(burgerAndFries());
        order.put("notes", "x".repeat(300 * 1024));

        problem(refused(location, () -> place(location, order)), 413);
    }

    @Test
    void malformedJsonIsRefused() {
        String location = createLocation();

        for (String body : List.of("not json", "{\"externalId\": \"pos-1\", \"items\": [{\"name\": ")) {
            Response response = refused(location, () -> postRaw(location, body));
            assertThat(problem(response, 400).getString("type")).as(body).isEqualTo("/problems/malformed-json");
        }
    }

    @Test
    void anUnknownChannelNamesTheField() {
        String location = createLocation();
        Map<String, Object> order = new HashMap<>(burgerAndFries());
        order.put("channel", "SPACESHIP");

        invalid(refused(location, () -> place(location, order)), 400, "channel");
    }

    @Test
    void anUnknownLocationIsNotFound() {
        String location = newLocationId();

        problem(refused(location, () -> place(location, burgerAndFries())), 404);
        problem(json().get(LOCATION, location), 404);
        problem(json().get(LOCATION + "/events", location), 404);
    }

    @Test
    void anUnknownOrderOrItemIsNotFound() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        problem(refused(location, () -> command(location, UUID.randomUUID().toString(), "cancel")), 404);
        problem(refused(location, () -> command(location, "not-a-uuid", "cancel")), 404);
        problem(refused(location, () -> command(location, order, "items/" + UUID.randomUUID() + "/bump")), 404);
        // an order is only reachable under its own location
        String other = createLocation();
        problem(refused(location, () -> command(other, order, "cancel")), 404);
    }

    @Test
    void anUnknownPathAndAWrongMediaTypeAnswerProblemsToo() {
        String location = createLocation();

        problem(json().get("/api/v1/no-such-thing"), 404);
        problem(
                refused(
                        location,
                        () -> Auth.asManagerBare()
                                .contentType("text/plain")
                                .body("2 burgers")
                                .post(LOCATION + "/orders", location)),
                415);
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerPosVersionsKeepWorking() {
        String location = createLocation();
        Map<String, Object> item = new HashMap<>(item("Cheeseburger", "burgers"));
        item.put("spiceLevel", 3);
        Map<String, Object> order = new HashMap<>(order("pos-" + UUID.randomUUID(), List.of(item)));
        order.put("loyaltyTier", Map.of("name", "gold"));

        Response response = placed(location, order);

        assertThat(response.jsonPath().getString("items[0].name")).isEqualTo("Cheeseburger");
    }

    /** Issue 12, finding 11: a quantity of 1.9 was stored as 1, and "5" as 5. */
    @Test
    void aQuantityThatIsNoIntegerIsRefusedNotRounded() {
        String location = createLocation();
        for (String qty : new String[] {"1.9", "\"5\"", "1.0", "1e0"}) {
            String body = "{\"externalId\":\"pos-" + UUID.randomUUID() + "\",\"channel\":\"DINE_IN\","
                    + "\"items\":[{\"name\":\"Fries\",\"category\":\"fries\",\"qty\":" + qty + "}]}";

            invalid(refused(location, () -> postRaw(location, body)), 400, "items[0].qty");
        }
    }

    /**
     * A NUL (which PostgreSQL cannot store, so it names nothing) in the path or in a parameter's name or value is
     * refused before any endpoint or access check runs: 404 for the path rather than the 403 another location's id
     * gets, 400 naming the parameter.
     */
    @Test
    void aNulInThePathOrAParameterIsRefusedBeforeAnythingRuns() {
        String location = createLocation();

        problem(json().get(LOCATION + "/orders", location + "\u0000"), 404);
        invalid(json().queryParam("page", "1\u0000").get(LOCATION + "/orders", location), 400, "page");
        invalid(json().urlEncodingEnabled(false).get(LOCATION + "/orders?size=5&pa%00ge=1", location), 400, "pa?ge");
        assertThat(json().queryParam("page", "0")
                        .get(LOCATION + "/orders", location)
                        .statusCode())
                .isEqualTo(200);
    }

    /** Issue 12, finding 9: numbers past what the query can take answered 500. */
    @Test
    void numbersOutOfRangeInTheQueryAre400sNamingTheParameter() {
        String location = createLocation();

        invalid(
                json().queryParam("page", 4294968).queryParam("size", 500).get(LOCATION + "/orders", location),
                400,
                "page");
        invalid(
                Auth.asManagerBare()
                        .accept("text/csv")
                        .queryParam("from", "-999999999-01-01")
                        .queryParam("to", "2026-01-01")
                        .get(LOCATION + "/reports/completed.csv", location),
                400,
                "from");
        invalid(
                Auth.asManagerBare()
                        .accept("text/csv")
                        .queryParam("from", "2026-01-01")
                        .queryParam("to", "+999999999-12-31")
                        .get(LOCATION + "/reports/completed.csv", location),
                400,
                "to");
    }
}
