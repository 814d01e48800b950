package io.ticketrail.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Problems.invalid;
import static io.ticketrail.testsupport.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Registering, listing, resuming and deleting webhook endpoints, as a manager and as an integration key. */
@QuarkusTest
class WebhookApiTest {

    static final String WEBHOOKS = LOCATION + "/webhooks";

    static Response register(String location, String url, List<String> events) {
        return json().body(Map.of("url", url, "events", events)).post(WEBHOOKS, location);
    }

    static List<Map<String, Object>> listed(String location) {
        return json().get(WEBHOOKS, location)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    /** The id of an endpoint the key with this token registered. */
    private static String registeredBy(String token, String location) {
        return Auth.as(token)
                .body(Map.of("url", "https://integration.example/hooks", "events", List.of("ORDER_READY")))
                .post(WEBHOOKS, location)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void theSecretIsShownOnceAndTheEndpointStartsAtTheLogsHead() {
        String location = createLocation();
        placedId(location, burgerAndFries());

        JsonPath created = register(location, "https://pos.example/hooks", List.of("ORDER_READY", "ORDER_PLACED"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        assertThat(created.getString("secret")).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(created.getList("events", String.class)).containsExactly("ORDER_PLACED", "ORDER_READY");
        List<Map<String, Object>> list = listed(location);
        assertThat(list).hasSize(1);
        assertThat(list.get(0))
                .containsEntry("id", created.getString("id"))
                .containsEntry("url", "https://pos.example/hooks")
                .containsEntry("state", "ACTIVE")
                .containsEntry("deliveredSeq", 1)
                .doesNotContainKey("secret");
        assertThat(json().get(WEBHOOKS, location).asString()).doesNotContain(created.getString("secret"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndStoresNothing() {
        String location = createLocation();

        invalid(register(location, "ftp://pos.example/hooks", List.of("ORDER_READY")), 400, "url");
        invalid(register(location, "not a url", List.of("ORDER_READY")), 400, "url");
        invalid(register(location, "https://user:pw@pos.example/hooks", List.of("ORDER_READY")), 400, "url");
        invalid(register(location, "https://pos.example/hooks", List.of()), 400, "events");
        invalid(register(location, "https://pos.example/hooks", List.of("ITEM_BUMPED")), 400, "events");
        invalid(json().body(Map.of("events", List.of("ORDER_READY"))).post(WEBHOOKS, location), 400, "url");

        assertThat(listed(location)).isEmpty();
    }

    @Test
    void aPausedEndpointIsResumedAndADeletedOneIsGone() {
        String location = createLocation();
        String id = register(location, "https://pos.example/hooks", List.of("ORDER_READY"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        String state = json().post(WEBHOOKS + "/{id}/resume", location, id)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
        assertThat(state).isEqualTo("ACTIVE");
        json().delete(WEBHOOKS + "/{id}", location, id).then().statusCode(204);

        assertThat(listed(location)).isEmpty();
        problem(json().delete(WEBHOOKS + "/{id}", location, id), 404);
        problem(json().post(WEBHOOKS + "/{id}/resume", location, "not-a-uuid"), 404);
    }

    @Test
    void aKeySeesAndChangesOnlyTheEndpointsItRegistered() {
        String location = createLocation();
        String mine = Auth.integrationKey(location, List.of("receive-webhooks"));
        String theirs = Auth.integrationKey(location, List.of("receive-webhooks"));
        String id = registeredBy(mine, location);

        assertThat(Auth.as(mine).get(WEBHOOKS, location).jsonPath().getList("id"))
                .containsExactly(id);
        assertThat(Auth.as(theirs).get(WEBHOOKS, location).jsonPath().getList("id"))
                .isEmpty();
        problem(Auth.as(theirs).delete(WEBHOOKS + "/{id}", location, id), 404);
        assertThat(listed(location)).extracting(w -> w.get("id")).containsExactly(id);
        Auth.as(mine).delete(WEBHOOKS + "/{id}", location, id).then().statusCode(204);
    }

    @Test
    void aRevokedKeysEndpointsArePaused() {
        String location = createLocation();
        String token = Auth.integrationKey(location, List.of("receive-webhooks"));
        String keyId = json().get(LOCATION + "/api-keys", location).jsonPath().getString("[0].id");
        String id = registeredBy(token, location);

        json().delete(LOCATION + "/api-keys/{id}", location, keyId).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(listed(location))
                        .singleElement()
                        .satisfies(w -> assertThat(w)
                                .containsEntry("id", id)
                                .containsEntry("state", "PAUSED")
                                .containsEntry("pausedReason", "The key that registered it was revoked")));
    }
}
