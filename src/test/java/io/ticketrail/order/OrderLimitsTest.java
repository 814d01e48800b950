package io.ticketrail.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Problems;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.place;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order is bounded in total, not only per request: the attack of issue 12 grew one order to 5,001 items through
 * 25 requests of 200, each within the per-request limit, until every event was 7 MB. Each refusal names the field
 * and writes nothing (docs/security.md lists the numbers).
 */
@QuarkusTest
class OrderLimitsTest {

    static final int ITEMS_PER_ORDER = 300;

    @Test
    void addingItemsPastThreeHundredPerOrderIsRefusedAndWritesNothing() {
        String location = createLocation();
        String order = placedId(location, orderOf(items(200)));

        Response refused = Problems.refused(
                location,
                () -> json().body(Map.of("items", items(ITEMS_PER_ORDER - 200 + 1)))
                        .post(ORDER + "/items", location, order));

        JsonPath problem = Problems.invalid(refused, 422, "items");
        assertThat(problem.getString("type")).isEqualTo("/problems/order-too-large");
        assertThat(problem.getString("detail")).contains("300 items");
        assertThat(Api.getOrder(location, order).jsonPath().getList("items")).hasSize(200);
        // up to the limit is fine
        json().body(Map.of("items", items(ITEMS_PER_ORDER - 200)))
                .post(ORDER + "/items", location, order)
                .then()
                .statusCode(200);
    }

    @Test
    void moreThanAThousandModifiersInOneOrderAreRefused() {
        String location = createLocation();

        Response refused = Problems.refused(location, () -> place(location, orderOf(modified(51, 20, "m"))));

        assertThat(Problems.invalid(refused, 422, "items").getString("detail")).contains("1000 modifiers");
    }

    @Test
    void moreThanItsTextLimitInOneOrderIsRefused() {
        String location = createLocation();
        // 120 items of 6 x 120-character modifiers and 500 characters of notes: 146,000 characters
        List<Map<String, Object>> items = modified(120, 6, "m".repeat(120));
        items.forEach(item -> item.put("notes", "n".repeat(500)));

        Response refused = Problems.refused(location, () -> place(location, orderOf(items)));

        assertThat(Problems.invalid(refused, 422, "items").getString("detail")).contains("128000 characters");
    }

    @Test
    void anOrderWhoseEventWouldPassHalfAMegabyteIsRefused() {
        String location = createLocation();
        // within the text limit, but each control character takes six bytes of JSON: 80 such items a request
        String order = placedId(location, orderOf(escaped(80)));
        json().body(Map.of("items", escaped(40)))
                .post(ORDER + "/items", location, order)
                .then()
                .statusCode(200);

        Response refused = Problems.refused(
                location, () -> json().body(Map.of("items", escaped(80))).post(ORDER + "/items", location, order));

        assertThat(Problems.invalid(refused, 422, "items").getString("detail")).contains("524288 bytes");
    }

    static List<Map<String, Object>> escaped(int count) {
        List<Map<String, Object>> items = items(count);
        items.forEach(item -> item.put("notes", "\u0001".repeat(500)));
        return items;
    }

    static List<Map<String, Object>> modified(int count, int modifiers, String modifier) {
        List<Map<String, Object>> items = items(count);
        List<String> each = new ArrayList<>();
        for (int i = 0; i < modifiers; i++) {
            each.add(modifier.length() > 1 ? modifier : modifier + i);
        }
        items.forEach(item -> item.put("modifiers", each));
        return items;
    }

    private static List<Map<String, Object>> items(int count) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new HashMap<>(Map.of("name", "Burger " + i, "qty", 1, "category", "burgers")));
        }
        return items;
    }
}
