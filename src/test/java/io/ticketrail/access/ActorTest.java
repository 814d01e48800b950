package io.ticketrail.access;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every event names who did it, as the credential says; a header claiming otherwise changes nothing. */
@QuarkusTest
class ActorTest {

    private static final String SPOOFED = "Ticketrail-Actor";

    @Test
    void eventsRecordTheKeyTheScreenAndTheManagerThatActed() {
        String location = createLocation();
        JsonPath key = json().body(Map.of("name", "front till"))
                .post(LOCATION + "/api-keys", location)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        Auth.Device grill = Auth.pair(location, List.of("station:grill"), List.of("bump"));

        Response placed = Auth.as(key.getString("token"))
                .header(SPOOFED, "manager:admin")
                .body(burgerAndFries())
                .post(LOCATION + "/orders", location);
        placed.then().statusCode(201);
        String order = placed.jsonPath().getString("id");
        List<String> items = itemIds(placed);
        Auth.as(grill.token())
                .header(SPOOFED, "key:someone-else")
                .post(ORDER + "/items/{item}/bump", location, order, items.get(0))
                .then()
                .statusCode(200);
        json().header(SPOOFED, "device:nobody")
                .post(ORDER + "/items/{item}/bump", location, order, items.get(1))
                .then()
                .statusCode(200);

        List<String> actors = json().get(LOCATION + "/events", location)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events.actor", String.class);
        assertThat(actors)
                .containsExactly("key:" + key.getString("id"), "device:" + grill.id(), "manager:" + Auth.MANAGER);
    }
}
