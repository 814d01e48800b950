package io.ticketrail.presence;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.screen.Chromium;
import io.ticketrail.screen.Network;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real screen page, paired with a cook's rights, tells the server what it drew: over its WebSocket, over the
 * SSE fallback's REST call, and not at all while its page cannot paint (the frozen tablet the alarm exists for).
 */
@QuarkusTest
class BrowserAcknowledgementTest extends WithScreens {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Test
    void theGrillPageAcknowledgesTheTicketItDrewOverItsWebSocket() {
        String location = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        BrowserContext context = chromium.grillScreen(location, 1920, 1080);
        Page grill = open(context, location);

        int number = placed(location, burgerAndFries()).jsonPath().getInt("number");

        assertThat(grill.locator("[data-number='" + number + "']")).isVisible();
        assertAcknowledged(location, "websocket", placedSeq(location));
        context.close();
    }

    @Test
    void theGrillPageOnServerSentEventsAcknowledgesOverRest() {
        String location = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        BrowserContext context = chromium.grillScreen(location, 1920, 1080);
        new Network(context).blockWebSockets();
        Page grill = open(context, location);
        assertThat(grill.locator("#feed-status")).hasText("Live (SSE)");

        int number = placed(location, burgerAndFries()).jsonPath().getInt("number");

        assertThat(grill.locator("[data-number='" + number + "']")).isVisible();
        assertAcknowledged(location, "sse", placedSeq(location));
        context.close();
    }

    @Test
    void aPageThatCannotPaintAcknowledgesNothingAndTheAlarmGoesWhenItPaintsAgain() {
        String location = createLocation(Map.of("alarm", Alarms.shortThresholds()));
        BrowserContext context = chromium.grillScreen(location, 1920, 1080);
        Page grill = context.newPage();
        // Playwright's clock owns timers and animation frames: paused, the page receives diffs but draws no frame
        grill.clock().install();
        grill.navigate(base.resolve("/l/" + location + "/kitchen/grill").toString());
        grill.clock().runFor(1_000);
        assertThat(grill.locator("#feed-status")).hasAttribute("data-state", "live");
        assertAcknowledged(location, "websocket", 0);
        grill.clock().pauseAt(System.currentTimeMillis() + 60_000);

        placed(location, burgerAndFries());

        await().atMost(Duration.ofSeconds(Alarms.UNSEEN_AFTER_SECONDS + 10))
                .untilAsserted(() -> assertThat(Alarms.open(location, "grill", "STATION"))
                        .singleElement()
                        .satisfies(alarm -> assertThat(alarm.detail().reasons()).contains("UNSEEN")));
        long placed = placedSeq(location);
        assertThat(AcknowledgementTest.screens(location))
                .filteredOn(s -> s.view().equals("station:grill"))
                .allSatisfy(s -> assertThat(s.ackSeq()).isLessThan(placed));

        grill.clock().resume();

        assertAcknowledged(location, "websocket", placed);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(Alarms.open(location, "grill", "STATION")).isEmpty());
        context.close();
    }

    private Page open(BrowserContext context, String location) {
        Page page = context.newPage();
        page.navigate(base.resolve("/l/" + location + "/kitchen/grill").toString());
        assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
        return page;
    }

    /**
     * The grill page's presence row covers {@code seq} (the change it drew), with its page and transport. Not the
     * head: alarm entries move the head too, and a station screen acknowledges those only with its next ping.
     */
    private static void assertAcknowledged(String location, String transport, long seq) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            AcknowledgementTest.Seen seen = connected(location);
            assertThat(seen.ackSeq()).isGreaterThanOrEqualTo(seq);
            assertThat(seen.transport()).isEqualTo(transport);
            assertThat(seen.page()).isEqualTo("/l/" + location + "/kitchen/grill");
            assertThat(seen.state()).isEqualTo("live");
        });
    }

    /**
     * The grill page's connection: closed ones stay listed for a while (a WebSocket the page gave up on, an earlier
     * connection), so this takes the one that is not offline.
     */
    private static AcknowledgementTest.Seen connected(String location) {
        List<AcknowledgementTest.Seen> connected = AcknowledgementTest.screens(location).stream()
                .filter(s -> s.view().equals("station:grill") && !s.state().equals("offline"))
                .toList();
        assertThat(connected).hasSize(1);
        return connected.get(0);
    }

    /** The seq of the location's order placement (each test places one order). */
    private static long placedSeq(String location) {
        return Alarms.entries(location, "ORDER_PLACED").stream()
                .mapToLong(Alarms.Entry::seq)
                .max()
                .orElseThrow();
    }
}
