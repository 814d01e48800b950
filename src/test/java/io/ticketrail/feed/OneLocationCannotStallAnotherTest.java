package io.ticketrail.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import io.ticketrail.testsupport.Metrics;
import io.ticketrail.testsupport.Problems;
import io.ticketrail.testsupport.WithScreens;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.orderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 12, finding 1, at test scale: one location grows an order as far as it may and freezes a dozen screens of
 * its own, then makes every item start a large diff. Its frozen screens are closed as too slow once they hold a
 * few hundred kilobytes each, and meanwhile another location's screen keeps getting its pings and diffs, its POS
 * keeps placing orders, and revoking its screen still closes that screen's feed within 5 s.
 */
@QuarkusTest
@TestProfile(OneLocationCannotStallAnotherTest.SmallQueues.class)
class OneLocationCannotStallAnotherTest extends WithScreens {

    private static final Logger LOG = Logger.getLogger(OneLocationCannotStallAnotherTest.class);
    private static final String SLOW_CLOSES = "ticketrail_feed_slow_closes_total";
    private static final int FROZEN_SCREENS = 12;
    private static final int SCREENS_PER_DEVICE = 4;
    private static final Duration REVOCATION = Duration.ofSeconds(5);

    public static class SmallQueues implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ticketrail.feed.ping-interval", "1s",
                    "ticketrail.feed.send-queue-bytes", "256K",
                    "ticketrail.feed.send-queue-bytes-per-location", "2M",
                    "ticketrail.feed.send-queue-bytes-total", "4M",
                    "ticketrail.access.limits.connections-per-device", String.valueOf(SCREENS_PER_DEVICE));
        }
    }

    @Test
    void aLocationFloodingItsOwnFrozenScreensDelaysNoOtherLocation() {
        String attacker = createLocation();
        String victim = createLocation();
        String attackerKey = Auth.apiKey(attacker);
        String victimKey = Auth.apiKey(victim);
        Auth.Device victimDevice = Auth.pair(victim, List.of("expo"), List.of("bump"));
        FeedClient victimScreen = screens.connectAs(victimDevice.token(), base, victim, "view=expo")
                .silenceTimeout(Duration.ofSeconds(3));
        await().atMost(WAIT).until(() -> victimScreen.state().seq() == 0);

        // as large as an order may be, at 100 items with 8 x 120-character modifiers each
        Response big = Auth.as(attackerKey).body(orderOf(items(100))).post(LOCATION + "/orders", attacker);
        big.then().statusCode(201);
        String order = big.jsonPath().getString("id");
        List<String> itemIds = big.jsonPath().getList("items.id", String.class);
        // the attack went on adding 200 items at a time; the order's total is bounded, not only each request
        Response grown = Problems.refused(
                attacker,
                () -> Auth.as(attackerKey).body(Map.of("items", items(200))).post(ORDER + "/items", attacker, order));
        Problems.invalid(grown, 422, "items");

        List<FeedClient> frozen = new ArrayList<>();
        for (int d = 0; d < FROZEN_SCREENS / SCREENS_PER_DEVICE; d++) {
            Auth.Device device = Auth.pair(attacker, List.of("expo"), List.of("start"));
            for (int s = 0; s < SCREENS_PER_DEVICE; s++) {
                FeedClient screen = screens.connectAs(device.token(), base, attacker, "view=expo");
                frozen.add(screen);
            }
        }
        // each said hello; from its snapshot on it reads nothing more
        await().atMost(WAIT).until(() -> frozen.stream().allMatch(s -> s.state().seq() == 1));
        frozen.forEach(FeedClient::stopReading);
        double slowBefore = slowCloses(attacker);

        int started = 0;
        while (slowCloses(attacker) - slowBefore < FROZEN_SCREENS && started < itemIds.size()) {
            Auth.asManager()
                    .post(ORDER + "/items/" + itemIds.get(started) + "/start", attacker, order)
                    .then()
                    .statusCode(200);
            started++;
            if (started % 10 == 0) {
                victimKeepsWorking(victimKey, victim, victimScreen);
            }
        }
        LOG.infof(
                "%d frozen screens closed as too slow after %d diffs of about %d KB",
                FROZEN_SCREENS, started, big.asString().length() / 1024);

        assertThat(slowCloses(attacker) - slowBefore)
                .as("frozen screens closed after %d diffs", started)
                .isEqualTo(FROZEN_SCREENS);
        assertThat(slowCloses(victim)).isZero();
        victimKeepsWorking(victimKey, victim, victimScreen);
        assertThat(victimScreen.state().resumes()).isZero();

        Auth.asManager()
                .delete(LOCATION + "/devices/{device}", victim, victimDevice.id())
                .then()
                .statusCode(204);
        await().atMost(REVOCATION).until(() -> victimScreen.closeCodes().contains(CloseCodes.UNAUTHORIZED));
    }

    /**
     * A POS order at the other location is answered and reaches its screen, and the screen gets its next ping, each
     * within the wait any test allows on this busy machine (the attack made them time out after 20 s and 209 s).
     */
    private static void victimKeepsWorking(String key, String location, FeedClient screen) {
        long pings = pings(screen);
        String placed = assertTimeoutPreemptively(
                WAIT,
                () -> Auth.as(key)
                        .body(orderOf(List.of(Map.of("name", "Soup", "qty", 1, "category", "soup"))))
                        .post(LOCATION + "/orders", location)
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("id"));
        await().atMost(WAIT)
                .until(() -> screen.state().orders().containsKey(placed)
                        && screen.state().seq() == Db.head(location));
        await().atMost(WAIT).until(() -> pings(screen) > pings);
    }

    private static long pings(FeedClient screen) {
        return screen.received().stream()
                .filter(m -> m.path("type").asText().equals("ping"))
                .count();
    }

    private static double slowCloses(String location) {
        return Metrics.scrape().sum(SLOW_CLOSES, "location=" + location);
    }

    private static List<Map<String, Object>> items(int count) {
        List<String> modifiers = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            modifiers.add(m + "m".repeat(119));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new HashMap<>(
                    Map.of("name", "Burger " + i, "qty", 1, "category", "burgers", "modifiers", modifiers)));
        }
        return items;
    }
}
