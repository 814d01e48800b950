package io.ticketrail.testsupport;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * Credentials for tests, made the way a real deployment makes them: the first manager from configuration (a
 * password made up per test JVM, handed to the app by {@link PostgresResource}), POS keys created by that manager,
 * screens paired through the pairing API.
 */
public final class Auth {

    public static final String MANAGER = "admin";
    /** Made up per test JVM; the test database lives only as long. */
    static final String MANAGER_PASSWORD = "pw-" + UUID.randomUUID();

    private static String managerToken;

    private Auth() {}

    /** The test manager's session token (every location), signed in once per JVM; sessions live in the database. */
    public static synchronized String managerToken() {
        if (managerToken == null) {
            managerToken = newManagerSession();
        }
        return managerToken;
    }

    /** The test manager's password, for tests that type it into the sign-in form. */
    public static String managerPassword() {
        return MANAGER_PASSWORD;
    }

    /** A session of its own with its CSRF token (token, csrfToken), for a test that signs it out. */
    public static JsonPath newManagerSessionWithCsrf() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", MANAGER, "password", MANAGER_PASSWORD))
                .post("/api/v1/session")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** A new session of the test manager (every location), for a test that ends it. */
    public static String newManagerSession() {
        return signIn(MANAGER, MANAGER_PASSWORD);
    }

    /** The same: a new session of the test manager. */
    public static String signIn() {
        return newManagerSession();
    }

    /** Signs in through the API and returns the session token; fails the test unless it worked. */
    public static String signIn(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/session")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    /**
     * A manager of these locations only, added with SQL as the owner would (there is no API for accounts yet). The
     * password is hashed with cost 4: the cost is stored in the hash, and sign-in needs no more in a test.
     */
    public static Manager managerOf(String... locations) {
        String username = "mgr-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        String array = String.join(
                ",", List.of(locations).stream().map(l -> '"' + l + '"').toList());
        Db.execute("""
                insert into manager (id, username, password_hash, locations, created_at)
                values ('%s', '%s', '%s', '{%s}', now())""".formatted(UUID.randomUUID(), username, BcryptUtil.bcryptHash(password, 4), array));
        return new Manager(username, password);
    }

    /** A manager account made by {@link #managerOf}. */
    public record Manager(String username, String password) {

        /** A new session; returns its token. */
        public String signIn() {
            return Auth.signIn(username, password);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A request as the test manager. */
    public static RequestSpecification asManager() {
        return as(managerToken());
    }

    /** A request as the test manager with nothing else set: no content type, no Accept. */
    public static RequestSpecification asManagerBare() {
        return given().header("Authorization", bearer(managerToken()));
    }

    /** A request with {@code token} as its Bearer credential. */
    public static RequestSpecification as(String token) {
        return given().header("Authorization", bearer(token))
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** A new POS key for the location; returns its token. */
    public static String apiKey(String locationId) {
        return asManager()
                .body(Map.of("name", "test POS"))
                .post(Api.LOCATION + "/api-keys", locationId)
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    /** A new integration key of the location with these scopes (issue 16); returns its token. */
    public static String integrationKey(String locationId, List<String> scopes) {
        return asManager()
                .body(Map.of("name", "test integration", "scopes", scopes))
                .post(Api.LOCATION + "/api-keys", locationId)
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    /** A screen paired end to end: pairing started, approved by the manager, token collected. */
    public static Device pair(String locationId, List<String> views, List<String> actions) {
        JsonPath pairing = given().contentType(ContentType.JSON)
                .post("/api/v1/pairings")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String deviceId = asManager()
                .body(Map.of(
                        "code", pairing.getString("code"), "name", "test screen", "views", views, "actions", actions))
                .post(Api.LOCATION + "/devices", locationId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("claim", pairing.getString("claim")))
                .post("/api/v1/pairings/{id}/claim", pairing.getString("pairingId"))
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        return new Device(deviceId, token);
    }

    /** A paired screen: its id (for revocation) and its token. */
    public record Device(String id, String token) {}
}
