package io.ticketrail.screen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import io.ticketrail.testsupport.Db;

import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placed;

/**
 * Kitchens with orders in every state a screen has to show: rush, allergens, modifiers, notes, held courses,
 * voided and changed items, started, partly bumped and ready orders, placed over the last twelve minutes; long
 * item names, tickets with many modifiers and tickets with three grill items, as a real rush has.
 * Deterministic: the same orders every run, so screenshots compare.
 */
final class Kitchens {

    private static final String[] GUESTS = {
        "Ana", "Ben", "Chloé", "Dev", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jon"
    };
    private static final String[] SERVERS = {"Joe", "Mia", "Sam"};
    private static final String[] BURGERS = {
        "Cheeseburger",
        "Smash burger",
        "Chicken sandwich",
        "Veggie burger",
        "Steak",
        "Slow-roasted pork belly with apple cider glaze",
        "Ribeye 300 g",
        "Chargrilled Mediterranean vegetable stack"
    };

    private Kitchens() {}

    /** A kitchen (grill, fry, expo; ready without expo) with {@code orders} open orders. */
    static String busy(int orders) {
        String location = createLocation();
        for (int i = 0; i < orders; i++) {
            place(location, i);
        }
        spreadOverMinutes(location, 12);
        return location;
    }

    private static void place(String location, int i) {
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(item(
                BURGERS[i % BURGERS.length],
                1 + i % 3,
                "burgers",
                i % 3 == 0
                        ? List.of("no onion", "extra pickles", "well done", "add bacon", "sauce on the side")
                        : List.of(),
                i % 4 == 0 ? List.of("gluten") : List.of(),
                i % 6 == 1 ? "medium rare" : null,
                1));
        items.add(item(
                i % 2 == 0 ? "Fries" : "Sweet potato fries",
                1 + i % 2,
                "fries",
                List.of(),
                i % 5 == 2 ? List.of("peanuts") : List.of(),
                null,
                1));
        if (i % 3 == 2) {
            items.add(item(
                    "Grilled halloumi and roasted vegetable skewers",
                    2,
                    "burgers",
                    List.of("no peppers", "extra lemon", "dressing on the side", "gluten-free flatbread"),
                    List.of("dairy"),
                    "one without chilli",
                    1));
        }
        if (i % 7 == 3) {
            items.add(item("Brownie", 1, "burgers", List.of(), List.of("nuts", "dairy"), null, 2));
        }
        Map<String, Object> order = new HashMap<>();
        order.put("externalId", "pos-" + UUID.randomUUID());
        boolean dineIn = i % 3 != 1;
        order.put("channel", dineIn ? "DINE_IN" : i % 2 == 0 ? "DELIVERY" : "TAKEOUT");
        if (dineIn) {
            order.put("table", String.valueOf(10 + i));
            order.put("guests", 1 + i % 4);
        }
        order.put("customerName", GUESTS[i % GUESTS.length]);
        order.put("serverName", SERVERS[i % SERVERS.length]);
        order.put("priority", i % 9 == 4 ? "RUSH" : "NORMAL");
        if (i % 8 == 5) {
            order.put("notes", "Birthday: candle on dessert");
        }
        order.put("items", items);
        JsonPath placed = placed(location, order).jsonPath();
        String id = placed.getString("id");
        List<String> itemIds = placed.getList("items.id", String.class);
        if (i % 4 == 1) {
            command(location, id, "items/" + itemIds.get(0) + "/start").then().statusCode(200);
        }
        if (i % 5 == 0) {
            command(location, id, "stations/fry/bump").then().statusCode(200);
        }
        if (i % 10 == 7) {
            command(location, id, "items/" + itemIds.get(1) + "/void", Map.of("reason", "guest changed mind"))
                    .then()
                    .statusCode(200);
            command(
                            location,
                            id,
                            "items",
                            Map.of("items", List.of(item("Extra patty", 1, "burgers", List.of(), List.of(), null, 1))))
                    .then()
                    .statusCode(200);
        }
        if (i % 6 == 2 && i > 10) {
            if (i % 5 != 0) {
                command(location, id, "stations/fry/bump").then().statusCode(200);
            }
            command(location, id, "stations/grill/bump").then().statusCode(200);
        }
    }

    private static Map<String, Object> item(
            String name,
            int qty,
            String category,
            List<String> modifiers,
            List<String> allergens,
            String notes,
            int course) {
        Map<String, Object> item = new HashMap<>();
        item.put("name", name);
        item.put("qty", qty);
        item.put("category", category);
        item.put("modifiers", modifiers);
        item.put("allergens", allergens);
        item.put("course", course);
        if (notes != null) {
            item.put("notes", notes);
        }
        return item;
    }

    /**
     * Backdates the orders' placement and their items' fire times, oldest first, over the last {@code minutes}:
     * timers then show the warn and late colours. Only those times move; pages read them from the database when
     * they load.
     */
    private static void spreadOverMinutes(String location, int minutes) {
        try (Connection db = Db.connect();
                PreparedStatement items = db.prepareStatement("""
                        update order_item i set fired_at = i.fired_at - (o.placed_at - n.placed_at)
                        from kitchen_order o, (select id, now() - make_interval(secs => ? * (count(*) over ()
                                     - row_number() over (order by placed_at, number))) as placed_at
                              from kitchen_order where location_id = ?) n
                        where i.order_id = o.id and o.id = n.id and i.fired_at is not null""");
                PreparedStatement update = db.prepareStatement("""
                        update kitchen_order o set placed_at = now() - make_interval(secs => ? * (n.total - n.rank))
                        from (select id, row_number() over (order by placed_at, number) as rank,
                                     count(*) over () as total
                              from kitchen_order where location_id = ?) n
                        where o.id = n.id""")) {
            items.setDouble(1, minutes * 60.0 / 30);
            items.setString(2, location);
            items.executeUpdate();
            update.setDouble(1, minutes * 60.0 / 30);
            update.setString(2, location);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
