package io.ticketrail.access;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import jakarta.ws.rs.HttpMethod;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Problems;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.SseStream;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.kitchen;
import static io.ticketrail.testsupport.Api.kitchenWith;
import static io.ticketrail.testsupport.Api.newLocationId;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Screens.feedUri;
import static io.ticketrail.testsupport.Screens.sseUri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole permission matrix: every endpoint, page and feed view, for every kind of caller, at the caller's own
 * location (A) and at another one (B). Each cell is the exact status the caller must get. A refused request must
 * leave both locations exactly as they were (event log head, settings, keys, screens); an allowed order command
 * must append exactly one event.
 */
@QuarkusTest
class PermissionMatrixTest extends WithScreens {

    /** The callers, in the order of the matrix's columns. */
    enum Who {
        ANON,
        KEY,
        GRILL,
        EXPO,
        FOH,
        BOARD,
        MVIEW,
        MGR_A,
        OWNER,
        ENTRY,
        READER,
        EVENTS,
        HOOKS
    }

    /**
     * Columns: no credential; a POS key of A; screens paired at A with the views station:grill (start, bump,
     * recall), expo (ready, recall, fire-course; at any station), foh (complete, fire-course), board (no actions) and manager (all six); a
     * manager of A only; the owner, who manages every location; integration keys of A with one scope each
     * (order-entry, read-orders, read-events, receive-webhooks). "at" is A, B, or "-" for an endpoint without a
     * location (create-location then names a new one). 101 is an accepted WebSocket upgrade; 303 sends a browser
     * to pairing or sign-in.
     */
    private static final String MATRIX = """
            # endpoint            at   anon key  grill expo foh  board mview mgrA owner  entry read  events  hooks
            place                 A    401  201  403   403  403  403   403   201  201  201   403   403   403
            place                 B    401  403  403   403  403  403   403   403  201  403   403   403   403
            list-orders           A    401  200  200   200  200  200   200   200  200  403   200   403   403
            list-orders           B    401  403  403   403  403  403   403   403  200  403   403   403   403
            get-order             A    401  200  200   200  200  200   200   200  200  403   200   403   403
            get-order             B    401  403  403   403  403  403   403   403  200  403   403   403   403
            update                A    401  200  403   403  403  403   403   200  200  200   403   403   403
            update                B    401  403  403   403  403  403   403   403  200  403   403   403   403
            add-items             A    401  200  403   403  403  403   403   200  200  200   403   403   403
            add-items             B    401  403  403   403  403  403   403   403  200  403   403   403   403
            void-item             A    401  200  403   403  403  403   403   200  200  200   403   403   403
            void-item             B    401  403  403   403  403  403   403   403  200  403   403   403   403
            change-item           A    401  200  403   403  403  403   403   200  200  200   403   403   403
            change-item           B    401  403  403   403  403  403   403   403  200  403   403   403   403
            ack-grill             A    401  403  200   403  403  403   200   200  200  403   403   403   403
            ack-grill             B    401  403  403   403  403  403   403   403  200  403   403   403   403
            ack-expo              A    401  403  403   200  403  403   200   200  200  403   403   403   403
            ack-expo              B    401  403  403   403  403  403   403   403  200  403   403   403   403
            start-grill-item      A    401  403  200   403  403  403   200   200  200  403   403   403   403
            start-grill-item      B    401  403  403   403  403  403   403   403  200  403   403   403   403
            bump-grill-item       A    401  403  200   403  403  403   200   200  200  403   403   403   403
            bump-grill-item       B    401  403  403   403  403  403   403   403  200  403   403   403   403
            bump-fry-item         A    401  403  403   403  403  403   200   200  200  403   403   403   403
            bump-fry-item         B    401  403  403   403  403  403   403   403  200  403   403   403   403
            bump-grill-station    A    401  403  200   403  403  403   200   200  200  403   403   403   403
            bump-grill-station    B    401  403  403   403  403  403   403   403  200  403   403   403   403
            bump-fry-station      A    401  403  403   403  403  403   200   200  200  403   403   403   403
            fire-course-2         A    401  200  403   200  200  403   200   200  200  200   403   403   403
            fire-course-2         B    401  403  403   403  403  403   403   403  200  403   403   403   403
            recall-grill-item     A    401  403  200   200  403  403   200   200  200  403   403   403   403
            recall-grill-item     B    401  403  403   403  403  403   403   403  200  403   403   403   403
            recall-fry-item       A    401  403  403   200  403  403   200   200  200  403   403   403   403
            recall-ready-order    A    401  403  403   200  403  403   200   200  200  403   403   403   403
            recall-ready-order    B    401  403  403   403  403  403   403   403  200  403   403   403   403
            ready                 A    401  403  403   200  403  403   200   200  200  403   403   403   403
            ready                 B    401  403  403   403  403  403   403   403  200  403   403   403   403
            complete              A    401  403  403   403  200  403   200   200  200  403   403   403   403
            complete              B    401  403  403   403  403  403   403   403  200  403   403   403   403
            reopen                A    401  403  403   403  200  403   200   200  200  403   403   403   403
            reopen                B    401  403  403   403  403  403   403   403  200  403   403   403   403
            cancel                A    401  200  403   403  403  403   403   200  200  200   403   403   403
            cancel                B    401  403  403   403  403  403   403   403  200  403   403   403   403
            list-locations        -    401  200  200   200  200  200   200   200  200  200   200   200   200
            get-location          A    401  200  200   200  200  200   200   200  200  200   200   200   200
            get-location          B    401  403  403   403  403  403   403   403  200  403   403   403   403
            put-location          A    401  403  403   403  403  403   403   200  200  403   403   403   403
            put-location          B    401  403  403   403  403  403   403   403  200  403   403   403   403
            create-location       -    401  403  403   403  403  403   403   403  201  403   403   403   403
            events                A    401  403  403   403  403  403   403   200  200  403   403   200   403
            events                B    401  403  403   403  403  403   403   403  200  403   403   403   403
            stats                 A    401  403  403   403  403  403   200   200  200  403   403   403   403
            stats                 B    401  403  403   403  403  403   403   403  200  403   403   403   403
            stats-csv             A    401  403  403   403  403  403   200   200  200  403   403   403   403
            stats-csv             B    401  403  403   403  403  403   403   403  200  403   403   403   403
            list-screens          A    401  403  403   403  403  403   403   200  200  403   403   403   403
            list-screens          B    401  403  403   403  403  403   403   403  200  403   403   403   403
            alarms                A    401  200  200   200  200  200   200   200  200  403   200   403   403
            alarms                B    401  403  403   403  403  403   403   403  200  403   403   403   403
            station-cover         A    401  200  200   200  200  200   200   200  200  403   200   403   403
            station-cover         B    401  403  403   403  403  403   403   403  200  403   403   403   403
            ack                   A    401  204  204   204  204  204   204   204  204  403   204   403   403
            ack                   B    401  403  403   403  403  403   403   403  204  403   403   403   403
            list-devices          A    401  403  403   403  403  403   403   200  200  403   403   403   403
            list-devices          B    401  403  403   403  403  403   403   403  200  403   403   403   403
            approve-device        A    401  403  403   403  403  403   403   201  201  403   403   403   403
            approve-device        B    401  403  403   403  403  403   403   403  201  403   403   403   403
            revoke-device         A    401  403  403   403  403  403   403   204  204  403   403   403   403
            revoke-device         B    401  403  403   403  403  403   403   403  204  403   403   403   403
            list-keys             A    401  403  403   403  403  403   403   200  200  403   403   403   403
            list-keys             B    401  403  403   403  403  403   403   403  200  403   403   403   403
            create-key            A    401  403  403   403  403  403   403   201  201  403   403   403   403
            create-key            B    401  403  403   403  403  403   403   403  201  403   403   403   403
            revoke-key            A    401  403  403   403  403  403   403   204  204  403   403   403   403
            revoke-key            B    401  403  403   403  403  403   403   403  204  403   403   403   403
            list-webhooks         A    401  403  403   403  403  403   403   200  200  403   403   403   200
            list-webhooks         B    401  403  403   403  403  403   403   403  200  403   403   403   403
            register-webhook      A    401  403  403   403  403  403   403   201  201  403   403   403   201
            register-webhook      B    401  403  403   403  403  403   403   403  201  403   403   403   403
            resume-webhook        A    401  403  403   403  403  403   403   200  200  403   403   403   200
            resume-webhook        B    401  403  403   403  403  403   403   403  200  403   403   403   403
            delete-webhook        A    401  403  403   403  403  403   403   204  204  403   403   403   204
            delete-webhook        B    401  403  403   403  403  403   403   403  204  403   403   403   403
            who-am-i              -    401  200  200   200  200  200   200   200  200  200   200   200   200
            sign-out              -    401  204  204   204  204  204   204   204  204  204   204   204   204
            start-pairing         -    201  201  201   201  201  201   201   201  201  201   201   201   201
            page-grill            A    303  403  200   403  403  403   403   200  200  403   403   403   403
            page-grill            B    303  403  403   403  403  403   403   403  200  403   403   403   403
            page-expo             A    303  403  403   200  403  403   403   200  200  403   403   403   403
            page-expo             B    303  403  403   403  403  403   403   403  200  403   403   403   403
            page-foh              A    303  403  403   403  200  403   403   200  200  403   403   403   403
            page-foh              B    303  403  403   403  403  403   403   403  200  403   403   403   403
            page-board            A    303  403  403   403  403  200   403   200  200  403   403   403   403
            page-board            B    303  403  403   403  403  403   403   403  200  403   403   403   403
            page-manager          A    303  403  403   403  403  403   200   200  200  403   403   403   403
            page-manager          B    303  403  403   403  403  403   403   403  200  403   403   403   403
            ws-grill              A    401  403  101   403  403  403   403   101  101  403   403   403   403
            ws-grill              B    401  403  403   403  403  403   403   403  101  403   403   403   403
            ws-fry                A    401  403  403   403  403  403   403   101  101  403   403   403   403
            ws-expo               A    401  403  403   101  403  403   403   101  101  403   403   403   403
            ws-expo               B    401  403  403   403  403  403   403   403  101  403   403   403   403
            ws-foh                A    401  403  403   403  101  101   403   101  101  403   403   403   403
            ws-foh                B    401  403  403   403  403  403   403   403  101  403   403   403   403
            ws-manager            A    401  403  403   403  403  403   101   101  101  403   403   403   403
            ws-manager            B    401  403  403   403  403  403   403   403  101  403   403   403   403
            sse-grill             A    401  403  200   403  403  403   403   200  200  403   403   403   403
            sse-grill             B    401  403  403   403  403  403   403   403  200  403   403   403   403
            sse-expo              A    401  403  403   200  403  403   403   200  200  403   403   403   403
            sse-foh               A    401  403  403   403  200  200   403   200  200  403   403   403   403
            sse-manager           A    401  403  403   403  403  403   200   200  200  403   403   403   403
            sse-manager           B    401  403  403   403  403  403   403   403  200  403   403   403   403
            """;

    /** Order commands: allowed, each appends exactly one event to the location's log. */
    private static final List<String> COMMANDS = List.of(
            "place",
            "update",
            "add-items",
            "void-item",
            "change-item",
            "ack-grill",
            "ack-expo",
            "start-grill-item",
            "bump-grill-item",
            "bump-fry-item",
            "bump-grill-station",
            "bump-fry-station",
            "fire-course-2",
            "recall-grill-item",
            "recall-fry-item",
            "recall-ready-order",
            "ready",
            "complete",
            "reopen",
            "cancel");

    static Stream<Arguments> matrix() {
        return MATRIX.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .flatMap(line -> {
                    String[] cells = line.trim().split("\\s+");
                    assertThat(cells).as(line).hasSize(2 + Who.values().length);
                    return Stream.of(Who.values())
                            .map(who ->
                                    Arguments.of(cells[0], cells[1], who, Integer.parseInt(cells[2 + who.ordinal()])));
                });
    }

    /** The two locations and every caller's credential: made once, on first use, for all rows. */
    private record Fixture(String a, String b, Map<Who, String> tokens, Auth.Manager managerOfA) {}

    private static Fixture fixture;

    private static synchronized Fixture fixture() {
        if (fixture == null) {
            // expo confirms: bumping every item leaves an order for expo to mark ready
            String a = createLocation(true);
            String b = createLocation(true);
            Auth.Manager managerOfA = Auth.managerOf(a);
            Map<Who, String> tokens = new EnumMap<>(Who.class);
            tokens.put(Who.KEY, Auth.apiKey(a));
            tokens.put(
                    Who.GRILL,
                    Auth.pair(a, List.of("station:grill"), List.of("start", "bump", "recall"))
                            .token());
            tokens.put(
                    Who.EXPO,
                    Auth.pair(a, List.of("expo"), List.of("ready", "recall", "fire-course"))
                            .token());
            tokens.put(
                    Who.FOH,
                    Auth.pair(a, List.of("foh"), List.of("complete", "fire-course"))
                            .token());
            tokens.put(Who.BOARD, Auth.pair(a, List.of("board"), List.of()).token());
            tokens.put(
                    Who.MVIEW,
                    Auth.pair(
                                    a,
                                    List.of("manager"),
                                    List.of("start", "bump", "recall", "ready", "complete", "fire-course"))
                            .token());
            tokens.put(Who.MGR_A, managerOfA.signIn());
            tokens.put(Who.OWNER, Auth.managerToken());
            tokens.put(Who.ENTRY, Auth.integrationKey(a, List.of("order-entry")));
            tokens.put(Who.READER, Auth.integrationKey(a, List.of("read-orders")));
            tokens.put(Who.EVENTS, Auth.integrationKey(a, List.of("read-events")));
            tokens.put(Who.HOOKS, Auth.integrationKey(a, List.of("receive-webhooks")));
            fixture = new Fixture(a, b, tokens, managerOfA);
        }
        return fixture;
    }

    @ParameterizedTest(name = "{0} at {1} by {2}: {3}")
    @MethodSource("matrix")
    void everyCallerGetsExactlyItsStatusAndARefusalChangesNothing(String endpoint, String at, Who who, int expected) {
        Fixture f = fixture();
        String location = switch (at) {
            case "A" -> f.a();
            case "B" -> f.b();
            default -> newLocationId();
        };
        Endpoint call = endpoints().get(endpoint);
        assertThat(call).as("an endpoint named " + endpoint).isNotNull();
        Send send = call.prepare(location);
        Map<String, String> before = states(f, location);

        int status = send.as(who);

        assertThat(status).as(endpoint + " at " + at + " by " + who).isEqualTo(expected);
        if (status >= 300) {
            assertThat(states(f, location))
                    .as("what a refused " + endpoint + " left")
                    .isEqualTo(before);
        } else if (COMMANDS.contains(endpoint)) {
            assertThat(Db.head(location))
                    .as("the log head after " + endpoint)
                    .isEqualTo(Long.parseLong(before.get(location).split(" \\| ")[0]) + 1);
        }
    }

    @Test
    void theLocationListShowsOnlyTheCallersLocations() {
        Fixture f = fixture();

        for (Who who : List.of(Who.KEY, Who.GRILL, Who.MGR_A)) {
            List<String> ids = request(who)
                    .accept(ContentType.JSON)
                    .get("/api/v1/locations")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("id", String.class);
            assertThat(ids).as("the locations " + who + " sees").containsExactly(f.a());
        }
        List<String> all = request(Who.OWNER)
                .accept(ContentType.JSON)
                .get("/api/v1/locations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", String.class);
        assertThat(all).contains(f.a(), f.b());
    }

    /** A new endpoint cannot be forgotten: every resource method says who may call it, and says it once. */
    @Test
    void everyResourceMethodHasAllowOrPublic() throws Exception {
        List<String> undecided = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes.resolve("io/ticketrail"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                for (Method method : type.getDeclaredMethods()) {
                    if (!isResourceMethod(method)) {
                        continue;
                    }
                    String where = type.getSimpleName() + "." + method.getName();
                    checked.add(where);
                    boolean allow = method.isAnnotationPresent(Allow.class) || type.isAnnotationPresent(Allow.class);
                    boolean open = method.isAnnotationPresent(Public.class) || type.isAnnotationPresent(Public.class);
                    if (allow == open) {
                        undecided.add(where);
                    }
                }
            }
        }
        assertThat(checked)
                .as("resource methods found")
                .contains(
                        "OrderResource.place",
                        "ScreenPage.kitchen",
                        "FeedSseResource.feed",
                        "SessionResource.signIn",
                        "DeviceResource.revoke")
                .hasSizeGreaterThan(30);
        assertThat(undecided)
                .as("resource methods with neither or both of @Allow and @Public")
                .isEmpty();
    }

    private static boolean isResourceMethod(Method method) {
        if (method.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
            return true; // a sub-resource method or locator
        }
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    /** Sets up what a call needs at a location (as the owner) and returns the call itself. */
    @FunctionalInterface
    private interface Endpoint {
        Send prepare(String location);
    }

    /** Sends the prepared call as one caller; returns the status it got. */
    @FunctionalInterface
    private interface Send {
        int as(Who who);
    }

    /** An order placed by the owner: a burger for the grill, fries for the fry station. */
    private record Placed(String id, String grill, String fry) {

        String item(String station) {
            return station.equals("grill") ? grill : fry;
        }
    }

    private Map<String, Endpoint> endpoints() {
        Map<String, Endpoint> all = new LinkedHashMap<>();
        String orders = LOCATION + "/orders";
        all.put("place", rest((who, location) -> api(who).body(burgerAndFries()).post(orders, location)));
        all.put("list-orders", rest((who, location) -> api(who).get(orders, location)));
        all.put("get-order", onOrder(order -> (who, location) -> api(who).get(ORDER, location, order.id())));
        all.put(
                "update",
                onOrder(order -> (who, location) ->
                        api(who).body(Map.of("priority", "RUSH")).patch(ORDER, location, order.id())));
        all.put(
                "add-items",
                onOrder(order ->
                        (who, location) -> api(who).body(Map.of("items", List.of(item("Onion rings", "fries"))))
                                .post(ORDER + "/items", location, order.id())));
        all.put(
                "void-item",
                onOrder(order -> (who, location) -> api(who).body(Map.of("reason", "guest changed mind"))
                        .post(ORDER + "/items/{item}/void", location, order.id(), order.grill())));
        all.put(
                "change-item",
                onOrder(order -> (who, location) -> api(who).body(Map.of("qty", 2))
                        .patch(ORDER + "/items/{item}", location, order.id(), order.grill())));
        // the grill's burger voided: a notice for the grill and one for expo
        all.put("ack-grill", onVoidedOrder("station:grill"));
        all.put("ack-expo", onVoidedOrder("expo"));
        all.put("start-grill-item", onOrder(order -> itemCommand(order, "grill", "start")));
        all.put("bump-grill-item", onOrder(order -> itemCommand(order, "grill", "bump")));
        all.put("bump-fry-item", onOrder(order -> itemCommand(order, "fry", "bump")));
        all.put(
                "bump-grill-station",
                onOrder(order ->
                        (who, location) -> api(who).post(ORDER + "/stations/grill/bump", location, order.id())));
        all.put(
                "bump-fry-station",
                onOrder(order -> (who, location) -> api(who).post(ORDER + "/stations/fry/bump", location, order.id())));
        all.put("fire-course-2", location -> {
            String id = placed(location, orderOf(List.of(item("Soup", "burgers", 1), item("Fries", "fries", 2))))
                    .jsonPath()
                    .getString("id");
            return who -> status(api(who).post(ORDER + "/courses/2/fire", location, id));
        });
        all.put("recall-grill-item", recallItem("grill"));
        all.put("recall-fry-item", recallItem("fry"));
        all.put("recall-ready-order", location -> {
            Placed order = readyOrder(location, true);
            return who -> status(api(who).body(Map.of()).post(ORDER + "/recall", location, order.id()));
        });
        all.put("ready", location -> {
            Placed order = readyOrder(location, false);
            return who -> status(api(who).post(ORDER + "/ready", location, order.id()));
        });
        all.put("complete", location -> {
            Placed order = readyOrder(location, true);
            return who -> status(api(who).post(ORDER + "/complete", location, order.id()));
        });
        all.put("reopen", location -> {
            Placed order = readyOrder(location, true);
            owner(location, order, "complete");
            return who -> status(api(who).post(ORDER + "/reopen", location, order.id()));
        });
        all.put(
                "cancel",
                onOrder(order -> (who, location) ->
                        api(who).body(Map.of("reason", "walked out")).post(ORDER + "/cancel", location, order.id())));

        all.put("list-locations", rest((who, location) -> api(who).get("/api/v1/locations")));
        all.put("get-location", rest((who, location) -> api(who).get(LOCATION, location)));
        all.put(
                "put-location",
                rest((who, location) -> api(who).body(kitchenWith(Map.of(
                                "expoConfirmation",
                                true,
                                "warnAfterSeconds",
                                ThreadLocalRandom.current().nextInt(100, 300))))
                        .put(LOCATION, location)));
        all.put(
                "create-location",
                rest((who, location) -> api(who).body(kitchen(false)).put(LOCATION, location)));
        all.put("events", rest((who, location) -> api(who).get(LOCATION + "/events", location)));
        all.put("stats", rest((who, location) -> api(who).get(LOCATION + "/stats", location)));
        all.put(
                "stats-csv",
                location -> who -> status(request(who)
                        .accept("text/csv")
                        .queryParam("from", "2025-01-01")
                        .queryParam("to", "2025-01-31")
                        .get(LOCATION + "/reports/completed.csv", location)));

        all.put("list-screens", rest((who, location) -> api(who).get(LOCATION + "/screens", location)));
        all.put("alarms", rest((who, location) -> api(who).get(LOCATION + "/alarms", location)));
        all.put("station-cover", rest((who, location) -> api(who).get(LOCATION + "/presence/stations", location)));
        all.put(
                "ack",
                rest((who, location) -> api(who).body(
                                Map.of("screen", UUID.randomUUID().toString(), "seq", 0))
                        .post(LOCATION + "/feed/acks", location)));
        all.put("list-devices", rest((who, location) -> api(who).get(LOCATION + "/devices", location)));
        all.put("approve-device", location -> {
            String code = given().contentType(ContentType.JSON)
                    .post("/api/v1/pairings")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("code");
            return who ->
                    status(api(who).body(Map.of("code", code, "views", List.of("expo"), "actions", List.of("ready")))
                            .post(LOCATION + "/devices", location));
        });
        all.put("revoke-device", location -> {
            String id = Auth.pair(location, List.of("expo"), List.of("ready")).id();
            return who -> status(api(who).delete(LOCATION + "/devices/{id}", location, id));
        });
        all.put("list-keys", rest((who, location) -> api(who).get(LOCATION + "/api-keys", location)));
        all.put(
                "create-key",
                rest((who, location) ->
                        api(who).body(Map.of("name", "another POS")).post(LOCATION + "/api-keys", location)));
        all.put("revoke-key", location -> {
            String id = json().body(Map.of("name", "old POS"))
                    .post(LOCATION + "/api-keys", location)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            return who -> status(api(who).delete(LOCATION + "/api-keys/{id}", location, id));
        });

        String webhooks = LOCATION + "/webhooks";
        all.put("list-webhooks", rest((who, location) -> api(who).get(webhooks, location)));
        all.put("register-webhook", location -> {
            clearWebhooks(location);
            return who -> status(api(who).body(webhook()).post(webhooks, location));
        });
        all.put(
                "resume-webhook",
                onWebhook((who, location, id) -> api(who).post(webhooks + "/{id}/resume", location, id)));
        all.put("delete-webhook", onWebhook((who, location, id) -> api(who).delete(webhooks + "/{id}", location, id)));

        all.put("who-am-i", rest((who, location) -> api(who).get("/api/v1/session")));
        // a manager signs out a session of its own, so the matrix's session lives on
        all.put(
                "sign-out",
                location -> who -> status(request(who, freshSession(who)).delete("/api/v1/session")));
        all.put("start-pairing", rest((who, location) -> api(who).post("/api/v1/pairings")));

        all.put("page-grill", page("/l/{location}/kitchen/grill"));
        all.put("page-expo", page("/l/{location}/expo"));
        all.put("page-foh", page("/l/{location}/foh"));
        all.put("page-board", page("/l/{location}/board"));
        all.put("page-manager", page("/l/{location}/manager"));

        Map<String, String> views = Map.of(
                "grill",
                "view=station&station=grill",
                "fry",
                "view=station&station=fry",
                "expo",
                "view=expo",
                "foh",
                "view=foh",
                "manager",
                "view=manager");
        views.forEach((name, query) -> {
            all.put(
                    "ws-" + name,
                    location -> who -> RawSocket.upgradeStatus(
                            feedUri(base, location, query), fixture().tokens().get(who)));
            all.put("sse-" + name, location -> who -> {
                String token = fixture().tokens().get(who);
                try (SseStream stream = SseStream.open(sseUri(base, location, query), null, token)) {
                    return stream.status();
                }
            });
        });
        return all;
    }

    /** A REST call that needs nothing set up. */
    @FunctionalInterface
    private interface RestCall {
        Response send(Who who, String location);
    }

    private static Endpoint rest(RestCall call) {
        return location -> who -> status(call.send(who, location));
    }

    /** A REST call on an order the owner has just placed. */
    private static Endpoint onOrder(Function<Placed, RestCall> call) {
        return location -> {
            Placed order = place(location);
            RestCall send = call.apply(order);
            return who -> status(send.send(who, location));
        };
    }

    /** A call on an endpoint id. */
    @FunctionalInterface
    private interface WebhookCall {
        Response send(Who who, String location, String id);
    }

    /**
     * A call on the location's one webhook endpoint: at A registered by the receive-webhooks key (a key sees only
     * its own; managers see every one), at B by the owner. The earlier ones are deleted first: a location has few.
     */
    private Endpoint onWebhook(WebhookCall call) {
        return location -> {
            clearWebhooks(location);
            RequestSpecification creator = location.equals(fixture().a()) ? api(Who.HOOKS) : json();
            String id = creator.body(webhook())
                    .post(LOCATION + "/webhooks", location)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            return who -> status(call.send(who, location, id));
        };
    }

    /** Cancellations only, to a receiver that does not exist: the matrix cancels few orders. */
    private static Map<String, Object> webhook() {
        return Map.of("url", "https://hooks.invalid/ticketrail", "events", List.of("ORDER_CANCELLED"));
    }

    private static void clearWebhooks(String location) {
        json().get(LOCATION + "/webhooks", location)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id", String.class)
                .forEach(id -> json().delete(LOCATION + "/webhooks/{id}", location, id)
                        .then()
                        .statusCode(204));
    }

    /** Acknowledging {@code view}'s notices of an order whose grill item the owner has just voided. */
    private static Endpoint onVoidedOrder(String view) {
        return location -> {
            Placed order = place(location);
            owner(location, order, "items/" + order.grill() + "/void");
            return who ->
                    status(api(who).body(Map.of("view", view)).post(ORDER + "/notices/ack", location, order.id()));
        };
    }

    private static RestCall itemCommand(Placed order, String station, String command) {
        return (who, location) ->
                api(who).post(ORDER + "/items/{item}/" + command, location, order.id(), order.item(station));
    }

    /** Recalling an item the owner has just bumped. */
    private Endpoint recallItem(String station) {
        return location -> {
            Placed order = place(location);
            owner(location, order, "items/" + order.item(station) + "/bump");
            return who -> status(
                    api(who).body(Map.of("itemId", order.item(station))).post(ORDER + "/recall", location, order.id()));
        };
    }

    /** An order whose items are all bumped; marked ready by expo too when {@code ready}. */
    private Placed readyOrder(String location, boolean ready) {
        Placed order = place(location);
        owner(location, order, "items/" + order.grill() + "/bump");
        owner(location, order, "items/" + order.fry() + "/bump");
        if (ready) {
            owner(location, order, "ready");
        }
        return order;
    }

    private static Placed place(String location) {
        Response order = placed(location, burgerAndFries());
        List<String> items = itemIds(order);
        return new Placed(order.jsonPath().getString("id"), items.get(0), items.get(1));
    }

    private static void owner(String location, Placed order, String command) {
        json().post(ORDER + "/" + command, location, order.id()).then().statusCode(200);
    }

    private Endpoint page(String path) {
        return location -> who -> {
            Response page = request(who).accept(ContentType.HTML).get(path.replace("{location}", location));
            if (page.statusCode() == 303) {
                // a screen is sent to pairing, a manager to the sign-in form
                assertThat(URI.create(page.header("Location")).getPath())
                        .as("where a browser without a credential goes")
                        .isEqualTo(path.endsWith("/manager") ? "/login" : "/pair");
            }
            if (page.statusCode() >= 400) {
                // a person at a browser reads why, on a page: never raw problem JSON
                assertThat(page.contentType()).as(page.asString()).startsWith("text/html");
                assertThat(page.asString()).contains("id=\"problem-detail\"").doesNotContainPattern(Problems.INTERNALS);
                return page.statusCode();
            }
            return status(page);
        };
    }

    private static RequestSpecification api(Who who) {
        return request(who).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static RequestSpecification request(Who who) {
        return request(who, fixture().tokens().get(who));
    }

    private static RequestSpecification request(Who who, String token) {
        RequestSpecification request = given().redirects().follow(false);
        return token == null ? request : request.header("Authorization", Auth.bearer(token));
    }

    private static String freshSession(Who who) {
        return switch (who) {
            case MGR_A -> fixture().managerOfA().signIn();
            case OWNER -> Auth.newManagerSession();
            default -> fixture().tokens().get(who);
        };
    }

    /** The status; a refusal must be a problem+json without internals, a 401 must say how to authenticate. */
    private static int status(Response response) {
        int status = response.statusCode();
        if (status >= 400) {
            Problems.problem(response, status);
        }
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        return status;
    }

    private static Map<String, String> states(Fixture f, String location) {
        return Db.stateOf(List.of(f.a(), f.b(), location));
    }
}
