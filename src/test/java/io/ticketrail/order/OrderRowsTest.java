package io.ticketrail.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.patch;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands read and write an order's rows with plain statements (OrderRows) while every other read goes through
 * Hibernate's mapping of the same entities: each answer a command gives must be exactly what a later read returns,
 * every column included, and a command rewrites only the rows it changed.
 */
@QuarkusTest
class OrderRowsTest {

    @Test
    void everyColumnACommandWritesReadsBackAsTheCommandAnsweredIt() {
        String location = createLocation();
        Response placedOrder = placed(location, richOrder());
        String orderId = placedOrder.jsonPath().getString("id");
        List<String> items = itemIds(placedOrder);
        assertReadsBackAs(location, orderId, placedOrder, 0);

        List<Supplier<Response>> commands = List.of(
                () -> json().body(Map.of("qty", 3, "notes", "well done"))
                        .patch("/api/v1/locations/{l}/orders/{o}/items/{i}", location, orderId, items.get(0)),
                () -> command(location, orderId, "items/" + items.get(1) + "/void", Map.of("reason", "out of stock")),
                () -> command(location, orderId, "items/" + items.get(0) + "/start"),
                () -> command(location, orderId, "items/" + items.get(0) + "/bump"),
                () -> command(location, orderId, "courses/2/fire"),
                () -> command(location, orderId, "notices/ack", Map.of("view", "station:fry")),
                () -> patch(location, orderId, Map.of("priority", "RUSH", "promisedAt", "2026-12-05T19:30:00.123456Z")),
                // instants outside the years 1970-9999 are bound by the driver's own formatting (SqlInstants)
                () -> patch(location, orderId, Map.of("promisedAt", "1969-07-20T20:17:40.5Z")),
                () -> patch(location, orderId, Map.of("promisedAt", "+10000-01-01T00:00:00.000001Z")),
                () -> patch(location, orderId, Map.of("promisedAt", "2026-12-05T19:30:00Z")),
                () -> json().body(Map.of("items", List.of(dessert())))
                        .post("/api/v1/locations/{l}/orders/{o}/items", location, orderId),
                () -> command(location, orderId, "cancel", Map.of("reason", "guest left")));

        for (int i = 0; i < commands.size(); i++) {
            Response answer = commands.get(i).get();
            assertThat(answer.statusCode())
                    .as("command %d: %s", i, answer.asString())
                    .isIn(200, 201);
            assertReadsBackAs(location, orderId, answer, i + 1);
        }
        Map<String, Object> cancelled = getOrder(location, orderId).jsonPath().getMap("");
        assertThat(cancelled)
                .containsEntry("status", "CANCELLED")
                .containsEntry("cancelReason", "guest left")
                .containsEntry("priority", "RUSH")
                .containsEntry("table", "7")
                .containsEntry("customerName", "Ana")
                .containsEntry("serverName", "Bo")
                .containsEntry("guests", 2);
    }

    @Test
    void aCommandRewritesOnlyTheRowsItChanged() throws SQLException {
        String location = createLocation();
        Response placedOrder = placed(location, richOrder());
        String orderId = placedOrder.jsonPath().getString("id");
        List<String> items = itemIds(placedOrder);
        Map<String, Long> before = rowVersions(orderId);

        command(location, orderId, "items/" + items.get(0) + "/start").then().statusCode(200);

        Map<String, Long> after = rowVersions(orderId);
        assertThat(after.get("order")).as("the order row").isNotEqualTo(before.get("order"));
        assertThat(after.get(items.get(0))).as("the started item").isNotEqualTo(before.get(items.get(0)));
        for (String untouched : items.subList(1, items.size())) {
            assertThat(after.get(untouched)).as("item %s", untouched).isEqualTo(before.get(untouched));
        }
    }

    @Test
    void modifiersAndAllergensReadBackAsSentWhateverTheirCharacters() {
        String location = createLocation();
        List<String> modifiers =
                List.of("no \"onion\"", "back\\slash", "a, b", "{brace}", "NULL", " spaced ", "ünïcødé ☕", "\\\"", "'");
        List<String> allergens = List.of("sesame", "NULL");
        Response placedOrder = placed(
                location,
                Map.of(
                        "externalId",
                        "pos-text-" + UUID.randomUUID(),
                        "channel",
                        "DINE_IN",
                        "items",
                        List.of(Map.of(
                                "name",
                                "Burger",
                                "qty",
                                1,
                                "category",
                                "burgers",
                                "modifiers",
                                modifiers,
                                "allergens",
                                allergens))));
        String orderId = placedOrder.jsonPath().getString("id");

        assertReadsBackAs(location, orderId, placedOrder, 0);
        assertThat(getOrder(location, orderId).jsonPath().getList("items[0].modifiers", String.class))
                .containsExactlyElementsOf(modifiers);
        assertThat(getOrder(location, orderId).jsonPath().getList("items[0].allergens", String.class))
                .containsExactlyElementsOf(allergens);
    }

    private static void assertReadsBackAs(String location, String orderId, Response answer, long version) {
        Map<String, Object> answered = answer.jsonPath().getMap("");
        Map<String, Object> read = getOrder(location, orderId).jsonPath().getMap("");
        assertThat(read).as("the order read back after %s", answer.asString()).isEqualTo(answered);
        assertThat(read.get("version")).isEqualTo((int) version);
    }

    private static Map<String, Object> richOrder() {
        Map<String, Object> order = new HashMap<>();
        order.put("externalId", "pos-rich-" + UUID.randomUUID());
        order.put("channel", "DINE_IN");
        order.put("table", "7");
        order.put("customerName", "Ana");
        order.put("serverName", "Bo");
        order.put("guests", 2);
        order.put("priority", "NORMAL");
        order.put("promisedAt", "2026-12-05T19:00:00.654321Z");
        order.put("notes", "birthday");
        order.put(
                "items",
                List.of(
                        Map.of(
                                "name",
                                "Cheeseburger",
                                "qty",
                                1,
                                "category",
                                "burgers",
                                "modifiers",
                                List.of("no onion", "extra cheese"),
                                "allergens",
                                List.of("gluten", "dairy"),
                                "notes",
                                "medium"),
                        Map.of("name", "Fries", "qty", 2, "category", "fries"),
                        Map.of("name", "Salad", "qty", 1, "station", "grill", "course", 2),
                        Map.of("name", "Onion rings", "qty", 1, "category", "fries")));
        return order;
    }

    private static Map<String, Object> dessert() {
        return Map.of("name", "Brownie", "qty", 1, "category", "burgers", "modifiers", List.of("warm"));
    }

    /** Each row's xmin: the transaction that last wrote it, so a row rewritten with the same values shows too. */
    private static Map<String, Long> rowVersions(String orderId) throws SQLException {
        try (Connection connection = Db.connect();
                PreparedStatement statement = connection.prepareStatement("""
                        select 'order', xmin::text::bigint from kitchen_order where id = ?::uuid
                        union all
                        select id::text, xmin::text::bigint from order_item where order_id = ?::uuid""")) {
            statement.setString(1, orderId);
            statement.setString(2, orderId);
            Map<String, Long> versions = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getLong(2));
                }
            }
            return versions;
        }
    }
}
