package io.ticketrail.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes hostile requests from valid ones: a request any client could send (an order, a command, a location, a key),
 * then some of its path parameters, body values, body bytes and headers swapped for what a broken or malicious
 * client sends. Everything comes from one {@link Random}, so a seed names a run.
 *
 * <p>No generated text contains a Java class name or the word "Exception": answers echo some of it back, and the
 * test looks for exactly those in answers.
 */
final class HostileInputs {

    /** The credentials and ids of the fuzz run's two locations; {@code orders} grows as orders are placed. */
    static final class Targets {
        String home;
        String other;
        String managerToken;
        String homeKey;
        String otherKey;
        String revokedKey;
        String homeDevice;
        String otherDevice;
        String pairingId;
        String pairingClaim;
        final List<String> orders = new ArrayList<>();
        final List<String> items = new ArrayList<>();
    }

    /** A request and whether it breaks HTTP itself (so the HTTP server, not Ticketrail, may refuse it). */
    record Input(String kind, RawHttp.Request request, boolean brokenHttp) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] COMMANDS = {
        "items",
        "items/{item}/void",
        "items/{item}/start",
        "items/{item}/bump",
        "stations/{station}/bump",
        "courses/{course}/fire",
        "recall",
        "ready",
        "complete",
        "cancel"
    };
    private static final String[] METHODS = {
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "get", "FOO", "PROPFIND", "M-SEARCH"
    };
    private static final String[] KNOWN_PATHS = {
        "/api/v1/locations",
        "/api/v1/locations/{loc}",
        "/api/v1/locations/{loc}/orders",
        "/api/v1/locations/{loc}/orders/{order}",
        "/api/v1/locations/{loc}/orders/{order}/items/{item}/bump",
        "/api/v1/locations/{loc}/orders/{order}/recall",
        "/api/v1/locations/{loc}/events",
        "/api/v1/locations/{loc}/stats",
        "/api/v1/locations/{loc}/reports/completed.csv",
        "/api/v1/locations/{loc}/feed",
        "/api/v1/locations/{loc}/devices",
        "/api/v1/locations/{loc}/devices/{uuid}",
        "/api/v1/locations/{loc}/api-keys",
        "/api/v1/locations/{loc}/api-keys/{uuid}",
        "/api/v1/session",
        "/api/v1/pairings/{pairing}/claim",
        "/l/{loc}/kitchen/{station}",
        "/l/{loc}/expo",
        "/l/{loc}/foh",
        "/l/{loc}/board",
        "/l/{loc}/manager",
        "/",
        "/api/v1/nothing-here",
        "/api",
        "/q/openapi"
    };
    private static final String[] CONTENT_TYPES = {
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=utf-16",
        "application/json; charset=bogus",
        "application/json; charset=",
        "application/json;;;",
        "application/",
        "/",
        "",
        "*/*",
        "application/*",
        "application/problem+json",
        "text/csv",
        "application/json; boundary=\"",
        "APPLICATION/JSON",
        "application/json, text/plain",
        "text/html; charset=utf-8"
    };
    private static final String[] ACCEPTS = {
        "text/csv",
        "application/xml",
        "text/html",
        "*/*",
        "nonsense",
        "application/json;q=0",
        "text/event-stream",
        "",
        "image/png, */*;q=0.1"
    };
    private static final String[] IF_MATCH = {
        "abc",
        "\"\"",
        "W/",
        "W/\"x\"",
        "99999999999999999999",
        "-1",
        "*",
        "1, 2",
        "\"0\"",
        "0",
        "\"-9223372036854775808\"",
        "W/\"3\"",
        "\"",
        "   ",
        "1e3",
        "0x10"
    };

    private static final java.util.regex.Pattern BAD_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final Random random;
    private final Targets targets;
    private final ObjectMapper json = new ObjectMapper();
    private int externalIds;

    HostileInputs(Random random, Targets targets) {
        this.random = random;
        this.targets = targets;
    }

    Input next() {
        int roll = random.nextInt(100);
        Builder request;
        if (roll < 30) {
            request = placeOrder();
        } else if (roll < 55) {
            request = command();
        } else if (roll < 62) {
            request = putLocation();
        } else if (roll < 76) {
            request = anyMethod();
        } else if (roll < 86) {
            request = access();
        } else {
            request = read();
        }
        if (random.nextInt(5) == 0) {
            request.mutatePath();
        }
        if (request.body != null && random.nextInt(3) > 0) {
            request.mutateBody();
        }
        request.credential();
        int headerMutations = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < headerMutations; i++) {
            request.mutateHeader();
        }
        return request.build();
    }

    // ---- the valid requests mutations start from ----

    private Builder placeOrder() {
        Builder request = new Builder("place", "POST", "/api/v1/locations/{loc}/orders");
        request.body = order();
        return request;
    }

    private Builder command() {
        String command = pick(COMMANDS);
        Builder request = new Builder(
                command.replaceAll("\\{[a-z]+}/", ""), "POST", "/api/v1/locations/{loc}/orders/{order}/" + command);
        switch (command) {
            case "items" -> {
                ObjectNode body = NODES.objectNode();
                body.set("items", items());
                request.body = body;
            }
            case "items/{item}/void", "cancel" ->
                request.body = random.nextBoolean()
                        ? null
                        : NODES.objectNode().put("reason", random.nextBoolean() ? "burnt" : nastyString());
            case "recall" -> {
                ObjectNode body = NODES.objectNode();
                switch (random.nextInt(3)) {
                    case 0 -> body.put("itemId", itemId());
                    case 1 -> body.put("stationId", random.nextBoolean() ? "grill" : "expo");
                    default -> {}
                }
                request.body = body;
            }
            default -> {}
        }
        if (random.nextInt(8) == 0) {
            ObjectNode patch = NODES.objectNode().put("priority", random.nextBoolean() ? "RUSH" : "NORMAL");
            if (random.nextBoolean()) {
                patch.put("promisedAt", "2030-01-01T12:00:00Z");
            }
            request = new Builder("update", "PATCH", "/api/v1/locations/{loc}/orders/{order}");
            request.body = patch;
        }
        return request;
    }

    private Builder putLocation() {
        Builder request = new Builder("put-location", "PUT", "/api/v1/locations/{loc}");
        if (random.nextInt(4) == 0) {
            request.params.put("{loc}", "fz-" + Integer.toString(random.nextInt(1 << 20), 36));
        }
        ObjectNode kitchen = NODES.objectNode()
                .put("name", "Fuzz Kitchen")
                .put("timeZone", "Europe/Berlin")
                .put("warnAfterSeconds", 300)
                .put("lateAfterSeconds", 600)
                .put("defaultStation", "grill")
                .put("expoConfirmation", random.nextBoolean());
        ArrayNode stations = kitchen.putArray("stations");
        stations.addObject().put("id", "grill").put("name", "Grill").put("kind", "PREP");
        stations.addObject().put("id", "fry").put("name", "Fry").put("kind", "PREP");
        stations.addObject().put("id", "expo").put("name", "Expo").put("kind", "EXPO");
        ArrayNode routes = kitchen.putArray("routes");
        routes.addObject().put("category", "burgers").put("station", "grill");
        routes.addObject().put("category", "fries").put("station", "fry");
        request.body = kitchen;
        return request;
    }

    private Builder anyMethod() {
        Builder request = new Builder("any-method", pick(METHODS), pick(KNOWN_PATHS));
        if (random.nextBoolean()) {
            request.body = random.nextBoolean() ? order() : nastyValue(2);
        }
        return request;
    }

    private Builder access() {
        Builder request = switch (random.nextInt(9)) {
            case 0 ->
                new Builder("create-key", "POST", "/api/v1/locations/{loc}/api-keys")
                        .body(NODES.objectNode().put("name", random.nextBoolean() ? "fuzz POS" : nastyString()));
            case 1 -> new Builder("revoke-key", "DELETE", "/api/v1/locations/{loc}/api-keys/{uuid}");
            case 2 -> new Builder("approve", "POST", "/api/v1/locations/{loc}/devices").body(approval());
            case 3 -> new Builder("revoke-device", "DELETE", "/api/v1/locations/{loc}/devices/{uuid}");
            case 4 ->
                new Builder("claim", "POST", "/api/v1/pairings/{pairing}/claim")
                        .body(NODES.objectNode()
                                .put("claim", random.nextBoolean() ? targets.pairingClaim : nastyString()));
            // a sign-in that reaches bcrypt costs a quarter second: mostly broken bodies, which fail validation
            case 5 ->
                new Builder("sign-in", "POST", "/api/v1/session")
                        .body(
                                random.nextInt(4) == 0
                                        ? NODES.objectNode()
                                                .put("username", "admin")
                                                .put("password", nastyString())
                                        : nastyValue(2));
            case 6 -> new Builder("who-am-i", "GET", "/api/v1/session");
            case 7 -> new Builder("list-keys", "GET", "/api/v1/locations/{loc}/api-keys");
            default -> new Builder("list-devices", "GET", "/api/v1/locations/{loc}/devices");
        };
        return request;
    }

    private Builder read() {
        return switch (random.nextInt(6)) {
            case 0 ->
                new Builder(
                        "list-orders",
                        "GET",
                        "/api/v1/locations/{loc}/orders"
                                + query("status", "open", "all", "completed", "OPEN", "")
                                + query("page", "0", "-1", "99999999999")
                                + query("size", "1", "500", "501", "0", "x"));
            case 1 ->
                new Builder(
                        "events",
                        "GET",
                        "/api/v1/locations/{loc}/events"
                                + query("after", "0", "-1", "9223372036854775807", "99999999999999999999", "1.5")
                                + query("limit", "1", "1000", "1001", "0"));
            case 2 ->
                new Builder(
                        "csv",
                        "GET",
                        "/api/v1/locations/{loc}/reports/completed.csv"
                                + query(
                                        "from",
                                        "2026-01-01",
                                        "2026-13-01",
                                        "-999999999-01-01",
                                        "+999999999-12-31",
                                        "2026-1-1",
                                        "")
                                + query("to", "2026-12-31", "0000-01-01", "+10000-01-01", "yesterday"));
            case 3 -> new Builder("stats", "GET", "/api/v1/locations/{loc}/stats");
            case 4 -> new Builder("order", "GET", "/api/v1/locations/{loc}/orders/{order}");
            default ->
                new Builder("page", "GET", pick(new String[] {
                    "/l/{loc}/kitchen/{station}",
                    "/l/{loc}/expo",
                    "/l/{loc}/foh",
                    "/l/{loc}/board",
                    "/l/{loc}/manager",
                    "/"
                }));
        };
    }

    private String query(String name, String... values) {
        if (random.nextInt(5) == 0) {
            return "";
        }
        String value = random.nextInt(4) == 0 ? encodeQuery(nastyString()) : pick(values);
        return (random.nextBoolean() ? "?" : "&") + name + "=" + value;
    }

    private ObjectNode order() {
        ObjectNode order = NODES.objectNode()
                .put("externalId", "fz-" + externalIds++ + "-" + random.nextInt())
                .put("channel", pick(new String[] {"DINE_IN", "TAKEOUT", "DELIVERY"}))
                .put("table", "12");
        if (random.nextBoolean()) {
            order.put("customerName", "Ana")
                    .put("guests", 2)
                    .put("priority", "NORMAL")
                    .put("promisedAt", "2026-11-22T19:30:00Z")
                    .put("notes", "birthday");
        }
        order.set("items", items());
        return order;
    }

    private ArrayNode items() {
        if (random.nextInt(40) == 0) {
            return largestItems();
        }
        ArrayNode items = NODES.arrayNode();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            ObjectNode item = items.addObject()
                    .put("name", random.nextBoolean() ? "Cheeseburger" : "Fries")
                    .put("qty", 1 + random.nextInt(3))
                    .put("category", random.nextBoolean() ? "burgers" : "fries");
            switch (random.nextInt(30)) {
                // integers only: neither rounded nor read from text (issue 12)
                case 0 -> item.put("qty", 1.9);
                case 1 -> item.put("qty", "5");
                default -> {}
            }
            if (random.nextBoolean()) {
                item.putArray("modifiers").add("no onion");
                item.putArray("allergens").add("gluten");
                item.put("notes", "medium").put("course", 1 + random.nextInt(2));
            }
        }
        return items;
    }

    /**
     * As many items as one request may carry, each with 8 modifiers of 120 characters: past the per-order limits of
     * modifiers and text (issue 12, finding 1), so it is refused whole, or grows an order up to them.
     */
    private ArrayNode largestItems() {
        ArrayNode items = NODES.arrayNode();
        for (int i = 0; i < 200; i++) {
            ArrayNode modifiers = items.addObject()
                    .put("name", "Burger " + i)
                    .put("qty", 1)
                    .put("category", "burgers")
                    .putArray("modifiers");
            for (int m = 0; m < 8; m++) {
                modifiers.add(m + "m".repeat(119));
            }
        }
        return items;
    }

    private ObjectNode approval() {
        ObjectNode approval = NODES.objectNode()
                .put("code", random.nextBoolean() ? "ACDEFG" : nastyString())
                .put("name", "fuzz screen");
        approval.putArray("views").add(pick(new String[] {"station:grill", "expo", "foh", "board", "station:"}));
        approval.putArray("actions").add(pick(new String[] {"bump", "ready", "manage", "place", ""}));
        return approval;
    }

    // ---- hostile values ----

    String nastyString() {
        return switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 ->
                pick(new String[] {
                    " ",
                    "\t",
                    "\u0000",
                    "a\u0000b",
                    "\u0001\u0002\u001f\u007f",
                    "\r\n\r\n",
                    "\u202e\u0644\u0627",
                    "\ufeff",
                    "\uffff",
                    "\u00a0"
                });
            case 2 -> "🍔🍟🌶️".repeat(1 + random.nextInt(60));
            case 3 -> "e\u0301".repeat(1 + random.nextInt(200));
            case 4 -> "x".repeat(40 + random.nextInt(4000));
            case 5 ->
                pick(new String[] {
                    "' OR '1'='1",
                    "'; drop table kitchen_order; --",
                    "\\",
                    "%",
                    "_",
                    "$1",
                    "\" or \"\"=\"",
                    "1; select pg_sleep(5)",
                    "E'\\\\x00'",
                    "null",
                    "NaN",
                    "undefined"
                });
            case 6 ->
                pick(new String[] {
                    "../../etc/passwd",
                    "%00",
                    "<script>alert(1)</script>",
                    "${jndi:ldap://x/a}",
                    "{{7*7}}",
                    "{#for x in y}",
                    "#{7*7}",
                    "%s%s%n",
                    "javascript:alert(1)"
                });
            case 7 ->
                pick(new String[] {
                    "+999999999-12-31T23:59:59Z",
                    "-999999999-01-01T00:00:00Z",
                    "+294277-01-01T00:00:00Z",
                    "-4714-11-23T00:00:00Z",
                    "0000-01-01T00:00:00Z",
                    "2026-02-30T00:00:00Z",
                    "2026-11-22T19:30:00.123456789Z",
                    "2026-11-22T19:30:00+25:00",
                    "2026-11-22",
                    "1e10",
                    "now"
                });
            case 8 ->
                pick(new String[] {
                    "dine_in",
                    "DINE_IN ",
                    "RUSH",
                    "rush",
                    "PREP",
                    "EXPO",
                    "Europe/Nowhere",
                    "UTC",
                    "+25:00",
                    "GMT+99",
                    "station:grill",
                    "grill",
                    "GRILL",
                    "expo"
                });
            case 9 -> UUID.randomUUID().toString();
            case 10 ->
                pick(new String[] {
                    "00000000-0000-0000-0000-000000000000",
                    "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
                    "1-1-1-1-1",
                    "{" + UUID.randomUUID() + "}",
                    UUID.randomUUID().toString().toUpperCase()
                });
            case 11 ->
                pick(new String[] {
                    "trk_key_",
                    "trk_dev_" + "A".repeat(43),
                    "trk_ses_" + "-".repeat(43),
                    "trk_clm_" + "b".repeat(43),
                    "Bearer trk_key_"
                });
            default -> randomUnicode(1 + random.nextInt(random.nextInt(10) == 0 ? 2000 : 30));
        };
    }

    private String randomUnicode(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> random.nextInt(0x800);
                case 2 -> 0x1F300 + random.nextInt(0x300);
                default -> random.nextInt(0x10FFFF);
            };
            // no dots: "a.b.C" would read as a leaked class name when an answer echoes it
            if ((codePoint < 0xD800 || codePoint > 0xDFFF) && codePoint != '.') {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    JsonNode nastyValue(int depth) {
        return switch (random.nextInt(depth <= 0 ? 4 : 7)) {
            case 0 -> NODES.textNode(nastyString());
            case 1 ->
                pick(new JsonNode[] {
                    NODES.numberNode(0),
                    NODES.numberNode(-1),
                    NODES.numberNode(Integer.MAX_VALUE),
                    NODES.numberNode(2_147_483_648L),
                    NODES.numberNode(Long.MIN_VALUE),
                    NODES.numberNode(1e308),
                    NODES.numberNode(-1e-308),
                    NODES.numberNode(1.5),
                    NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(30))),
                    NODES.numberNode(new java.math.BigDecimal("1e400")),
                    NODES.numberNode(-0.0)
                });
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(nastyValue(depth - 1));
                }
                yield array;
            }
            case 5 -> {
                ObjectNode object = NODES.objectNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    object.set(
                            random.nextBoolean()
                                    ? pick(new String[] {"items", "name", "qty", "type", "id"})
                                    : nastyString(),
                            nastyValue(depth - 1));
                }
                yield object;
            }
            default -> random.nextBoolean() ? order() : items();
        };
    }

    /** A path parameter as a broken client or a prober sends it; {@code brokenHttp} when it breaks the request line. */
    private String nastySegment(boolean[] brokenHttp) {
        return switch (random.nextInt(14)) {
            case 0 -> pick(new String[] {"..", "../", "../../q/health", "%2e%2e", "..%2f..%2fsession", ".", "~", "*"});
            case 1 -> pick(new String[] {"%00", "a%00b", "%zz", "%", "%c0%af", "%ff%fe", "%e2%80%ae", "%F0%9F%8D%94"});
            case 2 -> "a".repeat(41 + random.nextInt(400));
            case 3 -> {
                brokenHttp[0] = true;
                yield "a".repeat(5000); // past the HTTP server's request-line limit
            }
            case 4 -> "not-a-uuid";
            case 5 -> pick(new String[] {"%27%20OR%201%3D1%20--", "1%3Bdrop%20table%20location", "%22", "%5C"});
            case 6 -> {
                brokenHttp[0] = true;
                yield pick(new String[] {"' OR 1=1 --", "a b", "\u00e9", "🍔", "a\tb", "a\u0000b"});
            }
            case 7 -> pick(new String[] {"grill;jsessionid=x", "a?b=c", "#frag", "", "//", "GRILL", "-"});
            case 8 -> UUID.randomUUID().toString();
            case 9 -> "00000000-0000-0000-0000-000000000000";
            case 10 -> targets.other;
            case 11 -> pick(new String[] {"0", "-1", "10", "2147483648", "1.5", "one"});
            default -> encodePath(nastyString());
        };
    }

    private String itemId() {
        return targets.items.isEmpty() || random.nextInt(6) == 0
                ? UUID.randomUUID().toString()
                : targets.items.get(random.nextInt(targets.items.size()));
    }

    private String orderId() {
        return targets.orders.isEmpty() || random.nextInt(10) == 0
                ? UUID.randomUUID().toString()
                : targets.orders.get(Math.max(0, targets.orders.size() - 1 - random.nextInt(20)));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String encodePath(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String encodeQuery(String text) {
        return encodePath(text);
    }

    // ---- one request under construction ----

    private final class Builder {
        final String kind;
        final String method;
        final String template;
        final Map<String, String> params = new java.util.LinkedHashMap<>();
        final List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
        JsonNode body;
        byte[] rawBody;
        boolean brokenHttp;
        boolean contentTypeSet;
        boolean contentLength = true;
        final List<String> mutations = new ArrayList<>();

        Builder(String kind, String method, String template) {
            this.kind = kind;
            this.method = method;
            this.template = template;
            params.put("{loc}", random.nextInt(12) == 0 ? targets.other : targets.home);
            params.put("{order}", orderId());
            params.put("{item}", itemId());
            params.put("{station}", pick(new String[] {"grill", "fry", "expo"}));
            params.put("{course}", Integer.toString(1 + random.nextInt(2)));
            params.put("{uuid}", UUID.randomUUID().toString());
            params.put(
                    "{pairing}",
                    random.nextBoolean() ? targets.pairingId : UUID.randomUUID().toString());
        }

        Builder body(JsonNode value) {
            body = value;
            return this;
        }

        void mutatePath() {
            List<String> used =
                    params.keySet().stream().filter(template::contains).toList();
            if (used.isEmpty()) {
                return;
            }
            String param = used.get(random.nextInt(used.size()));
            boolean[] broken = {false};
            params.put(param, nastySegment(broken));
            brokenHttp |= broken[0];
            mutations.add("path " + param);
        }

        void mutateBody() {
            int mutations = 1 + random.nextInt(3);
            for (int i = 0; i < mutations && rawBody == null; i++) {
                switch (random.nextInt(12)) {
                    case 0, 1, 2, 3 -> replaceSomeValue();
                    case 4 -> removeSomeField();
                    case 5 -> addUnknownField();
                    case 6 -> rawBody = truncated();
                    case 7 -> rawBody = flippedBytes();
                    case 8 -> rawBody = deeplyNested();
                    case 9 -> rawBody = duplicateKeys();
                    case 10 ->
                        rawBody = pick(new String[] {
                                    "",
                                    "null",
                                    "[]",
                                    "\"\"",
                                    "0",
                                    "not json",
                                    "{",
                                    "}{",
                                    "{\"items\": [}",
                                    "\ufeff{}",
                                    "{\"externalId\": \"\\ud800\"}",
                                    "{\"a\":1}{\"b\":2}",
                                    "{'single': 'quotes'}",
                                    "{\"x\": NaN}",
                                    "{\"x\": 01}",
                                    "{\"x\": -}",
                                    "/* c */ {}"
                                })
                                .getBytes(StandardCharsets.UTF_8);
                    default -> rawBody = invalidUtf8();
                }
                this.mutations.add("body");
            }
        }

        private void replaceSomeValue() {
            List<Supplier<Void>> slots = new ArrayList<>();
            collectSlots(body, slots, null, null);
            if (slots.isEmpty()) {
                body = nastyValue(2);
            } else {
                slots.get(random.nextInt(slots.size())).get();
            }
        }

        /** Every place in the tree a value could be swapped, the root too. */
        private void collectSlots(JsonNode node, List<Supplier<Void>> slots, JsonNode parent, Object key) {
            if (parent == null) {
                slots.add(() -> {
                    body = nastyValue(2);
                    return null;
                });
            } else if (parent instanceof ObjectNode object) {
                slots.add(() -> {
                    object.set((String) key, nastyValue(2));
                    return null;
                });
            } else if (parent instanceof ArrayNode array) {
                slots.add(() -> {
                    array.set((Integer) key, nastyValue(2));
                    return null;
                });
            }
            if (node instanceof ObjectNode object) {
                Iterator<String> names = object.fieldNames();
                List<String> fields = new ArrayList<>();
                names.forEachRemaining(fields::add);
                for (String field : fields) {
                    collectSlots(object.get(field), slots, object, field);
                }
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    collectSlots(array.get(i), slots, array, i);
                }
                if (array.size() > 0 && random.nextInt(20) == 0) {
                    slots.add(() -> {
                        JsonNode first = array.get(0);
                        for (int i = 0; i < 200; i++) {
                            array.add(first.deepCopy());
                        }
                        return null;
                    });
                }
            }
        }

        private void removeSomeField() {
            if (body instanceof ObjectNode object && object.size() > 0) {
                List<String> fields = new ArrayList<>();
                object.fieldNames().forEachRemaining(fields::add);
                object.remove(fields.get(random.nextInt(fields.size())));
            }
        }

        private void addUnknownField() {
            if (body instanceof ObjectNode object) {
                object.set(random.nextBoolean() ? "loyaltyTier" : nastyString(), nastyValue(3));
            }
        }

        private byte[] serialized() {
            try {
                return json.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private byte[] truncated() {
            byte[] whole = serialized();
            return java.util.Arrays.copyOf(whole, random.nextInt(Math.max(1, whole.length)));
        }

        private byte[] flippedBytes() {
            byte[] bytes = serialized();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips && bytes.length > 0; i++) {
                byte[] replacements = "\0\"{}[],:\\\n\u00ff\u00c3x9".getBytes(StandardCharsets.ISO_8859_1);
                bytes[random.nextInt(bytes.length)] = replacements[random.nextInt(replacements.length)];
            }
            return bytes;
        }

        private byte[] deeplyNested() {
            int depth = pick(new Integer[] {100, 1_001, 5_000, 20_000});
            boolean arrays = random.nextBoolean();
            String open = arrays ? "[" : "{\"a\":";
            String close = arrays ? "]" : "}";
            return ("{\"externalId\":\"deep\",\"items\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private byte[] duplicateKeys() {
            String text = new String(serialized(), StandardCharsets.UTF_8);
            if (!text.startsWith("{") || text.length() < 3) {
                return serialized();
            }
            String extra = pick(new String[] {
                "\"items\":[]", "\"externalId\":null", "\"channel\":\"SPACESHIP\"", "\"qty\":0", "\"name\":\"again\""
            });
            return (random.nextBoolean()
                            ? "{" + extra + "," + text.substring(1)
                            : text.substring(0, text.length() - 1) + "," + extra + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        private byte[] invalidUtf8() {
            byte[] bytes = serialized();
            byte[] bad = pick(new byte[][] {
                {(byte) 0xc3},
                {(byte) 0xff, (byte) 0xfe},
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xc0, (byte) 0x80}
            });
            int at = bytes.length / 2;
            byte[] out = new byte[bytes.length + bad.length];
            System.arraycopy(bytes, 0, out, 0, at);
            System.arraycopy(bad, 0, out, at, bad.length);
            System.arraycopy(bytes, at, out, at + bad.length, bytes.length - at);
            return out;
        }

        /** The caller: mostly the fuzz manager, else a key, a screen, one of the wrong kind or place, or garbage. */
        void credential() {
            int roll = random.nextInt(100);
            if (roll < 55) {
                bearer(targets.managerToken);
            } else if (roll < 63) {
                bearer(targets.homeKey);
            } else if (roll < 67) {
                bearer(targets.otherKey);
            } else if (roll < 72) {
                bearer(targets.homeDevice);
            } else if (roll < 75) {
                bearer(targets.otherDevice);
            } else if (roll < 79) {
                header("Cookie", "trk_device=" + targets.homeDevice);
            } else if (roll < 82) {
                header("Cookie", "trk_session=" + targets.managerToken);
            } else if (roll < 85) {
                bearer(targets.revokedKey);
            } else {
                garbageCredential();
            }
        }

        private void bearer(String token) {
            header("Authorization", "Bearer " + token);
        }

        private void garbageCredential() {
            mutations.add("credential");
            switch (random.nextInt(12)) {
                case 0 -> {}
                case 1 -> header("Authorization", "Bearer");
                case 2 -> header("Authorization", "Bearer " + nastyString());
                case 3 -> header("Authorization", "Basic YWRtaW46YWRtaW4=");
                case 4 -> bearer("trk_key_" + "Q".repeat(43));
                case 5 ->
                    bearer("trk_ses_"
                            + UUID.randomUUID()
                                    .toString()
                                    .replace("-", "")
                                    .repeat(2)
                                    .substring(0, 43));
                case 6 -> header("Authorization", "bearer   " + targets.managerToken + "   ");
                case 7 -> {
                    bearer(targets.homeKey);
                    bearer(targets.managerToken);
                }
                case 8 ->
                    header("Cookie", pick(new String[] {
                        "trk_session=",
                        ";;;==",
                        "trk_session=\"x\"",
                        "trk_device=" + "z".repeat(5000),
                        "trk_session=a; trk_session=b",
                        "=; =",
                        "trk_device=%00"
                    }));
                case 9 ->
                    rawHeader("Authorization", new byte[] {'B', 'e', 'a', 'r', 'e', 'r', ' ', 0, (byte) 0xff, 'x'});
                case 10 -> header("Authorization", "Bearer " + "x".repeat(pick(new Integer[] {100, 5_000, 30_000})));
                default -> header("Authorization", "Bearer " + targets.managerToken.substring(0, 20));
            }
        }

        void mutateHeader() {
            switch (random.nextInt(12)) {
                case 0, 1 ->
                    header("Idempotency-Key", pick(new String[] {
                        "", " ", "x".repeat(200), "x".repeat(201), "k-" + random.nextInt(50), "🍔", "x".repeat(10_000)
                    }));
                case 2 ->
                    rawHeader("Idempotency-Key", pick(new byte[][] {
                        {'a', 0, 'b'}, {(byte) 0xc3, (byte) 0xa9}, {(byte) 0xff}, {'a', 1, 2, 3}
                    }));
                case 3, 4 -> header("If-Match", pick(IF_MATCH));
                case 5, 6 -> {
                    contentTypeSet = true;
                    header("Content-Type", pick(CONTENT_TYPES));
                }
                case 7 -> header("Accept", pick(ACCEPTS));
                case 8 ->
                    header(
                            "Ticketrail-Actor",
                            random.nextBoolean() ? "x".repeat(81 + random.nextInt(2000)) : nastyString());
                case 9 ->
                    header(
                            pick(new String[] {
                                "X-Forwarded-Proto",
                                "X-CSRF-Token",
                                "Last-Event-ID",
                                "Origin",
                                "X-Forwarded-For",
                                "Range",
                                "Expect"
                            }),
                            nastyString());
                case 10 -> {
                    contentLength = false;
                    header("Content-Length", pick(new String[] {"99999999999", "-1", "abc", "1, 2", ""}));
                }
                default -> {
                    contentLength = false;
                    header("Transfer-Encoding", "chunked");
                }
            }
            mutations.add("header");
        }

        private void header(String name, String value) {
            boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t');
            if (!ascii) {
                brokenHttp = true;
            }
            headers.add(Map.entry(name, value.getBytes(StandardCharsets.UTF_8)));
            if (value.length() > 4000) {
                brokenHttp = true; // may pass the HTTP server's header size limit
            }
        }

        private void rawHeader(String name, byte[] value) {
            brokenHttp = true;
            headers.add(Map.entry(name, value));
        }

        Input build() {
            String path = template;
            for (Map.Entry<String, String> param : params.entrySet()) {
                path = path.replace(param.getKey(), param.getValue());
            }
            byte[] bytes = rawBody != null ? rawBody : body != null ? serialized() : new byte[0];
            if ((bytes.length > 0 || random.nextInt(4) > 0) && !contentTypeSet) {
                headers.add(0, Map.entry("Content-Type", "application/json".getBytes(StandardCharsets.US_ASCII)));
            }
            boolean chunked = headers.stream().anyMatch(h -> h.getKey().equals("Transfer-Encoding"));
            boolean lengthHeader = headers.stream().anyMatch(h -> h.getKey().equals("Content-Length"));
            if (chunked) {
                bytes = chunk(bytes);
            }
            if (lengthHeader) {
                brokenHttp = true;
                if (!chunked) {
                    bytes = new byte[0]; // the declared length does not match; the server must not wait for it
                }
            }
            if (path.length() > 4000 || BAD_ESCAPE.matcher(path).find()) {
                // past the request-line limit, or not a URI: the HTTP server refuses it before Ticketrail sees it
                brokenHttp = true;
            }
            String name = kind + (mutations.isEmpty() ? "" : " (" + String.join(", ", mutations) + ")");
            return new Input(
                    name, new RawHttp.Request(method, path, List.copyOf(headers), bytes, contentLength), brokenHttp);
        }

        private byte[] chunk(byte[] bytes) {
            String head = Integer.toHexString(bytes.length) + "\r\n";
            byte[] out = new byte[head.length() + bytes.length + 7];
            System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
            System.arraycopy(bytes, 0, out, head.length(), bytes.length);
            System.arraycopy(
                    "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, out, head.length() + bytes.length, 7);
            return bytes.length == 0 ? "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII) : out;
        }
    }
}
