package io.ticketrail.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.AppProcess;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.FeedTruth;
import io.ticketrail.testsupport.FeedTruth.Watched;
import io.ticketrail.testsupport.Instances;
import io.ticketrail.testsupport.MultiInstanceProfile;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Screens.EXPO;
import static io.ticketrail.testsupport.Screens.FOH;
import static io.ticketrail.testsupport.Screens.FRY;
import static io.ticketrail.testsupport.Screens.GRILL;
import static io.ticketrail.testsupport.Screens.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling deploy without a cluster: two instances (B, C) from the packaged application serve 20 screens while
 * orders flow; B gets SIGTERM, its screens move to C and resume; then a new instance D takes some screens over.
 * Orders are placed through the test's own instance, which plays the POS.
 */
@QuarkusTest
class ShutdownIT extends Instances {

    private static final Logger LOG = Logger.getLogger(ShutdownIT.class);
    /** terminationGracePeriodSeconds in deploy/base/deployment.yaml. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    /** quarkus.shutdown.timeout: an exit this late means something held shutdown up (an open WebSocket did). */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<FeedView> VIEWS = List.of(GRILL, FRY, EXPO, FOH, MANAGER);

    private final List<AppProcess> started = new ArrayList<>();
    private final ScheduledExecutorService pos = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopInstances() throws InterruptedException {
        pos.shutdownNow();
        pos.awaitTermination(10, TimeUnit.SECONDS);
        started.forEach(AppProcess::close);
    }

    @Test
    void aRollingDeployMovesEveryScreenToAnotherInstanceAndLosesNothing() throws InterruptedException {
        AppProcess b = launch("shutdown-b");
        AppProcess c = launch("shutdown-c");
        b.awaitReady();
        c.awaitReady();
        List<String> locations = List.of(createLocation(), createLocation());

        // each screen connects to its home; once that instance is gone it goes to C, as a Service would send it
        Map<Watched, AtomicReference<AppProcess>> homes = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            AtomicReference<AppProcess> home = new AtomicReference<>(i % 4 < 2 ? b : c);
            FeedView view = VIEWS.get(i / 2 % VIEWS.size());
            String location = locations.get(i % 2);
            homes.put(
                    screens.watch(
                            view.tag() + "@" + home.get().name() + "#" + i,
                            location,
                            view,
                            () -> home.updateAndGet(at -> at.isAlive() ? at : c).baseUri()),
                    home);
        }
        List<Watched> all = List.copyOf(homes.keySet());
        List<Watched> onB = all.stream().filter(s -> homes.get(s).get() == b).toList();
        FeedTruth.awaitSnapshots(all, WAIT);

        Map<String, List<String>> placed = new ConcurrentHashMap<>();
        List<Throwable> posFailures = new CopyOnWriteArrayList<>();
        AtomicInteger ticks = new AtomicInteger();
        pos.scheduleWithFixedDelay(
                () -> placeAndBump(locations.get(ticks.getAndIncrement() % 2), placed, posFailures),
                0,
                100,
                TimeUnit.MILLISECONDS);
        await().atMost(WAIT).until(() -> ticks.get() >= 10);

        long sigterm = System.nanoTime();
        b.sigterm();
        int exitCode = b.waitFor(GRACE);
        long exitMillis = (System.nanoTime() - sigterm) / 1_000_000;
        LOG.infof("B exited with %d, %d ms after SIGTERM (grace period %s)", exitCode, exitMillis, GRACE);
        assertThat(Duration.ofMillis(exitMillis))
                .as("time from SIGTERM to exit")
                .isLessThan(SHUTDOWN_TIMEOUT);

        assertThat(onB)
                .hasSize(10)
                .allSatisfy(s -> assertThat(s.client().closeCodes())
                        .as(s.name() + " close codes")
                        .contains(CloseCodes.GOING_AWAY));
        awaitAllPast(all, "after B exited");
        assertThat(onB)
                .allSatisfy(s -> assertThat(homes.get(s).get()).as(s.name()).isSameAs(c));

        AppProcess d = launch("shutdown-d");
        d.awaitReady();
        List<Watched> moved = all.stream().filter(s -> all.indexOf(s) % 3 == 0).toList();
        moved.forEach(s -> {
            homes.get(s).set(d);
            s.client().drop();
        });
        awaitAllPast(all, "after screens moved to D");

        pos.shutdown();
        assertThat(pos.awaitTermination(10, TimeUnit.SECONDS))
                .as("the POS stopped")
                .isTrue();
        assertThat(posFailures).as("POS requests that failed").isEmpty();
        new FeedTruth(json).assertConverged(all, WAIT);
        for (String location : locations) {
            assertThat(Db.externalIds(location))
                    .as("orders in the database at %s", location)
                    .containsExactlyInAnyOrderElementsOf(placed.get(location));
        }
        // every reconnect resumed from the screen's position: nothing was started over from a snapshot
        assertThat(all)
                .allSatisfy(s -> assertThat(s.client().received().stream()
                                .filter(m -> m.path("type").asText().equals("snapshot")))
                        .as(s.name() + " snapshots")
                        .hasSize(1));
    }

    private AppProcess launch(String name) {
        AppProcess app = AppProcess.launch(name, MultiInstanceProfile.FEED);
        started.add(app);
        return app;
    }

    /** The POS: a new order, and the grill bumping the previous one, so screens see removals and progress too. */
    private static void placeAndBump(String location, Map<String, List<String>> placed, List<Throwable> failures) {
        try {
            Map<String, Object> order = burgerAndFries();
            List<String> ids = placed.computeIfAbsent(location, l -> new CopyOnWriteArrayList<>());
            Response answer = placed(location, order);
            ids.add((String) order.get("externalId"));
            if (ids.size() % 2 == 0) {
                command(location, answer.jsonPath().getString("id"), "stations/grill/bump")
                        .then()
                        .statusCode(200);
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    /** Waits until every screen is open and at least at the head its location had when this was called. */
    private static void awaitAllPast(List<Watched> screens, String when) {
        Map<String, Long> heads = new HashMap<>();
        screens.forEach(s -> heads.computeIfAbsent(s.locationId(), Db::head));
        await("every screen connected and resumed " + when)
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(screens).allSatisfy(s -> {
                    assertThat(s.client().isOpen()).as(s.name() + " open").isTrue();
                    assertThat(s.client().state().seq())
                            .as(s.name() + " seq")
                            .isGreaterThanOrEqualTo(heads.get(s.locationId()));
                }));
    }
}
