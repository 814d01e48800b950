package io.ticketrail.access;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketrail.feed.CloseCodes;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Problems;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.SseStream;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Screens.feedUri;
import static io.ticketrail.testsupport.Screens.sseUri;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Revoking a screen or a key, or signing out, takes effect within 5 s: open feeds close with 4401, the next
 * upgrade and the next REST call are 401. (Revocation reaches other instances through the same NOTIFY that closes
 * feeds here; that path is not started as a second instance in this test.)
 */
@QuarkusTest
class RevocationTest extends WithScreens {

    private static final String GRILL = "view=station&station=grill";

    @Test
    void revokingAScreenClosesItsFeedWith4401AndItsNextUpgradeIs401() {
        String location = createLocation();
        Auth.Device screen = Auth.pair(location, List.of("station:grill"), List.of("bump"));
        FeedClient feed = screens.connectAs(screen.token(), base, location, GRILL);
        await().atMost(WAIT).until(() -> feed.received().size() >= 1);

        json().delete(LOCATION + "/devices/{id}", location, screen.id()).then().statusCode(204);

        await().atMost(5, SECONDS).until(() -> feed.closeCodes().contains(CloseCodes.UNAUTHORIZED));
        assertThat(RawSocket.upgradeStatus(feedUri(base, location, GRILL), screen.token()))
                .isEqualTo(401);
        await().atMost(5, SECONDS)
                .untilAsserted(
                        () -> Problems.problem(Auth.as(screen.token()).get(LOCATION + "/orders", location), 401));
    }

    @Test
    void aRevokedPosKeyGets401Within5Seconds() {
        String location = createLocation();
        JsonPath key = json().body(Map.of("name", "old POS"))
                .post(LOCATION + "/api-keys", location)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String token = key.getString("token");
        // answered once, so the credential sits in the instance's cache when it is revoked
        Auth.as(token).get(LOCATION + "/orders", location).then().statusCode(200);

        json().delete(LOCATION + "/api-keys/{id}", location, key.getString("id"))
                .then()
                .statusCode(204);

        await().atMost(5, SECONDS)
                .until(() -> Auth.as(token).get(LOCATION + "/orders", location).statusCode() == 401);
        Problems.problem(
                Problems.refused(
                        location, () -> Auth.as(token).body(burgerAndFries()).post(LOCATION + "/orders", location)),
                401);
        assertThat(json().get(LOCATION + "/api-keys", location).jsonPath().getString("[0].revokedAt"))
                .isNotNull();
    }

    @Test
    void signingOutClosesThatSessionsFeedOnly() {
        String location = createLocation();
        String session = Auth.newManagerSession();
        FeedClient signedOut = screens.connectAs(session, base, location, "view=manager");
        FeedClient other = screens.connectAs(Auth.managerToken(), base, location, "view=manager");
        await().atMost(WAIT)
                .until(() ->
                        !signedOut.received().isEmpty() && !other.received().isEmpty());

        Auth.as(session).delete("/api/v1/session").then().statusCode(204);

        await().atMost(5, SECONDS).until(() -> signedOut.closeCodes().contains(CloseCodes.UNAUTHORIZED));
        assertThat(RawSocket.upgradeStatus(feedUri(base, location, "view=manager"), session))
                .isEqualTo(401);
        assertThat(other.closeCodes()).as("another session's feed").isEmpty();
        assertThat(other.isOpen()).isTrue();
    }

    @Test
    void theSseFeedOfARevokedScreenEndsWithA4401Error() {
        String location = createLocation();
        Auth.Device screen = Auth.pair(location, List.of("station:grill"), List.of("bump"));
        try (SseStream stream = SseStream.open(sseUri(base, location, GRILL), null, screen.token())) {
            assertThat(stream.status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> !stream.events().isEmpty());

            json().delete(LOCATION + "/devices/{id}", location, screen.id())
                    .then()
                    .statusCode(204);

            await().atMost(5, SECONDS).until(stream::ended);
            List<SseStream.Event> events = stream.events();
            SseStream.Event last = events.get(events.size() - 1);
            assertThat(last.type()).isEqualTo("error");
            assertThat(last.data().path("code").asInt()).isEqualTo(CloseCodes.UNAUTHORIZED);
        }
    }
}
