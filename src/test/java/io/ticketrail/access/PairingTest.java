package io.ticketrail.access;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ticketrail.feed.CloseCodes;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Problems;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Screens.feedUri;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A pairing code is good once and for a while; a claim collects its token once; an expired token is refused. */
@QuarkusTest
class PairingTest extends WithScreens {

    @Test
    void aReplayedPairingCodeIsRefused() {
        String location = createLocation();
        JsonPath pairing = start();

        approve(location, pairing.getString("code"), List.of("expo"), List.of("ready"))
                .then()
                .statusCode(201);
        Response replayed = approve(location, pairing.getString("code"), List.of("expo"), List.of("ready"));

        assertThat(Problems.invalid(replayed, 404, "code").getString("type"))
                .isEqualTo("/problems/pairing-code-unknown");
        assertThat(json().get(LOCATION + "/devices", location).jsonPath().getList("id"))
                .hasSize(1);
    }

    @Test
    void aTokenIsCollectedOnceAndOnlyWithTheRightClaim() {
        String location = createLocation();
        JsonPath pairing = start();
        assertThat(claim(pairing, pairing.getString("claim")).statusCode())
                .as("before approval")
                .isEqualTo(202);
        approve(location, pairing.getString("code"), List.of("expo"), List.of("ready"))
                .then()
                .statusCode(201);

        Problems.problem(claim(pairing, "trk_clm_" + "x".repeat(43)), 404);
        Response first = claim(pairing, pairing.getString("claim"));
        Response second = claim(pairing, pairing.getString("claim"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.jsonPath().getString("token")).startsWith("trk_dev_");
        assertThat(Problems.problem(second, 410).getString("type")).isEqualTo("/problems/pairing-over");
    }

    @Test
    void theDeviceCookieIsHttpOnlyAndSameSiteStrict() {
        String location = createLocation();
        JsonPath pairing = start();
        approve(location, pairing.getString("code"), List.of("foh"), List.of("complete"))
                .then()
                .statusCode(201);

        Response claimed = claim(pairing, pairing.getString("claim"));

        String cookie = claimed.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Presented.DEVICE_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie)
                .contains(Presented.DEVICE_COOKIE + "=" + claimed.jsonPath().getString("token"))
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .contains("Path=/");
    }

    @Test
    void anExpiredPairingCodeCanNeitherBeApprovedNorClaimed() {
        String location = createLocation();
        JsonPath pairing = start();
        Db.execute("update device set pairing_expires_at = now() - interval '1 second' where id = '%s'"
                .formatted(pairing.getString("pairingId")));

        Problems.invalid(approve(location, pairing.getString("code"), List.of("expo"), List.of()), 404, "code");
        Problems.problem(claim(pairing, pairing.getString("claim")), 410);
    }

    @Test
    void anApprovedPairingThatExpiresBeforeItsClaimIsOver() {
        String location = createLocation();
        JsonPath pairing = start();
        approve(location, pairing.getString("code"), List.of("expo"), List.of())
                .then()
                .statusCode(201);
        Db.execute("update device set pairing_expires_at = now() - interval '1 second' where id = '%s'"
                .formatted(pairing.getString("pairingId")));

        Problems.problem(claim(pairing, pairing.getString("claim")), 410);
    }

    @Test
    void anExpiredDeviceTokenIsRefusedOnRestAndAtTheUpgradeAndItsFeedCloses() {
        String location = createLocation();
        Auth.Device screen = Auth.pair(location, List.of("expo"), List.of("ready"));
        Auth.as(screen.token()).get(LOCATION + "/orders", location).then().statusCode(200);
        FeedClient feed = screens.connectAs(screen.token(), base, location, "view=expo");
        await().atMost(WAIT).until(() -> !feed.received().isEmpty());

        Db.execute("update device set token_expires_at = now() - interval '1 second' where id = '%s'"
                .formatted(screen.id()));

        // a verified credential is trusted for ticketrail.access.cache-for (5 s); the feed sweep runs every 2 s
        await().atMost(7, SECONDS)
                .until(() -> Auth.as(screen.token())
                                .get(LOCATION + "/orders", location)
                                .statusCode()
                        == 401);
        assertThat(RawSocket.upgradeStatus(feedUri(base, location, "view=expo"), screen.token()))
                .isEqualTo(401);
        await().atMost(5, SECONDS).until(() -> feed.closeCodes().contains(CloseCodes.UNAUTHORIZED));
    }

    @Test
    void anUnknownViewOrActionIsRefusedWithTheFieldAndTheCodeStaysGood() {
        String location = createLocation();
        JsonPath pairing = start();
        String code = pairing.getString("code");

        Problems.invalid(approve(location, code, List.of("station:pizza"), List.of()), 400, "views");
        Problems.invalid(approve(location, code, List.of("station:expo"), List.of()), 400, "views");
        Problems.invalid(approve(location, code, List.of("kitchen"), List.of()), 400, "views");
        Problems.invalid(approve(location, code, List.of("expo"), List.of("cancel")), 400, "actions");
        Problems.invalid(approve(location, code, List.of("expo"), List.of("manage")), 400, "actions");
        Problems.invalid(approve(location, code, List.of("expo"), List.of("launch")), 400, "actions");

        approve(location, code, List.of("expo"), List.of("ready")).then().statusCode(201);
    }

    private static JsonPath start() {
        return given().contentType(ContentType.JSON)
                .post("/api/v1/pairings")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static Response approve(String location, String code, List<String> views, List<String> actions) {
        return json().body(Map.of("code", code, "name", "pass screen", "views", views, "actions", actions))
                .post(LOCATION + "/devices", location);
    }

    private static Response claim(JsonPath pairing, String claim) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("claim", claim))
                .post("/api/v1/pairings/{id}/claim", pairing.getString("pairingId"));
    }
}
