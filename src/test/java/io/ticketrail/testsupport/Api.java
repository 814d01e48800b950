package io.ticketrail.testsupport;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Small request helpers, so a test reads as what a POS or a screen does. */
public final class Api {

    public static final String LOCATION = "/api/v1/locations/{location}";
    public static final String ORDER = LOCATION + "/orders/{order}";

    private static final AtomicInteger EXTERNAL_IDS = new AtomicInteger();

    private Api() {}

    /** A fresh location id: each test works in its own location. */
    public static String newLocationId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A request as the test manager, who may do anything anywhere; access rules have their own tests. */
    public static RequestSpecification json() {
        return Auth.asManager();
    }

    /** A request with no credential at all. */
    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request to another instance than the test's own. */
    public static RequestSpecification json(URI base) {
        return json().baseUri(base.getScheme() + "://" + base.getHost()).port(base.getPort());
    }

    /** grill, fry and expo; burgers go to the grill, fries to the fry station. */
    public static Map<String, Object> kitchen(boolean expoConfirmation) {
        return Map.of(
                "name",
                "Test Kitchen",
                "timeZone",
                "Europe/Berlin",
                "warnAfterSeconds",
                300,
                "lateAfterSeconds",
                600,
                "stations",
                List.of(
                        Map.of("id", "grill", "name", "Grill", "kind", "PREP"),
                        Map.of("id", "fry", "name", "Fry", "kind", "PREP"),
                        Map.of("id", "expo", "name", "Expo", "kind", "EXPO")),
                "routes",
                List.of(
                        Map.of("category", "burgers", "station", "grill"),
                        Map.of("category", "fries", "station", "fry")),
                "defaultStation",
                "grill",
                "expoConfirmation",
                expoConfirmation);
    }

    public static String createLocation() {
        return createLocation(false);
    }

    public static String createLocation(boolean expoConfirmation) {
        return createLocation(Map.of("expoConfirmation", expoConfirmation));
    }

    /** A test kitchen with some settings changed, such as {@code recallWindowSeconds}. */
    public static String createLocation(Map<String, Object> settings) {
        String id = newLocationId();
        putLocation(id, kitchenWith(settings)).then().statusCode(201);
        return id;
    }

    public static Map<String, Object> kitchenWith(Map<String, Object> settings) {
        Map<String, Object> kitchen = new HashMap<>(kitchen(false));
        kitchen.putAll(settings);
        return kitchen;
    }

    public static Response putLocation(String locationId, Map<String, Object> location) {
        return json().body(location).put(LOCATION, locationId);
    }

    public static Map<String, Object> item(String name, String category) {
        return Map.of("name", name, "qty", 1, "category", category);
    }

    public static Map<String, Object> item(String name, String category, int course) {
        return Map.of("name", name, "qty", 1, "category", category, "course", course);
    }

    public static Map<String, Object> order(String externalId, List<Map<String, Object>> items) {
        return Map.of("externalId", externalId, "channel", "DINE_IN", "table", "12", "items", items);
    }

    /** An order of these items under a fresh external id. */
    public static Map<String, Object> orderOf(List<Map<String, Object>> items) {
        return order("pos-" + EXTERNAL_IDS.incrementAndGet() + "-" + UUID.randomUUID(), items);
    }

    /** A burger (grill) and fries (fry), placed under a fresh external id. */
    public static Map<String, Object> burgerAndFries() {
        return orderOf(List.of(item("Cheeseburger", "burgers"), item("Fries", "fries")));
    }

    public static Response place(String locationId, Map<String, Object> order) {
        return json().body(order).post(LOCATION + "/orders", locationId);
    }

    /** Places an order and returns its view; fails the test unless it was created. */
    public static Response placed(String locationId, Map<String, Object> order) {
        Response response = place(locationId, order);
        response.then().statusCode(201);
        return response;
    }

    /** The id of a newly placed order; fails the test unless it was created. */
    public static String placedId(String locationId, Map<String, Object> order) {
        return placed(locationId, order).jsonPath().getString("id");
    }

    /** The id of an order placed through another instance; fails the test unless it was created. */
    public static String placedId(URI base, String locationId, Map<String, Object> order) {
        return json(base)
                .body(order)
                .post(LOCATION + "/orders", locationId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The body of a command's 200 answer; fails the test on any other status. */
    public static JsonPath ok(Response response) {
        response.then().statusCode(200);
        return response.jsonPath();
    }

    public static Response command(String locationId, String orderId, String path) {
        return command(locationId, orderId, path, null);
    }

    public static Response command(String locationId, String orderId, String path, Object body) {
        RequestSpecification request = json();
        if (body != null) {
            request = request.body(body);
        }
        return request.post(ORDER + "/" + path, locationId, orderId);
    }

    public static Response patch(String locationId, String orderId, Object body) {
        return json().body(body).patch(ORDER, locationId, orderId);
    }

    public static Response getOrder(String locationId, String orderId) {
        return json().get(ORDER, locationId, orderId);
    }

    /** The ids of an order view's items, in ticket order. */
    public static List<String> itemIds(Response order) {
        return order.jsonPath().getList("items.id", String.class);
    }

    /** Runs every call on its own thread, all at once, and returns their results in the calls' order. */
    public static <T> List<T> concurrently(List<Callable<T>> calls) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
