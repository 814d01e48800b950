package io.ticketrail.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.SseStream;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An open screen hears at once that its server lost the database, on the connection it has, and hears when it is
 * back. A screen (re)connecting while the database is away is told so: the WebSocket upgrade and the SSE request are
 * refused with 503 and Retry-After, the SSE one with the database-unavailable problem, never a 500 and never a
 * connection left hanging. When the database is back the same screen connects and gets its snapshot.
 */
@QuarkusTest
@TestProfile(ProxiedDatabaseProfile.class)
class FeedDuringOutageTest extends Outages {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * The test profile's ping interval (ticketrail.feed.ping-interval, 15 s): the screen must hear of the outage
     * well before its next ping would have been missed.
     */
    private static final Duration WELL_BEFORE_A_PING = Duration.ofSeconds(5);

    @TestHTTPResource("/")
    URI base;

    @Test
    void anOpenScreenIsToldAtOnceThatTheDatabaseIsAwayKeepsItsConnectionAndIsToldWhenItIsBack() {
        String location = createLocation();
        placed(location, burgerAndFries());
        String screen = Auth.pair(location, List.of("expo"), List.of("ready")).token();
        try (FeedClient client = new FeedClient(HTTP, () -> Screens.feedUri(base, location, "view=expo"))
                .credential(screen)
                .connect()) {
            await("the snapshot").atMost(NOTICED).until(() -> client.state().seq() >= 1);
            long seq = client.state().seq();
            int shown = client.state().orders().size();

            stopDatabase();
            JsonNode away = await("told the database is away")
                    .atMost(WELL_BEFORE_A_PING)
                    .until(
                            () -> lastStatus(client),
                            status -> status != null
                                    && status.path("database").asText().equals("unreachable"));
            assertThat(away.path("since").asText()).as("since").isNotEmpty();
            assertThat(away.path("serverTime").asText()).as("serverTime").isNotEmpty();
            assertThat(client.isOpen()).as("the connection is kept").isTrue();
            assertThat(client.state().seq()).isEqualTo(seq);
            assertThat(client.state().orders()).hasSize(shown);

            startDatabase();
            await("told the database is back")
                    .atMost(WELL_BEFORE_A_PING)
                    .until(
                            () -> lastStatus(client),
                            status -> status != null
                                    && status.path("database").asText().equals("reachable"));
            await("a ping at the screen's seq after it")
                    .atMost(WELL_BEFORE_A_PING)
                    .until(() -> {
                        List<JsonNode> received = client.received();
                        JsonNode last = received.get(received.size() - 1);
                        return last.path("type").asText().equals("ping")
                                && last.path("seq").asLong() == seq;
                    });
            assertThat(client.closeCodes()).as("never closed").isEmpty();
            assertThat(client.isOpen()).isTrue();
        }
    }

    private static JsonNode lastStatus(FeedClient client) {
        List<JsonNode> received = client.received();
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).path("type").asText().equals("status")) {
                return received.get(i);
            }
        }
        return null;
    }

    @Test
    void feedUpgradesAndSseAre503WhileTheDatabaseIsDownAndConnectWhenItIsBack() throws Exception {
        String location = createLocation();
        String screen = Auth.pair(location, List.of("expo"), List.of("ready")).token();
        URI websocket = Screens.feedUri(base, location, "view=expo");
        URI sse = Screens.sseUri(base, location, "view=expo");
        stopDatabase();

        assertThat(RawSocket.upgradeStatus(websocket, screen))
                .as("WebSocket upgrade")
                .isEqualTo(503);
        HttpResponse<String> refused = HTTP.send(
                HttpRequest.newBuilder(sse)
                        .header("Accept", "text/event-stream")
                        .header("Authorization", Auth.bearer(screen))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("SSE").isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo("/problems/database-unavailable");

        startDatabase();
        await("the WebSocket upgrade accepted again")
                .atMost(NOTICED)
                .until(() -> RawSocket.upgradeStatus(websocket, screen) == 101);
        try (SseStream stream = SseStream.open(sse, null, screen)) {
            assertThat(stream.status()).isEqualTo(200);
            await("a snapshot over SSE")
                    .atMost(NOTICED)
                    .until(() -> stream.events().stream().anyMatch(e -> e.type().equals("snapshot")));
        }
    }
}
