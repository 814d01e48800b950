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
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.SseStream;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A screen (re)connecting while the database is away is told so: the WebSocket upgrade and the SSE request are
 * refused with 503 and Retry-After, the SSE one with the database-unavailable problem, never a 500 and never a
 * connection left hanging. When the database is back the same screen connects and gets its snapshot.
 */
@QuarkusTest
@TestProfile(ProxiedDatabaseProfile.class)
class FeedDuringOutageTest extends Outages {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

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
