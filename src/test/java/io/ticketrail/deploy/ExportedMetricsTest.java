package io.ticketrail.deploy;

import java.util.List;
import java.util.Set;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.FeedDispatcher;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Metrics;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics deploy/'s alerts and dashboard query (DeployManifestsTest.EXPORTED_METRICS) are the ones the running
 * application exports, under bounded labels: a renamed metric would leave an alert that can never fire.
 */
@QuarkusTest
class ExportedMetricsTest extends WithScreens {

    @Inject
    FeedDispatcher dispatcher;

    /** Exported only once a station is in alarm or a screen was closed with 4409, or by CloudNativePG. */
    static final Set<String> NOT_YET = Set.of(
            "ticketrail_station_alarm",
            "ticketrail_station_unseen_tickets",
            "ticketrail_feed_slow_closes_total",
            "cnpg_pg_replication_lag",
            "cnpg_collector_last_available_backup_timestamp");

    @Test
    void theMetricsAlertsAndTheDashboardUseAreExported() {
        String location = createLocation();
        FeedClient expo = screens.connect(base, location, "view=expo");
        await().atMost(WAIT).until(() -> expo.state().seq() == 0);
        placedId(location, burgerAndFries());
        await().atMost(WAIT).until(() -> expo.state().seq() == 1);

        Metrics metrics = Metrics.scrape();
        assertThat(DeployManifestsTest.EXPORTED_METRICS)
                .filteredOn(name -> !NOT_YET.contains(name))
                .hasSizeGreaterThan(8)
                .allSatisfy(name -> assertThat(metrics.samples(name)).as(name).isNotEmpty());
        assertThat(metrics.sum("ticketrail_feed_listen_connected"))
                .as("the LISTEN connection is up")
                .isEqualTo(1);
    }

    /**
     * A feed's upgrade is an HTTP request that lasts as long as its screen: it is left out of the HTTP metrics (the
     * feed has its own), and so never takes a URI tag per location either. Assets count under one template.
     */
    @Test
    void feedUpgradesAreNotCountedAsHttpRequests() {
        List<String> locations = List.of(createLocation(), createLocation(), createLocation());
        for (String location : locations) {
            FeedClient screen = screens.connect(base, location, "view=expo");
            await().atMost(WAIT).until(() -> screen.state().seq() == 0);
            screen.close();
        }

        await().atMost(WAIT)
                .until(() -> locations.stream().allMatch(location -> dispatcher.openScreens(location) == 0));
        List<Metrics.Sample> requests = Metrics.scrape().samples("http_server_requests_seconds_count");
        assertThat(requests)
                .extracting(s -> s.labels().getOrDefault("uri", ""))
                .isNotEmpty()
                .noneMatch(uri -> uri.startsWith("/ws/"))
                .noneMatch(uri -> uri.startsWith("/assets/") && !uri.equals("/assets/{asset}"));
    }
}
