package io.ticketrail.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.response.Response;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Metrics;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.WithScreens;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Screens.feedUri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed's timers and bounds, shortened so a test sees them act: the hello timeout, pings, the catch-up limit, the
 * send queue bound and the idle timeout. (A test profile restarts Quarkus, so everything that needs these settings
 * lives here.)
 */
@QuarkusTest
@TestProfile(FeedTimersAndBoundsTest.ShortTimersAndBounds.class)
class FeedTimersAndBoundsTest extends WithScreens {

    @Inject
    FeedDispatcher dispatcher;

    private static final Logger LOG = Logger.getLogger(FeedTimersAndBoundsTest.class);
    private static final int MAX_CATCH_UP = 3;
    private static final int SEND_QUEUE_BOUND = 4;
    private static final String SLOW_CLOSES = "ticketrail_feed_slow_closes_total";

    public static class ShortTimersAndBounds implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ticketrail.feed.hello-timeout", "1s",
                    "ticketrail.feed.ping-interval", "1s",
                    "ticketrail.feed.max-catch-up", String.valueOf(MAX_CATCH_UP),
                    "ticketrail.feed.send-queue-bound", String.valueOf(SEND_QUEUE_BOUND),
                    // pings every second keep the other screens' connections busy
                    "quarkus.http.idle-timeout", "5s");
        }
    }

    /**
     * The profile's 5 s idle timeout also closes the test's own pooled HTTP connections; a request sent on one at the
     * moment the server closes it gets no answer. One connection per request here, as the tests do not test that.
     */
    @BeforeEach
    void oneConnectionPerRequest() {
        RestAssured.requestSpecification =
                new RequestSpecBuilder().addHeader("Connection", "close").build();
    }

    @AfterEach
    void pooledConnectionsAgain() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void aScreenThatNeverSaysHelloIsClosedWith4408AfterAnError() throws Exception {
        String location = createLocation();
        try (RawSocket socket = RawSocket.open(feedUri(base, location, "view=expo"))) {

            assertThat(socket.closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(CloseCodes.NO_HELLO);
            assertThat(socket.messages()).hasSize(1);
            JsonNode error = socket.messages().get(0);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asInt()).isEqualTo(CloseCodes.NO_HELLO);
            assertThat(error.path("message").asText()).contains("hello");
        }
    }

    @Test
    void anIdleScreenGetsPingsCarryingTheHead() {
        String location = createLocation();
        placedId(location, burgerAndFries());
        placedId(location, burgerAndFries());

        FeedClient grill = screens.connect(base, location, "view=station&station=grill");

        await().atMost(WAIT).until(() -> pings(grill).size() >= 2);
        assertThat(pings(grill)).allSatisfy(ping -> {
            assertThat(ping.path("seq").asLong()).isEqualTo(2);
            assertThat(ping.path("serverTime").asText()).isNotBlank();
        });
        assertThat(grill.state().resumes()).isZero();
    }

    @Test
    void entriesThatDoNotTouchAViewMoveItsScreensUpBeforeThePing() {
        String location = createLocation();
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        await().atMost(WAIT).until(() -> grill.state().seq() == 0);

        placedId(location, orderOf(List.of(item("Fries", "fries"))));
        placedId(location, orderOf(List.of(item("Fries", "fries"))));

        await().atMost(WAIT)
                .until(() -> pings(grill).stream().anyMatch(p -> p.path("seq").asLong() == 2));
        // the fry orders reached the grill only as empty diffs, each sent before a ping at its "to"
        List<JsonNode> diffs = grill.received().stream()
                .filter(m -> m.path("type").asText().equals("diff"))
                .toList();
        assertThat(diffs)
                .isNotEmpty()
                .allSatisfy(diff -> assertThat(diff.path("changes")).isEmpty());
        assertThat(diffs.get(diffs.size() - 1).path("to").asLong()).isEqualTo(2);
        assertThat(grill.state().seq()).isEqualTo(2);
        assertThat(grill.state().resumes()).isZero();
        assertThat(grill.state().orders()).isEmpty();
    }

    @Test
    void aScreenThatSilentlyMissedADiffResumesOnThePing() {
        String location = createLocation();
        FeedClient expo = screens.connect(base, location, "view=expo");
        await().atMost(WAIT).until(() -> expo.state().seq() == 0);
        JsonNode emptySnapshot = expo.received().get(0);
        String order = placedId(location, burgerAndFries());
        await().atMost(WAIT).until(() -> expo.state().seq() == 1);

        // as if the diff 0 -> 1 had been lost on the way: the screen is back at its snapshot
        expo.state().apply(emptySnapshot);

        await().atMost(WAIT)
                .until(() -> expo.state().resumes() == 1 && expo.state().seq() == 1);
        assertThat(expo.state().orders())
                .containsOnlyKeys(order)
                .isEqualTo(Screens.projectedFromDb(location, "view=expo"));
        // the live diff, then after the resume the same range again as a catch-up
        assertThat(expo.received())
                .filteredOn(m -> m.path("type").asText().equals("diff"))
                .extracting(m -> m.path("from").asLong() + "->" + m.path("to").asLong())
                .containsExactly("0->1", "0->1");
    }

    @Test
    void upToMaxCatchUpMissedEntriesGetACatchUpAndMoreGetASnapshot() {
        String location = createLocation();
        List<JsonNode> seen = new ArrayList<>();
        seen.addAll(leftAtTheHead(location, List.of()));
        for (int i = 0; i < MAX_CATCH_UP; i++) {
            placedId(location, burgerAndFries());
        }

        List<JsonNode> caughtUp = leftAtTheHead(location, seen);

        assertThat(caughtUp).hasSize(1);
        assertThat(caughtUp.get(0).path("type").asText()).isEqualTo("diff");
        assertThat(caughtUp.get(0).path("from").asLong()).isZero();
        assertThat(caughtUp.get(0).path("to").asLong()).isEqualTo(MAX_CATCH_UP);
        seen.addAll(caughtUp);
        for (int i = 0; i <= MAX_CATCH_UP; i++) {
            placedId(location, burgerAndFries());
        }

        List<JsonNode> reloaded = leftAtTheHead(location, seen);

        assertThat(reloaded).hasSize(1);
        assertThat(reloaded.get(0).path("type").asText()).isEqualTo("snapshot");
        assertThat(reloaded.get(0).path("seq").asLong()).isEqualTo(2L * MAX_CATCH_UP + 1);
        assertThat(reloaded.get(0).path("orders")).hasSize(2 * MAX_CATCH_UP + 1);
    }

    @Test
    void aScreenThatStopsReadingIsClosedWith4409AndConvergesWhenItReadsAgain() {
        String location = createLocation();
        FeedClient expo = frozenExpoScreen(location);

        expo.resumeReading();

        // what was queued before the close, then the error, then the close frame; then it resumes by itself
        await().atMost(WAIT).until(() -> expo.closeCodes().contains(CloseCodes.TOO_SLOW));
        assertThat(expo.received()).anySatisfy(m -> {
            assertThat(m.path("type").asText()).isEqualTo("error");
            assertThat(m.path("code").asInt()).isEqualTo(CloseCodes.TOO_SLOW);
        });
        assertConverges(expo, location);
    }

    @Test
    void aScreenThatStaysFrozenIsDroppedAfterTheIdleTimeoutAndConvergesWhenItWakes() {
        String location = createLocation();
        FeedClient expo = frozenExpoScreen(location);

        // its 4409 cannot get out past the full buffers: the idle timeout is what ends the connection
        await().atMost(WAIT).until(() -> dispatcher.openScreens(location) == 0);

        // it reads what its socket holds, then either sees the connection end or hears nothing more
        expo.resumeReading();
        assertConverges(expo, location);
    }

    /**
     * An expo screen that stopped reading and was closed as too slow. Every item start is a diff with the whole
     * 200-item order: the first few megabytes fill the socket buffers on both ends of the loopback connection (35 to
     * 38 starts here), the next diffs and pings wait in the server's queue until it passes its bound.
     */
    private FeedClient frozenExpoScreen(String location) {
        Response big = placed(location, bigOrder());
        String order = big.jsonPath().getString("id");
        List<String> items = itemIds(big);
        // pings every second: three seconds without a message mean a dead connection
        FeedClient expo = screens.connect(base, location, "view=expo").silenceTimeout(Duration.ofSeconds(3));
        await().atMost(WAIT).until(() -> expo.state().seq() == 1);
        expo.stopReading();
        double slowBefore = Metrics.scrape().sum(SLOW_CLOSES);

        int started = 0;
        while (Metrics.scrape().sum(SLOW_CLOSES) == slowBefore && started < items.size()) {
            ok(command(location, order, "items/" + items.get(started) + "/start"));
            started++;
        }
        LOG.infof(
                "the screen was closed as too slow after %d diffs of %d KB",
                started, big.asString().length() / 1024);
        assertThat(Metrics.scrape().sum(SLOW_CLOSES))
                .as("slow closes after %d diffs", started)
                .isGreaterThan(slowBefore);
        return expo;
    }

    private static void assertConverges(FeedClient screen, String location) {
        long head = Db.head(location);
        await().atMost(WAIT).until(() -> screen.isOpen() && screen.state().seq() == head);
        assertThat(screen.state().orders()).isEqualTo(Screens.projectedFromDb(location, "view=expo"));
    }

    /**
     * Connects an expo screen that kept {@code seen}, closes it once it is at the head, and returns what it was
     * sent, pings left out.
     */
    private List<JsonNode> leftAtTheHead(String location, List<JsonNode> seen) {
        long head = Db.head(location);
        FeedClient screen = screens.resume(base, location, "view=expo", seen);
        await().atMost(WAIT).until(() -> screen.state().seq() == head);
        screen.close();
        return screen.receivedExceptPings();
    }

    /** As big as an order may be: 200 items with 500-character notes, about 150 KB on an expo screen. */
    private static Map<String, Object> bigOrder() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Object> item = new HashMap<>(item("Cheeseburger " + i, "burgers"));
            item.put("notes", "n".repeat(500));
            items.add(item);
        }
        return orderOf(items);
    }

    private static List<JsonNode> pings(FeedClient screen) {
        return screen.received().stream()
                .filter(m -> m.path("type").asText().equals("ping"))
                .toList();
    }
}
