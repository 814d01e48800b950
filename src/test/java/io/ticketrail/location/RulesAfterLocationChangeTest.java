package io.ticketrail.location;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.kitchen;
import static io.ticketrail.testsupport.Api.kitchenWith;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.place;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.putLocation;
import static io.ticketrail.testsupport.Problems.invalid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands keep a location's rules in memory; the first command after a change, on this instance or any other,
 * routes and checks by the new rules.
 */
@QuarkusTest
class RulesAfterLocationChangeTest {

    private static final Map<String, Object> SALAD = Map.of("id", "salad", "name", "Salad", "kind", "PREP");

    private static List<String> stationsOf(String locationId, Map<String, Object> order) {
        return placed(locationId, order).jsonPath().getList("items.station", String.class);
    }

    @Test
    void theOrderAfterAPutIsRoutedByTheNewRoutesAndStations() {
        String location = Api.createLocation();
        assertThat(stationsOf(location, burgerAndFries())).containsExactly("grill", "fry");
        invalid(
                place(location, orderOf(List.of(Map.of("name", "Caesar", "qty", 1, "station", "salad")))),
                400,
                "items[0].station");

        @SuppressWarnings("unchecked")
        List<Object> stations = new ArrayList<>((List<Object>) kitchen(false).get("stations"));
        stations.add(SALAD);
        Api.ok(putLocation(
                location,
                kitchenWith(Map.of(
                        "stations",
                        stations,
                        "routes",
                        List.of(
                                Map.of("category", "burgers", "station", "fry"),
                                Map.of("category", "fries", "station", "salad"))))));

        assertThat(stationsOf(location, burgerAndFries())).containsExactly("fry", "salad");
        assertThat(stationsOf(location, orderOf(List.of(Map.of("name", "Caesar", "qty", 1, "station", "salad")))))
                .containsExactly("salad");
    }

    /** What another instance's PUT leaves in the database: new rows and a new config version, nothing in memory. */
    @Test
    void aChangeCommittedElsewhereIsUsedByTheNextCommandHere() {
        String location = Api.createLocation();
        assertThat(stationsOf(location, orderOf(List.of(item("Cheeseburger", "burgers")))))
                .containsExactly("grill");

        Db.execute("update route set station_id = 'fry' where location_id = '" + location
                + "' and category = 'burgers'; update location_stream set config_version = config_version + 1"
                + " where location_id = '" + location + "'");

        assertThat(stationsOf(location, orderOf(List.of(item("Cheeseburger", "burgers")))))
                .containsExactly("fry");
    }
}
