package io.ticketrail.location;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketrail.testsupport.Api;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.kitchenWith;
import static io.ticketrail.testsupport.Api.newLocationId;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Api.putLocation;
import static io.ticketrail.testsupport.Problems.invalid;
import static io.ticketrail.testsupport.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** PUT creates or replaces a whole location; a location the kitchen cannot run on is refused, field by field. */
@QuarkusTest
class LocationResourceTest {

    private static final Map<String, Object> GRILL = Map.of("id", "grill", "name", "Grill", "kind", "PREP");
    private static final Map<String, Object> SALAD = Map.of("id", "salad", "name", "Salad", "kind", "PREP");

    /** Sends a location that must be refused for {@code field}, and checks that nothing was created. */
    private static void refusedFor(String field, Map<String, Object> settings) {
        String id = newLocationId();
        invalid(putLocation(id, kitchenWith(settings)), 400, field);
        problem(json().get(LOCATION, id), 404);
    }

    @Test
    void putCreatesThenReplacesTheWholeLocation() {
        String id = newLocationId();
        putLocation(id, kitchenWith(Map.of())).then().statusCode(201);

        JsonPath replaced = Api.ok(putLocation(
                id,
                kitchenWith(Map.of(
                        "name",
                        "Uptown",
                        "stations",
                        List.of(GRILL, SALAD),
                        "routes",
                        List.of(Map.of("category", "Salads", "station", "salad")),
                        "recallWindowSeconds",
                        90))));

        JsonPath got = Api.ok(json().get(LOCATION, id));
        assertThat(got.getMap("$")).isEqualTo(replaced.getMap("$"));
        assertThat(got.getString("name")).isEqualTo("Uptown");
        assertThat(got.getList("stations.id")).containsExactly("grill", "salad");
        assertThat(got.getList("routes.category")).containsExactly("salads");
        assertThat(got.getInt("recallWindowSeconds")).isEqualTo(90);
        assertThat(Api.ok(json().get("/api/v1/locations")).getList("findAll { it.id == '" + id + "' }.name"))
                .containsExactly("Uptown");
    }

    @Test
    void aNewLocationGetsTheDefaultRecallWindow() {
        String id = newLocationId();

        JsonPath created = putLocation(id, kitchenWith(Map.of()))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        assertThat(created.getInt("recallWindowSeconds")).isEqualTo(300);
        assertThat(created.getBoolean("expoConfirmation")).isFalse();
    }

    @Test
    void replacingStationsKeepsOpenOrdersOnTheStationsTheyWereRoutedTo() {
        String id = Api.createLocation();
        String order = placedId(id, burgerAndFries());

        Api.ok(putLocation(id, kitchenWith(Map.of("stations", List.of(GRILL), "routes", List.of()))));

        assertThat(getOrder(id, order).jsonPath().getList("items.station")).containsExactly("grill", "fry");
    }

    @Test
    void anIdThatIsNotASlugIsRefused() {
        invalid(putLocation("Down_Town", kitchenWith(Map.of())), 400, "locationId");
    }

    @Test
    void twoStationsWithOneIdAreRefused() {
        refusedFor("stations[1].id", Map.of("stations", List.of(GRILL, GRILL), "routes", List.of()));
    }

    @Test
    void aRouteToAnUnknownStationIsRefused() {
        refusedFor("routes[0].station", Map.of("routes", List.of(Map.of("category", "pizza", "station", "oven"))));
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        refusedFor("timeZone", Map.of("timeZone", "Mars/Olympus_Mons"));
    }

    @Test
    void lateNotAfterWarnIsRefused() {
        refusedFor("lateAfterSeconds", Map.of("warnAfterSeconds", 600, "lateAfterSeconds", 600));
    }

    @Test
    void aDefaultStationThatIsNotPrepIsRefused() {
        refusedFor("defaultStation", Map.of("defaultStation", "expo"));
    }
}
