package io.ticketrail.access;

import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Screens.feedUri;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Problems;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.WithScreens;

/**
 * Rate limits per key and screen, open feeds per screen, and the WebSocket message size, with limits low enough
 * for a test to cross. (An oversized REST body is RequestValidationTest's.) One profile, so one extra app start.
 */
@QuarkusTest
@TestProfile(LimitsTest.LowLimits.class)
class LimitsTest extends WithScreens {

    private static final int PER_SECOND = 2;
    private static final int CONNECTIONS_PER_SCREEN = 2;

    public static class LowLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ticketrail.access.limits.key-per-second", String.valueOf(PER_SECOND),
                    "ticketrail.access.limits.device-per-second", String.valueOf(PER_SECOND),
                    "ticketrail.access.limits.connections-per-device", String.valueOf(CONNECTIONS_PER_SCREEN));
        }
    }

    @Test
    void aBurstFromOneKeyGets429WithRetryAfterWhileAnotherKeyIsServed() {
        String location = createLocation();
        String busy = Auth.apiKey(location);
        String calm = Auth.apiKey(location);

        // the bucket holds two seconds' worth (4); twenty requests come faster than it refills
        List<Response> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(Auth.as(busy).get(LOCATION + "/orders", location));
        }
        Response refused = burst.get(burst.size() - 1);
        Auth.as(calm).get(LOCATION + "/orders", location).then().statusCode(200);

        assertThat(burst).extracting(Response::statusCode).startsWith(200, 200, 200).contains(429);
        assertThat(Problems.problem(refused, 429).getString("type")).isEqualTo("/problems/rate-limited");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
    }

    @Test
    void aScreenOverItsConnectionsIsRefusedAtTheUpgradeWith429() {
        String location = createLocation();
        Auth.Device screen = Auth.pair(location, List.of("foh"), List.of("complete"));
        List<RawSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS_PER_SCREEN; i++) {
                open.add(RawSocket.open(feedUri(base, location, "view=foh"), screen.token()));
                open.get(i).send("{\"type\":\"hello\"}");
            }
            await().atMost(WAIT).until(() -> open.stream().allMatch(s -> !s.messages().isEmpty()));

            assertThat(RawSocket.upgradeStatus(feedUri(base, location, "view=foh"), screen.token())).isEqualTo(429);

            open.remove(0).close();
            // polled slower than the screen's rate, so a 429 here can only be the connection count
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(
                    () -> RawSocket.upgradeStatus(feedUri(base, location, "view=foh"), screen.token()) == 101);
        } finally {
            open.forEach(RawSocket::close);
        }
    }

    @Test
    void aWebSocketMessageOverTheMaxSizeClosesTheSocketAndTheServerStaysHealthy() throws Exception {
        String location = createLocation();
        try (RawSocket socket = RawSocket.open(feedUri(base, location, "view=expo"))) {
            // quarkus.websockets-next.server.max-message-size is 4096
            socket.send("{\"type\":\"hello\",\"pad\":\"" + "x".repeat(5000) + "\"}");

            // Vert.x refuses the frame before FeedSocket sees it; FeedSocket's error handler names it: Message Too Big
            assertThat(socket.closeCode().get(5, SECONDS)).as("close code for a too-big message").isEqualTo(1009);
        }
        given().get("/q/health/ready").then().statusCode(200);
        try (RawSocket next = RawSocket.open(feedUri(base, location, "view=expo"))) {
            next.send("{\"type\":\"hello\"}");
            await().atMost(WAIT).until(() -> !next.messages().isEmpty());
            assertThat(next.messages().get(0).path("type").asText()).isEqualTo("snapshot");
        }
    }
}
