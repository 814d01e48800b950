package io.ticketrail.screen;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;

/**
 * A screen whose connection goes silent (no close, no offline event: a stalled proxy) must stop looking live:
 * the badge leaves "Live", the tickets dim and a banner gives the age of the last update, within the feed
 * client's silence watchdog (40 s of silence, checked every 10 s). The page's clock jumps over those seconds.
 */
@QuarkusTest
class StaleScreenTest {

    /** The watchdog reconnects after 40 s of silence and looks every 10 s; past this it must have fired. */
    private static final long WATCHDOG_BOUND_MS = 51_000;
    /** A ping is due every 15 s; a screen silent for longer says it may be out of date (feed.js QUIET_MS). */
    private static final long PAST_A_MISSED_PING_MS = 26_000;

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aSilentlyStalledScreenSaysItIsNotLiveAndCatchesUpWhenTheLineComesBack() {
        String location = createLocation();
        int before = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        try (StallingProxy proxy = new StallingProxy(base.getPort())) {
            String origin = "http://127.0.0.1:" + proxy.port();
            BrowserContext context = chromium.pairedScreen(
                    location, "station:grill", List.of("start", "bump", "recall"), 1366, 768, origin);
            Page grill = context.newPage();
            grill.clock().install();
            grill.navigate(origin + "/l/" + location + "/kitchen/grill");
            Locator badge = grill.locator("#feed-status");
            Locator banner = grill.locator("#stale");
            assertThat(badge).hasAttribute("data-state", "live");
            assertThat(banner).isHidden();
            assertThat(grill.locator("[data-number='" + before + "']")).isVisible();

            proxy.stall();
            List<Integer> missed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                missed.add(placed(location, orderOf(List.of(item("Steak " + i, "burgers"))))
                        .jsonPath()
                        .getInt("number"));
            }

            // a ping missed: not "Live" any more, even before the watchdog gives the connection up
            grill.clock().fastForward(PAST_A_MISSED_PING_MS);
            assertThat(badge).hasAttribute("data-state", "quiet");
            assertThat(badge).not().hasText("Live");
            assertThat(banner).isVisible();
            assertThat(banner).containsText(Pattern.compile("Not live — last update 2[6-9] s ago"));

            grill.clock().fastForward(WATCHDOG_BOUND_MS - PAST_A_MISSED_PING_MS);
            assertThat(badge).hasAttribute("data-state", "reconnecting");
            assertThat(banner).containsText(Pattern.compile("Not live — last update \\d+ s ago — reconnecting"));
            assertThat(grill.locator("body")).hasClass(Pattern.compile("\\bnot-live\\b"));
            assertThat(grill.locator("main")).hasCSS("opacity", "0.4");
            grill.screenshot(new Page.ScreenshotOptions()
                    .setPath(Chromium.SCREENSHOTS.resolve("kitchen-not-live-1366x768.png")));
            for (int number : missed) {
                assertThat(grill.locator("[data-number='" + number + "']")).hasCount(0);
            }

            proxy.resume();

            assertThat(badge).hasAttribute("data-state", "live");
            assertThat(banner).isHidden();
            assertThat(grill.locator("body")).not().hasClass(Pattern.compile("\\bnot-live\\b"));
            assertThat(grill.locator("main")).hasCSS("opacity", "1");
            for (int number : missed) {
                assertThat(grill.locator("[data-number='" + number + "']")).hasCount(1);
            }
            context.close();
        }
    }
}
