package io.ticketrail.location;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.TwoInstances;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.kitchenWith;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.putLocation;
import static org.assertj.core.api.Assertions.assertThat;

/** A location changed through one instance: the next order placed through another is routed by the new rules. */
@QuarkusTest
class RulesAcrossInstancesIT extends TwoInstances {

    private static List<String> stationsOfBurgerPlacedThrough(URI instance, String location) {
        return Api.json(instance)
                .body(orderOf(List.of(item("Cheeseburger", "burgers"))))
                .post(LOCATION + "/orders", location)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getList("items.station", String.class);
    }

    @Test
    void theOtherInstanceRoutesTheNextOrderByTheNewRoutes() {
        String location = Api.createLocation();
        assertThat(stationsOfBurgerPlacedThrough(b.baseUri(), location)).containsExactly("grill");

        Api.ok(putLocation(
                location, kitchenWith(Map.of("routes", List.of(Map.of("category", "burgers", "station", "fry"))))));

        assertThat(stationsOfBurgerPlacedThrough(b.baseUri(), location)).containsExactly("fry");
        assertThat(stationsOfBurgerPlacedThrough(a, location)).containsExactly("fry");
    }
}
