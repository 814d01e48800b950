package io.ticketrail.fault;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ticketrail.screen.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;

/**
 * The kitchen server loses its database while screens are open: each keeps its tickets, dims them and says in its
 * banner that the server cannot reach its database, with the age of the last update; when the database is back
 * it goes live again by itself and shows the next ticket. Paired screens with their real rights, at a kitchen
 * display's 1920x1080 and a small tablet's 1366x768. The pages' clocks jump over the feed client's silence bounds.
 */
@QuarkusTest
@TestProfile(ProxiedDatabaseProfile.class)
class ScreenOutageTest extends Outages {

    /** A ping is due every 15 s: past this the screen has missed one and asks the server why (feed.js QUIET_MS). */
    private static final long PAST_A_MISSED_PING_MS = 26_000;
    /** The watchdog gives a silent connection up after 40 s, checking every 10 s; then it reconnects. */
    private static final long PAST_THE_WATCHDOG_MS = 25_000;

    private static final Pattern SAYS_WHY =
            Pattern.compile("Not live — The kitchen server cannot reach its database — last update \\d+ s ago");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void openScreensSayTheServerCannotReachItsDatabaseKeepTheirTicketsAndResumeWhenItIsBack() {
        String location = createLocation();
        int before = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        BrowserContext kitchen = chromium.grillScreen(location, 1920, 1080);
        BrowserContext expo = chromium.expoScreen(location, 1366, 768);
        Page grill = open(kitchen, "/l/" + location + "/kitchen/grill");
        Page pass = open(expo, "/l/" + location + "/expo");
        for (Page page : List.of(grill, pass)) {
            assertThat(badge(page)).hasAttribute("data-state", "live");
            assertThat(ticket(page, before)).isVisible();
        }

        stopDatabase();
        for (Page page : List.of(grill, pass)) {
            page.clock().fastForward(PAST_A_MISSED_PING_MS);
            assertThat(banner(page)).isVisible();
            assertThat(banner(page)).containsText(SAYS_WHY);
            page.clock().fastForward(PAST_THE_WATCHDOG_MS);
            assertThat(banner(page)).containsText(SAYS_WHY);
            assertThat(banner(page)).containsText("reconnecting");
            assertThat(page.locator("body")).hasClass(Pattern.compile("\\bnot-live\\b"));
            assertThat(ticket(page, before)).isVisible();
        }
        grill.screenshot(new Page.ScreenshotOptions()
                .setPath(Chromium.SCREENSHOTS.resolve("kitchen-database-away-1920x1080.png")));
        pass.screenshot(
                new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("expo-database-away-1366x768.png")));

        startDatabase();
        int after = placeRetrying(
                        location,
                        orderOf(List.of(item("Steak", "burgers"))),
                        UUID.randomUUID().toString())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getInt("number");
        for (Page page : List.of(grill, pass)) {
            assertThat(badge(page)).hasAttribute("data-state", "live");
            assertThat(banner(page)).isHidden();
            assertThat(page.locator("body")).not().hasClass(Pattern.compile("\\bnot-live\\b"));
            assertThat(ticket(page, before)).isVisible();
            assertThat(ticket(page, after)).isVisible();
        }
        kitchen.close();
        expo.close();
    }

    private Page open(BrowserContext context, String path) {
        Page page = context.newPage();
        page.clock().install();
        page.navigate(base.resolve(path).toString());
        return page;
    }

    private static Locator badge(Page page) {
        return page.locator("#feed-status");
    }

    private static Locator banner(Page page) {
        return page.locator("#stale");
    }

    private static Locator ticket(Page page, int number) {
        return page.locator("[data-number='" + number + "']");
    }
}
