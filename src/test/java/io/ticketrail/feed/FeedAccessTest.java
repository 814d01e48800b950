package io.ticketrail.feed;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Screens.feedUri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Who may open a feed is answered from memory, kept current by a background refresh. */
@QuarkusTest
class FeedAccessTest extends WithScreens {

    @Inject
    FeedAccess access;

    /** A kitchen station added through another instance (no event here) opens once the refresh has run. */
    @Test
    void aStationAddedElsewhereOpensAfterTheRefresh() throws Exception {
        String location = createLocation();
        assertThat(RawSocket.refusedStatus(feedUri(base, location, "view=station&station=wok")))
                .isEqualTo(404);

        try (Connection db = Db.connect();
                PreparedStatement add =
                        db.prepareStatement("insert into station (location_id, id, name, kind, position)"
                                + " select ?, ?, ?, ?, max(position) + 1 from station where location_id = ?")) {
            for (List<String> station : List.of(List.of("wok", "Wok", "PREP"), List.of("window", "Window", "EXPO"))) {
                add.setString(1, location);
                add.setString(2, station.get(0));
                add.setString(3, station.get(1));
                add.setString(4, station.get(2));
                add.setString(5, location);
                add.executeUpdate();
            }
        }
        access.refresh();

        // only a kitchen (PREP) station has a station screen
        assertThat(RawSocket.refusedStatus(feedUri(base, location, "view=station&station=window")))
                .isEqualTo(404);

        FeedClient wok = screens.connect(base, location, "view=station&station=wok");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(wok.receivedExceptPings())
                        .extracting(m -> m.path("type").asText())
                        .containsExactly("snapshot"));
    }

    /**
     * The refresh replaces every location's entry every 30 s; it must not cost a thread per location (a Caffeine
     * cache did: its replace notification ran on a new thread per entry when the common pool has one thread, as on
     * a 2-core machine).
     */
    @Test
    void aRefreshStartsNoThreadPerLocation() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            created.add(createLocation());
        }
        access.refresh();

        long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        access.refresh();
        access.refresh();
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;

        // a worker pool may grow by a thread or two meanwhile; the cache started two per location and refresh
        assertThat(started).isLessThan(created.size());
        assertThat(created)
                .allSatisfy(location -> assertThat(access.isKnown(location)).isTrue());
    }
}
