package io.ticketrail.feed;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.log.EventLog;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.patch;
import static io.ticketrail.testsupport.Api.place;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Problems.problem;
import static io.ticketrail.testsupport.Problems.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command is one transaction: committed, it notifies listeners; rolled back, it leaves no trace anywhere, on a
 * screen neither.
 */
@QuarkusTest
class RollbackTest extends WithScreens {

    private static final Duration NOTIFY_WITHIN = Duration.ofSeconds(10);

    @Test
    void aCommittedCommandNotifiesLocationAndSeq() throws Exception {
        String location = createLocation();
        try (Db.Listener listener = Db.listen(EventLog.CHANNEL)) {
            placed(location, burgerAndFries());

            assertThat(listener.receiveUntil(location + ":1", p -> p.startsWith(location + ":"), NOTIFY_WITHIN))
                    .containsExactly(location + ":1");
        }
    }

    /** The command fails at COMMIT, after every statement of it has run (see {@link Db#refuseCommitsAt}). */
    @Test
    void aCommandThatFailsAtCommitLeavesNoEventAndNoNotification() throws Exception {
        String location = createLocation();
        try (Db.Listener listener = Db.listen(EventLog.CHANNEL)) {
            try (Db.CommitsRefused refusing = Db.refuseCommitsAt(location)) {
                Response failed = refused(location, () -> place(location, burgerAndFries()));

                assertThat(failed.statusCode()).isBetween(500, 599);
                problem(failed, failed.statusCode());
                assertThat(failed.asString()).doesNotContain("test refuses", "order_event");
            }
            assertThat(Db.head(location)).isZero();

            placed(location, burgerAndFries());
            placed(location, burgerAndFries());

            // notifications arrive in commit order: had the failed command notified, its ":1" would come first
            List<String> received =
                    listener.receiveUntil(location + ":2", p -> p.startsWith(location + ":"), NOTIFY_WITHIN);
            assertThat(received).containsExactly(location + ":1", location + ":2");
        }
    }

    @Test
    void aCommandThatFailsAtCommitSendsNothingToScreens() {
        String location = createLocation();
        String first = placedId(location, burgerAndFries());
        FeedClient expo = screens.connect(base, location, "view=expo");
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        await().atMost(WAIT)
                .until(() -> expo.state().seq() == 1 && grill.state().seq() == 1);

        try (Db.CommitsRefused refusing = Db.refuseCommitsAt(location)) {
            assertThat(patch(location, first, Map.of("priority", "RUSH")).statusCode())
                    .isBetween(500, 599);
            assertThat(place(location, burgerAndFries()).statusCode()).isBetween(500, 599);
        }
        String second = placedId(location, burgerAndFries());

        for (FeedClient screen : List.of(expo, grill)) {
            await().atMost(WAIT).until(() -> screen.state().orders().containsKey(second));
            // contiguous diffs: a diff for the failed commands would have taken seq 2 and moved this one's from
            List<JsonNode> messages = screen.receivedExceptPings();
            assertThat(messages).extracting(m -> m.path("type").asText()).containsExactly("snapshot", "diff");
            assertThat(messages.get(1).path("from").asLong()).isEqualTo(1);
            assertThat(messages.get(1).path("to").asLong()).isEqualTo(2);
            assertThat(screen.state().resumes()).isZero();
        }
        assertThat(expo.state().orders()).isEqualTo(Screens.projectedFromDb(location, "view=expo"));
        assertThat(expo.state().orders().get(first).path("priority").asText()).isEqualTo("NORMAL");
        assertThat(grill.state().orders()).isEqualTo(Screens.projectedFromDb(location, "view=station&station=grill"));
    }
}
