package io.ticketrail.feed;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.AppProcess;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.FeedTruth;
import io.ticketrail.testsupport.FeedTruth.Watched;
import io.ticketrail.testsupport.Instances;
import io.ticketrail.testsupport.MultiInstanceProfile;
import io.ticketrail.testsupport.RoutingProxy;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.json;
import static io.ticketrail.testsupport.Api.placedId;
import static io.ticketrail.testsupport.Screens.EXPO;
import static io.ticketrail.testsupport.Screens.FOH;
import static io.ticketrail.testsupport.Screens.FRY;
import static io.ticketrail.testsupport.Screens.GRILL;
import static io.ticketrail.testsupport.Screens.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pods stopped under load, without a cluster: instances from the packaged application behind proxies that route
 * like kube-proxy ({@link RoutingProxy}) serve screens while a POS places orders and bumps through a proxy too. A
 * stopped instance gets SIGTERM, and the proxies keep sending it new connections for {@link #PROPAGATION} more, as
 * endpoint removal takes a few seconds to reach kube-proxy and the gateway. Not one POS call may fail, no ticket may
 * be lost or doubled, the stopped instance's screens are told to move (1001) and resume elsewhere without a
 * snapshot, and it exits by itself well inside the grace period.
 */
@QuarkusTest
class ShutdownIT extends Instances {

    private static final Logger LOG = Logger.getLogger(ShutdownIT.class);
    /** terminationGracePeriodSeconds in deploy/base/deployment.yaml, less its preStop sleep (5 s). */
    private static final Duration GRACE = Duration.ofSeconds(35);
    /** quarkus.shutdown.delay plus quarkus.shutdown.timeout: an exit this late means something held shutdown up. */
    private static final Duration DELAY_AND_TIMEOUT = Duration.ofSeconds(5 + 20);
    /** How long the proxies keep routing new connections to B after its SIGTERM; below quarkus.shutdown.delay. */
    private static final Duration PROPAGATION = Duration.ofSeconds(3);

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<FeedView> VIEWS = List.of(GRILL, FRY, EXPO, FOH, MANAGER);

    private final List<AppProcess> started = new ArrayList<>();
    private final List<RoutingProxy> proxies = new ArrayList<>();
    /** Two tills, each placing or bumping every 50 ms after its previous call returned. */
    private static final int TILLS = 2;

    private final ScheduledExecutorService pos = Executors.newScheduledThreadPool(TILLS);
    private final Map<String, List<String>> placed = new ConcurrentHashMap<>();
    private final List<Throwable> posFailures = new CopyOnWriteArrayList<>();
    private final AtomicInteger ticks = new AtomicInteger();

    @AfterEach
    void stopInstances() throws InterruptedException {
        pos.shutdownNow();
        pos.awaitTermination(10, TimeUnit.SECONDS);
        proxies.forEach(RoutingProxy::close);
        started.forEach(AppProcess::close);
    }

    @Test
    void aRollingDeployBehindAProxyLosesNoRequestAndMovesEveryScreen() {
        AppProcess b = launch("shutdown-b");
        AppProcess c = launch("shutdown-c");
        b.awaitReady();
        c.awaitReady();
        RoutingProxy screenService = proxy(List.of(b, c));
        RoutingProxy posService = proxy(List.of(b, c));
        List<String> locations = List.of(createLocation(), createLocation());
        List<Watched> all = watch(20, locations, screenService);
        int screensOnB = screenService.openTo(b);
        assertThat(screensOnB).as("screens the proxy sent to B").isBetween(1, 19);
        startPos(posService, locations);

        stop(b, screenService, posService);

        List<Watched> moved = all.stream()
                .filter(s -> s.client().closeCodes().contains(CloseCodes.GOING_AWAY))
                .toList();
        assertThat(moved).as("screens told to move (1001)").hasSize(screensOnB);
        awaitAllPast(all, "after B exited");
        assertThat(screenService.openTo(c)).as("screens on C").isEqualTo(all.size());

        AppProcess d = launch("shutdown-d");
        d.awaitReady();
        screenService.add(d);
        posService.add(d);
        all.stream()
                .filter(s -> all.indexOf(s) % 3 == 0)
                .forEach(s -> s.client().drop());
        awaitAllPast(all, "after D joined and screens reconnected");
        assertThat(screenService.openTo(d)).as("screens that moved to D").isPositive();

        assertNothingLost(all, locations);
    }

    /**
     * kubectl drain on a node that holds two of the pods: the PodDisruptionBudget (maxUnavailable 1) lets the
     * evictions through one at a time, so the second pod gets SIGTERM once the first has gone. Every screen ends on
     * the instance left, having moved once or twice, each time with 1001 and a resume.
     */
    @Test
    void aNodeDrainEvictingTwoInstancesInSequenceLosesNothing() {
        AppProcess b = launch("drain-b");
        AppProcess c = launch("drain-c");
        AppProcess d = launch("drain-d");
        List.of(b, c, d).forEach(AppProcess::awaitReady);
        RoutingProxy screenService = proxy(List.of(b, c, d));
        RoutingProxy posService = proxy(List.of(b, c, d));
        List<String> locations = List.of(createLocation(), createLocation());
        List<Watched> all = watch(12, locations, screenService);
        int screensOnB = screenService.openTo(b);
        assertThat(screensOnB).as("screens the proxy sent to B").isPositive();
        startPos(posService, locations);

        stop(b, screenService, posService);
        awaitAllPast(all, "after B was evicted");
        int screensOnC = screenService.openTo(c);
        assertThat(screensOnC).as("screens on C when its eviction starts").isPositive();
        stop(c, screenService, posService);
        awaitAllPast(all, "after C was evicted");

        assertThat(screenService.openTo(d))
                .as("screens on D, the instance left")
                .isEqualTo(all.size());
        assertThat(all)
                .flatExtracting(s -> s.client().closeCodes())
                .as("every close a screen saw: one 1001 per move, nothing else")
                .hasSize(screensOnB + screensOnC)
                .containsOnly(CloseCodes.GOING_AWAY);
        assertNothingLost(all, locations);
    }

    private AppProcess launch(String name) {
        AppProcess app = AppProcess.launch(name, MultiInstanceProfile.FEED);
        started.add(app);
        return app;
    }

    private RoutingProxy proxy(List<AppProcess> endpoints) {
        RoutingProxy proxy = new RoutingProxy(endpoints);
        proxies.add(proxy);
        return proxy;
    }

    /** {@code count} screens through the proxy, over both locations and every view, each with its snapshot. */
    private List<Watched> watch(int count, List<String> locations, RoutingProxy screenService) {
        List<Watched> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FeedView view = VIEWS.get(i / 2 % VIEWS.size());
            all.add(screens.watch(view.tag() + "#" + i, locations.get(i % 2), view, screenService::uri));
        }
        FeedTruth.awaitSnapshots(all, WAIT);
        return all;
    }

    /** The tills start and run until the end of the test; returns once they sent a few commands. */
    private void startPos(RoutingProxy posService, List<String> locations) {
        for (int till = 0; till < TILLS; till++) {
            pos.scheduleWithFixedDelay(
                    () -> placeAndBump(posService.uri(), locations.get(ticks.getAndIncrement() % 2)),
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
        }
        await().atMost(WAIT).until(() -> ticks.get() >= 10);
    }

    /**
     * What Kubernetes does to a pod it stops: SIGTERM, while the proxies keep sending it new connections for
     * {@link #PROPAGATION}. Returns once it exited (inside the grace period) and that window has passed with the POS
     * running, as a pod's late requests would arrive.
     */
    private void stop(AppProcess instance, RoutingProxy screenService, RoutingProxy posService) {
        long sigterm = System.nanoTime();
        instance.sigterm();
        screenService.removeLater(instance, PROPAGATION);
        posService.removeLater(instance, PROPAGATION);
        int ticksAtSigterm = ticks.get();
        int posConnections = posService.routedTo(instance);
        int exitCode = instance.waitFor(GRACE);
        long exitMillis = (System.nanoTime() - sigterm) / 1_000_000;
        LOG.infof(
                "%s exited with %d, %d ms after SIGTERM (grace period %s); the POS sent %d commands meanwhile",
                instance.name(), exitCode, exitMillis, GRACE, ticks.get() - ticksAtSigterm);
        assertThat(Duration.ofMillis(exitMillis))
                .as("time from SIGTERM to exit")
                .isLessThan(DELAY_AND_TIMEOUT);
        await().atMost(WAIT)
                .until(() ->
                        System.nanoTime() - sigterm > PROPAGATION.plusSeconds(1).toNanos());
        assertThat(posService.routedTo(instance) - posConnections)
                .as("POS connections the proxy still sent to %s after its SIGTERM", instance.name())
                .isPositive();
    }

    /** Stops the POS; then every call succeeded, each order is in the database once, and every screen shows it. */
    private void assertNothingLost(List<Watched> all, List<String> locations) {
        pos.shutdown();
        try {
            assertThat(pos.awaitTermination(10, TimeUnit.SECONDS))
                    .as("the POS stopped")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(posFailures).as("POS requests that failed").isEmpty();
        new FeedTruth(json).assertConverged(all, WAIT);
        for (String location : locations) {
            assertThat(Db.externalIds(location))
                    .as("orders in the database at %s, each once", location)
                    .containsExactlyInAnyOrderElementsOf(placed.get(location));
        }
        // every reconnect resumed from the screen's position: nothing was started over from a snapshot, and no
        // message ever left a gap that sent a screen back to resume
        assertThat(all).allSatisfy(s -> {
            assertThat(s.client().received().stream()
                            .filter(m -> m.path("type").asText().equals("snapshot")))
                    .as(s.name() + " snapshots")
                    .hasSize(1);
            assertThat(s.client().state().resumes()).as(s.name() + " gaps seen").isZero();
        });
    }

    /** The POS: a new order, and the grill bumping the previous one, so screens see removals and progress too. */
    private void placeAndBump(URI service, String location) {
        try {
            Map<String, Object> order = burgerAndFries();
            List<String> ids = placed.computeIfAbsent(location, l -> new CopyOnWriteArrayList<>());
            String id = placedId(service, location, order);
            ids.add((String) order.get("externalId"));
            if (ids.size() % 2 == 0) {
                json(service)
                        .post(ORDER + "/stations/grill/bump", location, id)
                        .then()
                        .statusCode(200);
            }
        } catch (Throwable e) {
            posFailures.add(e);
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
