package io.ticketrail.feed;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Metrics;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.SseStream;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The feed's metrics at /q/metrics, under the names an operator's dashboard uses. */
@QuarkusTest
class FeedMetricsTest extends WithScreens {

    @Inject
    FeedDispatcher dispatcher;

    private static final String SCREENS = "ticketrail_feed_screens";
    private static final String RESUMES = "ticketrail_feed_resumes_total";
    private static final String DIFFS = "ticketrail_feed_diffs_sent_total";
    private static final String LATENCY = "ticketrail_feed_commit_to_send_seconds";

    @Test
    void openScreensAreCountedByViewAndTransport() {
        // stations of their own, so that no other test's screens share these series
        String grill = "grill-" + UUID.randomUUID().toString().substring(0, 8);
        String fry = "fry-" + UUID.randomUUID().toString().substring(0, 8);
        String location = createLocation(Map.of(
                "stations",
                List.of(
                        Map.of("id", grill, "name", "Grill", "kind", "PREP"),
                        Map.of("id", fry, "name", "Fry", "kind", "PREP")),
                "routes",
                List.of(),
                "defaultStation",
                grill));
        FeedClient grillScreen = screens.connect(base, location, "view=station&station=" + grill);
        FeedClient fryScreen = screens.connect(base, location, "view=station&station=" + fry);
        try (SseStream frySse = SseStream.open(Screens.sseUri(base, location, "view=station&station=" + fry), null)) {
            await().atMost(WAIT)
                    .until(() -> grillScreen.state().seq() == 0
                            && fryScreen.state().seq() == 0
                            && !frySse.events().isEmpty());

            Metrics metrics = Metrics.scrape();
            assertThat(metrics.sum(SCREENS, "view=station:" + grill, "transport=websocket"))
                    .isEqualTo(1);
            assertThat(metrics.sum(SCREENS, "view=station:" + fry, "transport=websocket"))
                    .isEqualTo(1);
            assertThat(metrics.sum(SCREENS, "view=station:" + fry, "transport=sse"))
                    .isEqualTo(1);
            // a location's screens are not a label: 1,000 locations would make thousands of series
            assertThat(metrics.samples(SCREENS))
                    .noneMatch(sample -> sample.labels().containsKey("location"));
        }

        fryScreen.close();

        // the WebSocket's close and the SSE stream's end (closed above) are both counted at once, not at a ping
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Metrics.scrape().sum(SCREENS, "view=station:" + fry))
                        .isZero());
        assertThat(Metrics.scrape().sum(SCREENS, "view=station:" + grill)).isEqualTo(1);
    }

    @Test
    void resumesAreCountedByOutcomeAndDiffsByScreen() {
        String location = createLocation();
        Metrics before = Metrics.scrape();

        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        FeedClient expo = screens.connect(base, location, "view=expo");
        await().atMost(WAIT)
                .until(() -> grill.state().seq() == 0 && expo.state().seq() == 0);
        expo.close();
        await().atMost(WAIT).until(() -> dispatcher.openScreens(location) == 1);
        placedId(location, burgerAndFries());
        FeedClient resumed = screens.resume(base, location, "view=expo", expo.received());
        await().atMost(WAIT)
                .until(() -> grill.state().seq() == 1 && resumed.state().seq() == 1);

        Metrics after = Metrics.scrape();
        assertThat(after.sum(RESUMES, "outcome=new") - before.sum(RESUMES, "outcome=new"))
                .isEqualTo(2);
        assertThat(after.sum(RESUMES, "outcome=catch-up") - before.sum(RESUMES, "outcome=catch-up"))
                .isEqualTo(1);
        // the catch-up diff is not a live one: only the grill's live diff counts
        assertThat(after.sum(DIFFS) - before.sum(DIFFS)).isEqualTo(1);
        assertThat(after.sum(LATENCY + "_count")).isGreaterThan(before.sum(LATENCY + "_count"));
        assertThat(after.samples(LATENCY + "_bucket")).isNotEmpty();
        assertThat(after.samples(LATENCY + "_max")).isNotEmpty();
    }
}
