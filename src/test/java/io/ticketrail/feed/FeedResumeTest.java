package io.ticketrail.feed;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.log.EventRetention;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a screen that says hello with a position gets: a catch-up diff from exactly there when the log still holds
 * everything after it (or this instance still holds which orders it changed), a snapshot when it cannot (another
 * epoch, past retention, ahead of the head).
 */
@QuarkusTest
class FeedResumeTest extends WithScreens {

    private static final String EXPO = "view=expo";

    @Inject
    EventRetention retention;

    @Inject
    MeterRegistry registry;

    @Test
    void aPositionInAnotherEpochGetsASnapshot() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        FeedClient screen = screens.resume(
                base, location, EXPO, List.of(Screens.position(UUID.randomUUID().toString(), 1)));

        JsonNode snapshot = firstMessage(screen);
        assertSnapshotOfHead(snapshot, location);
        assertThat(screen.state().orders()).containsOnlyKeys(order);
    }

    @Test
    void aPositionAheadOfTheHeadGetsASnapshot() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        // a screen that followed this location's log before it was restored from a backup
        FeedClient screen = screens.resume(base, location, EXPO, List.of(Screens.position(Db.epoch(location), 5)));

        JsonNode snapshot = firstMessage(screen);
        assertSnapshotOfHead(snapshot, location);
        assertThat(screen.state().seq()).isEqualTo(1);
        assertThat(screen.state().orders()).containsOnlyKeys(order);
    }

    @Test
    void aPositionOlderThanTheRetainedLogGetsASnapshot() {
        String location = createLocation();
        Missed missed = screenThatMissedTwoEntries(location);
        String third = placedId(location, burgerAndFries());
        // events 1 and 2 go, 3 to 5 stay: the screen at 1 missed 2, which is gone
        retention.deleteOlderThan(occurredAt(location, 3));

        FeedClient screen = screens.resume(base, location, EXPO, missed.seen());

        JsonNode snapshot = firstMessage(screen);
        assertSnapshotOfHead(snapshot, location);
        assertThat(screen.state().orders()).containsOnlyKeys(missed.second(), third);
    }

    @Test
    void aPositionWithEverythingAfterItRetainedGetsOneCatchUpDiffFromThere() {
        String location = createLocation();
        Missed missed = screenThatMissedTwoEntries(location);
        // cut right after the screen's position: the oldest event it needs is the oldest one kept
        retention.deleteOlderThan(occurredAt(location, 2));

        FeedClient screen = screens.resume(base, location, EXPO, missed.seen());

        assertOneCatchUpOfTheMissedEntries(screen, location, missed);
        assertThat(screen.receivedExceptPings()).hasSize(1);
    }

    /**
     * The usual Wi-Fi drop: the other screens of the location stay, so this instance still holds which orders the
     * missed entries changed, and the catch-up is built without a read of the log.
     */
    @Test
    void whileAnotherScreenStaysTheCatchUpNeedsNoReadOfTheLog() {
        String location = createLocation();
        FeedClient stays = screens.connect(base, location, EXPO);
        await().atMost(WAIT).until(() -> stays.state().seq() == 0);
        Missed missed = screenThatMissedTwoEntries(location);
        await().atMost(WAIT).until(() -> stays.state().seq() == 4);
        double readsBefore = logReads();

        FeedClient screen = screens.resume(base, location, EXPO, missed.seen());

        assertOneCatchUpOfTheMissedEntries(screen, location, missed);
        assertThat(logReads()).isEqualTo(readsBefore);
    }

    /** What this instance holds stays exact when retention has trimmed the log under it: no snapshot needed. */
    @Test
    void whileAnotherScreenStaysAPositionOlderThanTheRetainedLogStillGetsAnExactCatchUp() {
        String location = createLocation();
        FeedClient stays = screens.connect(base, location, EXPO);
        await().atMost(WAIT).until(() -> stays.state().seq() == 0);
        Missed missed = screenThatMissedTwoEntries(location);
        String third = placedId(location, burgerAndFries());
        retention.deleteOlderThan(occurredAt(location, 3));

        FeedClient screen = screens.resume(base, location, EXPO, missed.seen());

        JsonNode diff = firstMessage(screen);
        assertThat(diff.path("type").asText()).isEqualTo("diff");
        assertThat(diff.path("from").asLong()).isEqualTo(1);
        assertThat(diff.path("to").asLong()).isEqualTo(5);
        assertThat(screen.state().orders())
                .isEqualTo(Screens.projectedFromDb(location, EXPO))
                .containsOnlyKeys(missed.second(), third);
    }

    @Test
    void aPositionAtTheHeadGetsOnlyAPing() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());
        List<JsonNode> seen = screenThatLeftAtTheHead(location);

        FeedClient screen = screens.resume(base, location, EXPO, seen);

        JsonNode ping = firstMessage(screen);
        assertThat(ping.path("type").asText()).isEqualTo("ping");
        assertThat(ping.path("seq").asLong()).isEqualTo(1);
        assertThat(screen.state().orders()).containsOnlyKeys(order);
    }

    /** What an expo screen applied up to seq 1 before it left, and the order placed after it left. */
    private record Missed(List<JsonNode> seen, String second) {}

    /**
     * The screen at 1 misses entry 2 (a second order), entry 3 (the first order cancelled) and entry 4 (expo's
     * acknowledgement of the cancel, which takes the first order off expo).
     */
    private Missed screenThatMissedTwoEntries(String location) {
        String first = placedId(location, burgerAndFries());
        List<JsonNode> seen = screenThatLeftAtTheHead(location);
        String second = placedId(location, burgerAndFries());
        ok(command(location, first, "cancel", Map.of("reason", "guest left")));
        ok(command(location, first, "notices/ack", Map.of("view", "expo")));
        return new Missed(seen, second);
    }

    /** What an expo screen applied before it went away, at the location's current head. */
    private List<JsonNode> screenThatLeftAtTheHead(String location) {
        long head = Db.head(location);
        FeedClient screen = screens.connect(base, location, EXPO);
        await().atMost(WAIT).until(() -> screen.state().seq() == head);
        screen.close();
        return screen.received();
    }

    /** The diff from 1 to 4 of {@link #screenThatMissedTwoEntries}: the second order in, the first one out. */
    private static void assertOneCatchUpOfTheMissedEntries(FeedClient screen, String location, Missed missed) {
        JsonNode diff = firstMessage(screen);
        assertThat(diff.path("type").asText()).isEqualTo("diff");
        assertThat(diff.path("from").asLong()).isEqualTo(1);
        assertThat(diff.path("to").asLong()).isEqualTo(4);
        assertThat(diff.path("changes")).extracting(c -> c.path("op").asText()).containsExactly("upsert", "remove");
        assertThat(screen.state().orders())
                .isEqualTo(Screens.projectedFromDb(location, EXPO))
                .containsOnlyKeys(missed.second());
    }

    private double logReads() {
        return registry.counter("ticketrail.feed.log.reads").count();
    }

    private static JsonNode firstMessage(FeedClient screen) {
        await().atMost(WAIT).until(() -> !screen.received().isEmpty());
        return screen.received().get(0);
    }

    private static void assertSnapshotOfHead(JsonNode message, String location) {
        assertThat(message.path("type").asText()).isEqualTo("snapshot");
        assertThat(message.path("epoch").asText()).isEqualTo(Db.epoch(location));
        assertThat(message.path("seq").asLong()).isEqualTo(Db.head(location));
    }

    private static Instant occurredAt(String location, long seq) {
        return Instant.parse(
                ok(json().queryParam("after", seq - 1).queryParam("limit", 1).get(LOCATION + "/events", location))
                        .getString("events[0].occurredAt"));
    }
}
