package io.ticketrail.fault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ticketrail.screen.Chromium;
import org.assertj.core.api.Assertions;
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

    /** The test profile pings every 15 s: a screen told by its server must say so well before a ping is missed. */
    private static final Duration WELL_BEFORE_A_PING = Duration.ofSeconds(10);

    /** Noticing (the readiness check, 1 to 2 s) and telling the screen: a few seconds on a busy machine. */
    private static final LocatorAssertions.ContainsTextOptions WITHIN_SECONDS =
            new LocatorAssertions.ContainsTextOptions().setTimeout(8_000);

    private static final Pattern SAYS_WHY =
            Pattern.compile("Not live — The kitchen server cannot reach its database — last update \\d+ s ago");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void openScreensSayTheServerCannotReachItsDatabaseKeepTheirTicketsAndResumeWhenItIsBack() {
        String location = createLocation();
        Screens screens = liveScreens(location);
        int before = screens.ticket();
        Page grill = screens.grill();
        Page pass = screens.pass();

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
        grill.context().close();
        pass.context().close();
    }

    /**
     * An open screen hears of the outage from its server over the connection it has, so it says so within seconds
     * (the assertion's bound is well under the 15 s ping interval of this profile; no page clock is moved here),
     * and goes live again on the same connection when the database is back.
     */
    @Test
    void openScreensSayWithinSecondsThatTheDatabaseIsAwayAndGoLiveOnTheirOwnConnectionWhenItIsBack() {
        String location = createLocation();
        Screens screens = liveScreens(location);
        int before = screens.ticket();
        Page grill = screens.grill();
        Page pass = screens.pass();

        for (Page page : List.of(grill, pass)) {
            page.evaluate("window.ticketrail.client.transport.before = true");
        }
        long start = System.nanoTime();
        proxy.refuse();
        for (Page page : List.of(grill, pass)) {
            assertThat(banner(page)).containsText(SAYS_WHY, WITHIN_SECONDS);
            assertThat(banner(page)).containsText("still connected");
            assertThat(badge(page)).not().hasAttribute("data-state", "live");
            assertThat(page.locator("body")).hasClass(Pattern.compile("\\bnot-live\\b"));
            assertThat(ticket(page, before)).isVisible();
        }
        Assertions.assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("from the database going away to both banners")
                .isLessThan(WELL_BEFORE_A_PING);
        grill.screenshot(new Page.ScreenshotOptions()
                .setPath(Chromium.SCREENSHOTS.resolve("kitchen-told-database-away-1920x1080.png")));

        startDatabase();
        for (Page page : List.of(grill, pass)) {
            assertThat(banner(page)).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(5_000));
            assertThat(badge(page)).hasAttribute("data-state", "live");
            assertThat(ticket(page, before)).isVisible();
            Assertions.assertThat(page.evaluate("window.ticketrail.client.transport?.before === true"))
                    .as("live again on the connection it had before the outage")
                    .isEqualTo(true);
        }
        grill.context().close();
        pass.context().close();
    }

    /** A paired grill screen at 1920x1080 and expo at 1366x768, both live and showing one ticket. */
    private record Screens(int ticket, Page grill, Page pass) {}

    private Screens liveScreens(String location) {
        int ticket = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        Page grill = open(chromium.grillScreen(location, 1920, 1080), "/l/" + location + "/kitchen/grill");
        Page pass = open(chromium.expoScreen(location, 1366, 768), "/l/" + location + "/expo");
        for (Page page : List.of(grill, pass)) {
            assertThat(badge(page)).hasAttribute("data-state", "live");
            assertThat(ticket(page, ticket)).isVisible();
        }
        return new Screens(ticket, grill, pass);
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
