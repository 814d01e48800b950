package io.ticketrail.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.newLocationId;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Screens.feedUri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a screen that asks for the wrong thing, or says the wrong thing, is told: before and after the upgrade. */
@QuarkusTest
class FeedUpgradeTest extends WithScreens {

    @Inject
    OpenConnections openConnections;

    @Test
    void anUnknownLocationIsRefusedAtTheUpgradeWith404() {
        assertThat(RawSocket.refusedStatus(feedUri(base, newLocationId(), "view=expo")))
                .isEqualTo(404);
    }

    @Test
    void anUnknownStationIsRefusedAtTheUpgradeWith404() {
        String location = createLocation();

        assertThat(RawSocket.refusedStatus(feedUri(base, location, "view=station&station=pizza")))
                .isEqualTo(404);
        // expo is a station of the test kitchen, but not a kitchen (PREP) station: it has its own view
        assertThat(RawSocket.refusedStatus(feedUri(base, location, "view=station&station=expo")))
                .isEqualTo(404);
    }

    /** Every screen says hello the moment its socket opens: not one of those hellos may be lost. */
    @Test
    void screensThatSayHelloRightAfterTheUpgradeAllGetTheirSnapshot() {
        String location = createLocation();
        List<FeedClient> opened = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            opened.add(screens.connect(base, location, i % 2 == 0 ? "view=expo" : "view=station&station=grill"));
        }

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(opened)
                        .allSatisfy(screen -> assertThat(screen.receivedExceptPings())
                                .extracting(m -> m.path("type").asText())
                                .containsExactly("snapshot")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"view=kitchen", "view=station", "station=grill", "view="})
    void aBadViewIsRefusedAtTheUpgradeWith400(String query) {
        String location = createLocation();

        assertThat(RawSocket.refusedStatus(feedUri(base, location, query))).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello",
                "{\"type\":\"subscribe\"}",
                "[{\"type\":\"hello\"}]",
                "{\"type\":\"hello\",\"resume\":{\"epoch\":\"not-a-uuid\",\"seq\":3}}",
                "{\"type\":\"hello\",\"resume\":{\"epoch\":\"6f1c0cfa-4f0e-4a43-9e43-0d1d2a9d9a51\",\"seq\":-1}}",
                "{\"type\":\"hello\",\"resume\":{\"seq\":3}}"
            })
    void aBadFirstMessageGetsAnErrorThenClose4400(String hello) throws Exception {
        String location = createLocation();
        try (RawSocket socket = RawSocket.open(feedUri(base, location, "view=expo"))) {
            socket.send(hello);

            assertThat(socket.closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(CloseCodes.BAD_MESSAGE);
            assertThat(socket.messages()).hasSize(1);
            JsonNode error = socket.messages().get(0);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asInt()).isEqualTo(CloseCodes.BAD_MESSAGE);
            assertThat(error.path("message").asText()).isNotBlank();
        }
    }

    @Test
    void messagesAfterTheHelloAreIgnored() {
        String location = createLocation();
        try (RawSocket socket = RawSocket.open(feedUri(base, location, "view=foh"))) {
            socket.send("{\"type\":\"hello\",\"resume\":null}");
            await().atMost(WAIT).until(() -> socket.messagesExceptPings().size() == 1);
            socket.send("not even JSON");
            socket.send("{\"type\":\"hello\"}");

            String order = placedId(location, burgerAndFries());

            await().atMost(WAIT).until(() -> socket.messagesExceptPings().size() == 2);
            assertThat(socket.messagesExceptPings())
                    .extracting(m -> m.path("type").asText())
                    .containsExactly("snapshot", "diff");
            assertThat(firstChangedOrderId(socket.messagesExceptPings().get(1))).isEqualTo(order);
            assertThat(socket.closeCode()).isNotDone();
        }
    }

    /**
     * An open screen keeps no copy of its upgrade's headers (each would cost every idle screen about 1.2 KB;
     * docs/performance.md, "Memory per idle connection"), and works on without them.
     */
    @Test
    void anOpenScreenKeepsNoCopyOfItsUpgradeHeadersAndWorksOn() {
        String location = createLocation();
        try (RawSocket socket = RawSocket.open(feedUri(base, location, "view=expo"))) {
            socket.send("{\"type\":\"hello\"}");
            await().atMost(WAIT).until(() -> socket.messagesExceptPings().size() == 1);

            List<WebSocketConnection> atLocation = openConnections.stream()
                    .filter(c -> location.equals(c.pathParam("locationId")))
                    .toList();
            assertThat(atLocation).hasSize(1);
            HandshakeRequest upgrade = atLocation.get(0).handshakeRequest();
            assertThat(upgrade.headers()).isEmpty();
            assertThat(upgrade.query()).isEqualTo("view=expo");

            String order = placedId(location, burgerAndFries());

            await().atMost(WAIT).until(() -> socket.messagesExceptPings().size() == 2);
            assertThat(firstChangedOrderId(socket.messagesExceptPings().get(1))).isEqualTo(order);
        }
    }

    private static String firstChangedOrderId(JsonNode diff) {
        return diff.path("changes").get(0).path("order").path("id").asText();
    }
}
