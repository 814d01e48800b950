package io.ticketrail.feed;

import java.util.List;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * This instance's own commits reach its screens as they were built, without a read of the log; anything else in the
 * log (another writer's event, a lost NOTIFY) is still read from it, and every screen sees every entry once, in order.
 */
@QuarkusTest
class OwnCommitsTest extends WithScreens {

    @Inject
    MeterRegistry registry;

    @Test
    void ownCommandsReachTheScreensWithoutReadingTheLog() {
        String location = createLocation();
        FeedClient expo = screens.connect(base, location, "view=expo");
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        await().atMost(WAIT)
                .until(() -> expo.state().seq() == 0 && grill.state().seq() == 0);
        double readsBefore = logReads();

        String first = placedId(location, burgerAndFries());
        placedId(location, burgerAndFries());
        assertThat(command(location, first, "stations/grill/bump").statusCode()).isEqualTo(200);

        await().atMost(WAIT)
                .until(() -> expo.state().seq() == 3 && grill.state().seq() == 3);
        assertThat(logReads()).isEqualTo(readsBefore);
        for (FeedClient screen : List.of(expo, grill)) {
            assertInOrderOnce(screen);
        }
        assertThat(expo.state().orders()).isEqualTo(Screens.projectedFromDb(location, "view=expo"));
        assertThat(grill.state().orders()).isEqualTo(Screens.projectedFromDb(location, "view=station&station=grill"));
    }

    /** Another writer's entry between two own commits: its NOTIFY is lost, so only the log can tell. */
    @Test
    void anEntryOfAnotherWriterBetweenOwnCommitsIsReadFromTheLog() {
        String location = createLocation();
        FeedClient expo = screens.connect(base, location, "view=expo");
        await().atMost(WAIT).until(() -> expo.state().seq() == 0);
        placedId(location, burgerAndFries());
        await().atMost(WAIT).until(() -> expo.state().seq() == 1);
        double readsBefore = logReads();

        Db.execute("""
                with s as (update location_stream set last_seq = last_seq + 1 where location_id = '%s'
                           returning last_seq)
                insert into order_event (location_id, seq, order_id, order_version, type, actor, occurred_at, state)
                select '%s', last_seq, null, 0, 'STATION_ALARM_RAISED', 'test', now(), '{}'::jsonb from s""".formatted(location, location));
        String second = placedId(location, burgerAndFries());

        await().atMost(WAIT).until(() -> expo.state().orders().containsKey(second));
        assertThat(expo.state().seq()).isEqualTo(3);
        assertThat(logReads()).isGreaterThan(readsBefore);
        assertInOrderOnce(expo);
        assertThat(expo.state().orders()).isEqualTo(Screens.projectedFromDb(location, "view=expo"));
    }

    /** A snapshot, then diffs that each go on exactly where the one before ended: nothing twice, nothing skipped. */
    private static void assertInOrderOnce(FeedClient screen) {
        List<JsonNode> messages = screen.receivedExceptPings();
        assertThat(messages.get(0).path("type").asText()).isEqualTo("snapshot");
        long at = messages.get(0).path("seq").asLong();
        for (JsonNode diff : messages.subList(1, messages.size())) {
            assertThat(diff.path("type").asText()).isEqualTo("diff");
            assertThat(diff.path("from").asLong()).isEqualTo(at);
            at = diff.path("to").asLong();
        }
        assertThat(screen.state().duplicates()).isZero();
        assertThat(screen.state().resumes()).isZero();
    }

    private double logReads() {
        return registry.counter("ticketrail.feed.log.reads").count();
    }
}
