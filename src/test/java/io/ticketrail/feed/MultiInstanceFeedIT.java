package io.ticketrail.feed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.FeedTruth;
import io.ticketrail.testsupport.FeedTruth.Watched;
import io.ticketrail.testsupport.RawSocket;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.TwoInstances;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Screens.EXPO;
import static io.ticketrail.testsupport.Screens.FRY;
import static io.ticketrail.testsupport.Screens.GRILL;
import static io.ticketrail.testsupport.Screens.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An order reaches every screen, whichever instance it was placed through and whichever one the screen is on. */
@QuarkusTest
class MultiInstanceFeedIT extends TwoInstances {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void anOrderPlacedThroughOneInstanceReachesScreensOnTheOther() {
        String location = createLocation();
        Watched expoOnA = screens.watch("expo@A", location, EXPO, () -> a);
        Watched expoOnB = screens.watch("expo@B", location, EXPO, b::baseUri);
        Watched grillOnB = screens.watch("grill@B", location, GRILL, b::baseUri);
        Watched fryOnA = screens.watch("fry@A", location, FRY, () -> a);
        List<Watched> all = List.of(expoOnA, expoOnB, grillOnB, fryOnA);
        FeedTruth.awaitSnapshots(all, WAIT);

        String viaA = placedId(location, burgerAndFries());
        await().atMost(WAIT)
                .until(() -> expoOnB.client().state().orders().containsKey(viaA)
                        && grillOnB.client().state().orders().containsKey(viaA));

        String viaB = placedId(b.baseUri(), location, burgerAndFries());
        await().atMost(WAIT)
                .until(() -> expoOnA.client().state().orders().containsKey(viaB)
                        && fryOnA.client().state().orders().containsKey(viaB));

        new FeedTruth(json).assertConverged(all, WAIT);
    }

    @Test
    void terminatingTheListenConnectionsMidStreamLosesNothing() throws Exception {
        String location = createLocation();
        List<Watched> all = List.of(
                screens.watch("expo@A", location, EXPO, () -> a),
                screens.watch("grill@A", location, GRILL, () -> a),
                screens.watch("expo@B", location, EXPO, b::baseUri),
                screens.watch("fry@B", location, FRY, b::baseUri),
                screens.watch("manager@B", location, MANAGER, b::baseUri));
        FeedTruth.awaitSnapshots(all, WAIT);
        assertThat(Db.listenBackends()).as("one LISTEN connection per instance").hasSize(2);

        List<String> placed = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> pos = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 30; i++) {
                placed.add(placedId(i % 2 == 0 ? a : b.baseUri(), location, burgerAndFries()));
            }
        });
        await().atMost(WAIT).until(() -> placed.size() >= 10 || pos.isDone());
        List<Integer> terminated = Db.terminateListenBackends();
        int placedBefore = placed.size();
        pos.get(30, TimeUnit.SECONDS);

        assertThat(terminated).as("LISTEN connections terminated").hasSize(2);
        assertThat(placedBefore)
                .as("orders placed before the LISTEN connections were terminated")
                .isLessThan(30);
        await("both instances listen again")
                .atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(Db.listenBackends()).hasSize(2).doesNotContainAnyElementsOf(terminated));
        new FeedTruth(json).assertConverged(all, WAIT);
        // every order has a burger and fries, so every view shows all of them
        assertThat(all)
                .allSatisfy(s -> assertThat(s.client().state().orders())
                        .as(s.name())
                        .containsKeys(placed.toArray(String[]::new)));
    }

    /** A revocation made through A is heard by B (NOTIFY on ticketrail_access): B closes the screen's feed too. */
    @Test
    void revokingAScreenThroughOneInstanceClosesItsFeedOnTheOther() {
        String location = createLocation();
        Auth.Device screen = Auth.pair(location, List.of("expo"), List.of("ready"));
        FeedClient onB = screens.connectAs(screen.token(), b.baseUri(), location, "view=expo");
        await().atMost(WAIT).until(() -> !onB.received().isEmpty());

        Api.json()
                .delete(Api.LOCATION + "/devices/{id}", location, screen.id())
                .then()
                .statusCode(204);

        await().atMost(5, TimeUnit.SECONDS).until(() -> onB.closeCodes().contains(CloseCodes.UNAUTHORIZED));
        assertThat(RawSocket.upgradeStatus(Screens.feedUri(b.baseUri(), location, "view=expo"), screen.token()))
                .isEqualTo(401);
    }
}
