package io.ticketrail.feed;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.SseStream;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.newLocationId;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SSE fallback: the same payloads as the WebSocket, each event's id its position, resumed by Last-Event-ID. */
@QuarkusTest
class FeedSseTest extends WithScreens {

    private final List<SseStream> streams = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        streams.forEach(SseStream::close);
    }

    @Test
    void aFirstConnectGetsASnapshotEventWithItsPositionAsId() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        SseStream grill = open(location, "view=station&station=grill", null);

        assertThat(grill.status()).isEqualTo(200);
        assertThat(grill.contentType()).startsWith("text/event-stream");
        await().atMost(WAIT).until(() -> !grill.events().isEmpty());
        SseStream.Event snapshot = grill.events().get(0);
        assertThat(snapshot.type()).isEqualTo("snapshot");
        assertThat(snapshot.id()).isEqualTo(Db.epoch(location) + ":1");
        assertThat(snapshot.data().path("seq").asLong()).isEqualTo(1);
        assertThat(snapshot.data().path("orders"))
                .extracting(o -> o.path("id").asText())
                .containsExactly(order);
    }

    @Test
    void liveDiffsCarryTheirToAsId() {
        String location = createLocation();
        SseStream expo = open(location, "view=expo", null);
        await().atMost(WAIT).until(() -> expo.events().size() == 1);

        placedId(location, burgerAndFries());

        await().atMost(WAIT).until(() -> expo.events().size() == 2);
        SseStream.Event diff = expo.events().get(1);
        assertThat(diff.type()).isEqualTo("diff");
        assertThat(diff.id()).isEqualTo(Db.epoch(location) + ":1");
        assertThat(diff.data().path("from").asLong()).isZero();
        assertThat(diff.data().path("to").asLong()).isEqualTo(1);
    }

    @Test
    void aReconnectWithLastEventIdGetsExactlyTheMissedRangeAsOneDiff() {
        String location = createLocation();
        String first = placedId(location, burgerAndFries());
        SseStream earlier = open(location, "view=expo", null);
        await().atMost(WAIT).until(() -> !earlier.events().isEmpty());
        String lastEventId = earlier.events().get(0).id();
        earlier.close();

        String second = placedId(location, burgerAndFries());
        ok(command(location, first, "stations/grill/bump"));
        ok(command(location, second, "stations/fry/bump"));

        SseStream resumed = open(location, "view=expo", lastEventId);

        await().atMost(WAIT).until(() -> !resumed.events().isEmpty());
        SseStream.Event diff = resumed.events().get(0);
        assertThat(diff.type()).isEqualTo("diff");
        assertThat(diff.id()).isEqualTo(Db.epoch(location) + ":4");
        assertThat(diff.data().path("from").asLong()).isEqualTo(1);
        assertThat(diff.data().path("to").asLong()).isEqualTo(4);
        // one whole-order upsert per order touched in the range, in the order they were last touched
        assertThat(diff.data().path("changes"))
                .extracting(c -> c.path("order").path("id").asText())
                .containsExactly(first, second);
        assertThat(diff.data().path("changes"))
                .extracting(c -> c.path("order").path("version").asLong())
                .containsExactly(1L, 1L);
        assertThat(resumed.events()).hasSize(1);

        // and live from there, contiguous with the catch-up
        ok(command(location, first, "stations/fry/bump"));
        await().atMost(WAIT).until(() -> resumed.events().size() == 2);
        SseStream.Event live = resumed.events().get(1);
        assertThat(live.data().path("from").asLong()).isEqualTo(4);
        assertThat(live.id()).isEqualTo(Db.epoch(location) + ":5");
    }

    @Test
    void anUnknownLocationIs404() {
        SseStream stream = open(newLocationId(), "view=expo", null);

        assertThat(stream.status()).isEqualTo(404);
        assertThat(stream.contentType()).startsWith("application/problem+json");
    }

    private SseStream open(String location, String view, String lastEventId) {
        SseStream stream = SseStream.open(Screens.sseUri(base, location, view), lastEventId);
        streams.add(stream);
        return stream;
    }
}
