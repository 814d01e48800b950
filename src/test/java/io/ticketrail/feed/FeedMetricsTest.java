package io.ticketrail.feed;

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

    private static final String SCREENS = "ticketrail_feed_screens";
    private static final String RESUMES = "ticketrail_feed_resumes_total";
    private static final String DIFFS = "ticketrail_feed_diffs_sent_total";
    private static final String LATENCY = "ticketrail_feed_commit_to_send_seconds";

    @Test
    void openScreensAreCountedByLocationViewAndTransport() {
        String location = createLocation();
        FeedClient grill = screens.connect(base, location, "view=station&station=grill");
        FeedClient fry = screens.connect(base, location, "view=station&station=fry");
        try (SseStream expo = SseStream.open(Screens.sseUri(base, location, "view=expo"), null)) {
            await().atMost(WAIT)
                    .until(() -> grill.state().seq() == 0
                            && fry.state().seq() == 0
                            && !expo.events().isEmpty());

            Metrics metrics = Metrics.scrape();
            assertThat(metrics.sum(SCREENS, "location=" + location, "view=station:grill", "transport=websocket"))
                    .isEqualTo(1);
            assertThat(metrics.sum(SCREENS, "location=" + location, "view=station:fry", "transport=websocket"))
                    .isEqualTo(1);
            assertThat(metrics.sum(SCREENS, "location=" + location, "view=expo", "transport=sse"))
                    .isEqualTo(1);
        }

        fry.close();

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(Metrics.scrape().sum(SCREENS, "location=" + location, "view=station:fry"))
                                .isZero());
        assertThat(Metrics.scrape().sum(SCREENS, "location=" + location, "view=station:grill"))
                .isEqualTo(1);
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
        await().atMost(WAIT).until(() -> Metrics.scrape().sum(SCREENS, "location=" + location, "view=expo") == 0);
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
