package io.ticketrail.feed;

import java.util.List;
import jakarta.inject.Inject;

import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the LISTEN connection owes this instance, whichever driver reads it: it hears a notification (a revocation,
 * for which nothing but the notification closes a feed), and a connection the database ends is replaced by one that
 * hears again.
 */
abstract class ListenContract extends WithScreens {

    @Inject
    FeedListener listener;

    abstract FeedConfig.ListenDriver expectedDriver();

    @Test
    void readsWithTheDriverThisConfigurationCallsFor() {
        assertThat(listener.driver()).isEqualTo(expectedDriver());
    }

    @Test
    void aRevocationHeardClosesTheScreensFeed() {
        RevocableScreen screen = openScreen(createLocation());

        screen.revokeAndAwaitClose();
    }

    @Test
    void aTerminatedListenConnectionIsReplacedAndHearsAgain() {
        await().atMost(WAIT)
                .until(() -> listener.isConnected() && Db.listenBackends().size() == 1);
        List<Integer> terminated = Db.terminateListenBackends();
        assertThat(terminated).hasSize(1);

        await("a new LISTEN connection")
                .atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(Db.listenBackends()).hasSize(1).doesNotContainAnyElementsOf(terminated));
        await().atMost(WAIT).until(listener::isConnected);
        openScreen(createLocation()).revokeAndAwaitClose();
    }

    private RevocableScreen openScreen(String location) {
        Auth.Device device = Auth.pair(location, List.of("station:grill"), List.of("bump"));
        FeedClient feed = screens.connectAs(device.token(), base, location, "view=station&station=grill");
        await().atMost(WAIT).until(() -> !feed.received().isEmpty());
        return new RevocableScreen(location, device, feed);
    }

    private record RevocableScreen(String location, Auth.Device device, FeedClient feed) {

        void revokeAndAwaitClose() {
            json().delete(LOCATION + "/devices/{id}", location, device.id())
                    .then()
                    .statusCode(204);
            await().atMost(5, SECONDS).until(() -> feed.closeCodes().contains(CloseCodes.UNAUTHORIZED));
        }
    }
}
