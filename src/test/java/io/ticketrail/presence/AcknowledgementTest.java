package io.ticketrail.presence;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketrail.feed.FeedDispatcher;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.SseStream;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Screens say what they rendered; every instance can then tell which screen of which station saw what. */
@QuarkusTest
class AcknowledgementTest extends WithScreens {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    FeedDispatcher dispatcher;

    @Inject
    ScreenRegistry registry;

    @Test
    void aWebSocketScreenAcknowledgesEachChangeItRenders() {
        String location = createLocation();
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        placedId(location, burgerAndFries());

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(screen(location, "station:grill"))
                        .satisfies(s -> {
                            assertThat(s.ackSeq()).isEqualTo(1);
                            assertThat(s.state()).isEqualTo("live");
                            assertThat(s.transport()).isEqualTo("websocket");
                            assertThat(s.station()).isEqualTo("grill");
                            assertThat(s.lastSeen()).isNotNull();
                        }));
        assertThat(grill.acksSent()).isPositive();
    }

    @Test
    void aScreenThatAcknowledgesNothingIsNotCountedAsHavingSeenAnything() {
        String location = createLocation();
        screens.connectFrozen(base, location, "view=station&station=fry");
        placedId(location, burgerAndFries());

        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(screen(location, "station:fry").ackSeq()).isEqualTo(-1));
    }

    @Test
    void anSseScreenAcknowledgesOverRestUnderTheIdItOpenedItsFeedWith() {
        String location = createLocation();
        String id = UUID.randomUUID().toString();
        try (SseStream expo = SseStream.open(Screens.sseUri(base, location, "view=expo&screen=" + id), null)) {
            await().atMost(WAIT).until(() -> !expo.events().isEmpty());
            placedId(location, burgerAndFries());
            await().atMost(WAIT).until(() -> expo.events().size() == 2);

            // a page named with the characters an array literal must escape, as the presence flush writes it
            String page = "expo, \"all\" {orders} \\ NULL";
            json().body(Map.of("screen", id, "seq", 1, "page", page))
                    .post(Api.LOCATION + "/feed/acks", location)
                    .then()
                    .statusCode(204);

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(screen(location, "expo")).satisfies(s -> {
                        assertThat(s.id()).isEqualTo(id);
                        assertThat(s.ackSeq()).isEqualTo(1);
                        assertThat(s.transport()).isEqualTo("sse");
                        assertThat(s.page()).isEqualTo(page);
                    }));
        }
    }

    /**
     * An SSE screen that reconnects may open its new stream before the server notices the old one is gone (a silent
     * drop shows only at a failed send). The old stream's end must not close the screen its new stream keeps live:
     * it stays one screen, live, acknowledging over REST.
     */
    @Test
    void anSseScreenThatReconnectsUnderItsIdStaysLiveWhenItsOldStreamIsFoundGone() {
        String location = createLocation();
        String id = UUID.randomUUID().toString();
        SseStream old = SseStream.open(Screens.sseUri(base, location, "view=expo&screen=" + id), null);
        try (SseStream reconnected = SseStream.open(Screens.sseUri(base, location, "view=expo&screen=" + id), null)) {
            await().atMost(WAIT)
                    .until(() ->
                            !old.events().isEmpty() && !reconnected.events().isEmpty());
            await().atMost(WAIT).until(() -> dispatcher.openScreens(location) == 2);

            old.close();
            placedId(location, burgerAndFries()); // its send to the old stream fails: the server notices it gone
            await().atMost(WAIT).until(() -> dispatcher.openScreens(location) == 1);
            await().atMost(WAIT).until(() -> reconnected.events().size() == 2);

            json().body(Map.of("screen", id, "seq", 1, "page", "expo, all orders"))
                    .post(Api.LOCATION + "/feed/acks", location)
                    .then()
                    .statusCode(204);
            registry.flush();

            assertThat(screen(location, "expo")).satisfies(s -> {
                assertThat(s.id()).isEqualTo(id);
                assertThat(s.state()).isEqualTo("live");
                assertThat(s.ackSeq()).isEqualTo(1);
            });
        } finally {
            old.close();
        }
    }

    @Test
    void anAcknowledgementWithAnotherCredentialIsRefusedAndChangesNothing() {
        String location = createLocation();
        String id = UUID.randomUUID().toString();
        try (SseStream expo = SseStream.open(Screens.sseUri(base, location, "view=expo&screen=" + id), null)) {
            await().atMost(WAIT).until(() -> !expo.events().isEmpty());
            Auth.Device other = Auth.pair(location, List.of("expo"), List.of());

            Auth.as(other.token())
                    .body(Map.of("screen", id, "seq", 0))
                    .post(Api.LOCATION + "/feed/acks", location)
                    .then()
                    .statusCode(403);

            await().during(Duration.ofMillis(1500))
                    .atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(screen(location, "expo").ackSeq()).isEqualTo(-1));
        }
    }

    @Test
    void aBadAcknowledgementIsAProblemNamingTheField() {
        String location = createLocation();

        JsonPath problem = json().body(Map.of("screen", "not-a-uuid", "seq", 1))
                .post(Api.LOCATION + "/feed/acks", location)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .extract()
                .jsonPath();
        assertThat(problem.getString("errors[0].field")).contains("screen");

        json().body(Map.of("screen", UUID.randomUUID().toString(), "seq", -1))
                .post(Api.LOCATION + "/feed/acks", location)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    /** A screen as GET .../screens lists it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Seen(
            String id,
            String owner,
            String view,
            String station,
            String transport,
            String state,
            String lastSeen,
            long ackSeq,
            String page) {}

    static List<Seen> screens(String location) {
        String body = json().get(Api.LOCATION + "/screens", location)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return JSON.readValue(body, new TypeReference<List<Seen>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one screen of {@code view} the location's screen list shows. */
    static Seen screen(String location, String view) {
        List<Seen> all =
                screens(location).stream().filter(s -> view.equals(s.view())).toList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
