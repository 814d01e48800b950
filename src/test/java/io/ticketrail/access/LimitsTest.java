package io.ticketrail.access;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Problems;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Screens.feedUri;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits per key and screen, open feeds per screen, and the WebSocket message size, with limits low enough
 * for a test to cross. (An oversized REST body is RequestValidationTest's.) One profile, so one extra app start.
 */
@QuarkusTest
@TestProfile(LimitsTest.LowLimits.class)
class LimitsTest extends WithScreens {

    private static final int PER_SECOND = 2;
    private static final int CONNECTIONS_PER_SCREEN = 2;
    private static final int CONNECTIONS_PER_SESSION = 3;
    private static final int PAIRINGS_PER_ADDRESS = 3;
    private static final int UNVERIFIED_PER_SECOND = 5;

    public static class LowLimits implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // the limits application.properties turns off for %test are named with the profile, which wins
            return Map.of(
                    "ticketrail.access.limits.key-per-second", String.valueOf(PER_SECOND),
                    "ticketrail.access.limits.device-per-second", String.valueOf(PER_SECOND),
                    "ticketrail.access.limits.connections-per-device", String.valueOf(CONNECTIONS_PER_SCREEN),
                    "%test.ticketrail.access.limits.connections-per-session", String.valueOf(CONNECTIONS_PER_SESSION),
                    "%test.ticketrail.access.limits.pairings-per-address", String.valueOf(PAIRINGS_PER_ADDRESS),
                    "%test.ticketrail.access.limits.unverified-per-second", String.valueOf(UNVERIFIED_PER_SECOND));
        }
    }

    @Inject
    RateLimits limits;

    private final AtomicLong stoppedClock = new AtomicLong();

    /**
     * Stops the rate limits' clock at now: a burst on a loaded machine could otherwise take long enough to refill
     * its bucket as it runs, and never reach the limit.
     */
    private void stopTheClock() {
        stoppedClock.set(System.nanoTime());
        limits.useClock(stoppedClock::get);
    }

    @AfterEach
    void restartTheClock() {
        limits.useClock(System::nanoTime);
    }

    @Test
    void aBurstFromOneKeyGets429WithRetryAfterWhileAnotherKeyIsServed() {
        String location = createLocation();
        String busy = Auth.apiKey(location);
        String calm = Auth.apiKey(location);
        stopTheClock();

        // the bucket holds two seconds' worth (4), and no time passes: the fifth request is refused
        List<Response> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(Auth.as(busy).get(LOCATION + "/orders", location));
        }
        Response refused = burst.get(burst.size() - 1);
        Auth.as(calm).get(LOCATION + "/orders", location).then().statusCode(200);

        assertThat(burst.subList(0, 4)).extracting(Response::statusCode).containsOnly(200);
        assertThat(burst.subList(4, burst.size()))
                .extracting(Response::statusCode)
                .containsOnly(429);
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
            await().atMost(WAIT)
                    .until(() -> open.stream().allMatch(s -> !s.messages().isEmpty()));

            assertThat(RawSocket.upgradeStatus(feedUri(base, location, "view=foh"), screen.token()))
                    .isEqualTo(429);

            open.remove(0).close();
            // polled slower than the screen's rate, so a 429 here can only be the connection count
            await().atMost(WAIT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> RawSocket.upgradeStatus(feedUri(base, location, "view=foh"), screen.token()) == 101);
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
            assertThat(socket.closeCode().get(5, SECONDS))
                    .as("close code for a too-big message")
                    .isEqualTo(1009);
        }
        given().get("/q/health/ready").then().statusCode(200);
        try (RawSocket next = RawSocket.open(feedUri(base, location, "view=expo"))) {
            next.send("{\"type\":\"hello\"}");
            await().atMost(WAIT).until(() -> !next.messages().isEmpty());
            assertThat(next.messages().get(0).path("type").asText()).isEqualTo("snapshot");
            // after its hello a screen's messages go to FeedSocket from Vert.x directly: the limit still holds,
            // also for a message gathered from several frames
            next.sendFragmented("{\"type\":\"ack\",\"page\":\"" + "x".repeat(3000), "x".repeat(3000) + "\"}");
            assertThat(next.closeCode().get(5, SECONDS))
                    .as("close code for a too-big acknowledgement")
                    .isEqualTo(1009);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * Issue 12, finding 4: 18 parallel upgrades with one token opened 12 to 16 feeds past a limit of 4 (the check
     * counted feeds that had opened, not those admitted), and a manager session opened 129. Its feeds are counted
     * at admission, WebSocket and SSE together.
     */
    @Test
    void parallelUpgradesWithOneSessionOpenNoMoreFeedsThanItsLimit() throws Exception {
        String location = createLocation();
        String session = Auth.newManagerSession();
        List<Callable<RawSocket>> upgrades = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            upgrades.add(() -> {
                try {
                    return RawSocket.open(feedUri(base, location, "view=manager"), session);
                } catch (CompletionException refused) {
                    return null;
                }
            });
        }

        List<RawSocket> opened =
                Api.concurrently(upgrades).stream().filter(Objects::nonNull).toList();
        try {
            assertThat(opened).hasSize(CONNECTIONS_PER_SESSION);
            assertThat(given().header("Authorization", Auth.bearer(session))
                            .accept("text/event-stream")
                            .get(LOCATION + "/feed?view=manager", location)
                            .statusCode())
                    .isEqualTo(429);
        } finally {
            opened.forEach(RawSocket::close);
        }
    }

    /**
     * Issue 12, finding 3: one address starting pairings every 0.21 s filled the global limit and locked every
     * other screen out of pairing. Pending codes are counted per address: this one is refused, another still pairs.
     */
    @Test
    void oneAddressFillingItsPairingsLocksNoOtherAddressOut() throws IOException {
        InetAddress attacker = InetAddress.getByName("127.0.0." + (2 + new Random().nextInt(250)));
        for (int i = 0; i < PAIRINGS_PER_ADDRESS; i++) {
            assertThat(startPairingFrom(attacker)).startsWith("HTTP/1.1 201");
        }

        String refused = startPairingFrom(attacker);

        assertThat(refused)
                .startsWith("HTTP/1.1 429")
                .contains("/problems/pairing-limit")
                .containsIgnoringCase("Retry-After");
        given().contentType("application/json").post("/api/v1/pairings").then().statusCode(201);
    }

    /** Starts a pairing over a socket bound to {@code from}; returns the whole answer. */
    private String startPairingFrom(InetAddress from) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName(base.getHost()), base.getPort(), from, 0)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST /api/v1/pairings HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Issue 12, finding 11: well-formed made-up tokens were never rate-limited, and each cost a database query.
     * Credentials not in the cache are limited per address before the query; a cached one is not held up.
     */
    @Test
    void madeUpTokensAreRateLimitedPerAddressBeforeTheDatabaseIsAsked() {
        String location = createLocation();
        String known = Auth.apiKey(location);
        Auth.as(known).get(LOCATION + "/orders", location).then().statusCode(200);
        stopTheClock();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(
                    Auth.as("trk_key_" + java.util.UUID.randomUUID().toString().replace("-", "") + "0123456789a")
                            .get(LOCATION + "/orders", location)
                            .statusCode());
        }

        assertThat(statuses).startsWith(401).contains(429);
        assertThat(statuses).containsOnly(401, 429);
        // the known key is in the cache: it takes nothing from that budget
        Auth.as(known).get(LOCATION + "/orders", location).then().statusCode(200);
        // two seconds later the budget is full again (the next test from this address starts with it)
        stoppedClock.addAndGet(SECONDS.toNanos(2));
        Auth.as("trk_key_" + "B".repeat(43))
                .get(LOCATION + "/orders", location)
                .then()
                .statusCode(401);
    }
    /**
     * A command runs on the event loop; a credential this instance has not verified yet is looked up on a worker
     * thread, within the same per-address budget for unverified credentials as any other request.
     */
    @Test
    void commandsLookUpNewCredentialsAndRateLimitMadeUpOnes() {
        String location = createLocation();
        String fresh = Auth.apiKey(location);
        // the first request with this key: not in this instance's memory yet
        placeAs(fresh, location).then().statusCode(201);
        stopTheClock();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(placeAs(
                            "trk_key_" + java.util.UUID.randomUUID().toString().replace("-", "") + "0123456789a",
                            location)
                    .statusCode());
        }

        assertThat(statuses).startsWith(401).contains(429);
        assertThat(statuses).containsOnly(401, 429);
        placeAs(fresh, location).then().statusCode(201);
        stoppedClock.addAndGet(SECONDS.toNanos(2));
    }

    private static Response placeAs(String token, String location) {
        return Auth.as(token)
                .contentType("application/json")
                .body(Api.orderOf(List.of(Api.item("Burger", "burgers"))))
                .post(LOCATION + "/orders", location);
    }
}
