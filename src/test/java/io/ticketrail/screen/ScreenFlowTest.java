package io.ticketrail.screen;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

/** The screens in a real browser against the real server: orders placed through REST, acted on by tapping. */
@QuarkusTest
class ScreenFlowTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    private String url(String path) {
        return base.resolve(path).toString();
    }

    private static Locator ticket(Page page, int number) {
        return page.locator("[data-number='" + number + "']");
    }

    @Test
    void orderMovesFromGrillThroughExpoToFrontOfHouseAndIsGoneWhenServed() {
        String location = createLocation(true);
        Page grill = chromium.open(url("/l/" + location + "/kitchen/grill"));
        Page expo = chromium.open(url("/l/" + location + "/expo"));
        Page foh = chromium.open(url("/l/" + location + "/foh"));
        Page board = chromium.open(url("/l/" + location + "/board"));
        for (Page page : List.of(grill, expo, foh, board)) {
            assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
        }

        // a takeout order: the pickup board shows counter channels only
        int number = placed(
                        location,
                        Map.of(
                                "externalId",
                                "to-go-" + UUID.randomUUID(),
                                "channel",
                                "TAKEOUT",
                                "customerName",
                                "Ana",
                                "items",
                                List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");

        assertThat(ticket(grill, number)).isVisible();
        assertThat(ticket(grill, number)).containsText("Cheeseburger");
        assertThat(expo.locator("[data-number='" + number + "'] [data-station='grill']"))
                .not()
                .hasClass("station-chip done");
        ticket(grill, number).locator(".ticket-header").click();

        assertThat(ticket(grill, number)).hasCount(0);
        assertThat(expo.locator("[data-number='" + number + "'] [data-station='grill']"))
                .hasClass("station-chip done");
        assertThat(ticket(foh, number)).hasAttribute("data-status", "kitchen");

        ticket(expo, number).getByText("Ready").click();
        assertThat(ticket(foh, number)).hasAttribute("data-status", "ready");
        assertThat(board.locator("#ready [data-number='" + number + "']")).isVisible();
        assertThat(ticket(expo, number)).hasCount(0);

        ticket(foh, number).getByText("Picked up").click();
        for (Page page : List.of(grill, expo, foh, board)) {
            assertThat(ticket(page, number)).hasCount(0);
        }
        List.of(grill, expo, foh, board).forEach(p -> p.context().close());
    }

    @Test
    void bumpBarKeysSelectBumpAndRecall() {
        String location = createLocation();
        int first = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        int second = placed(location, orderOf(List.of(item("Steak", "burgers"))))
                .jsonPath()
                .getInt("number");
        Page grill = chromium.open(url("/l/" + location + "/kitchen/grill"));
        // the page's own snapshot: the tickets are there before the feed has said anything
        assertThat(ticket(grill, first)).isVisible();
        assertThat(ticket(grill, second)).isVisible();

        grill.keyboard().press("2");
        assertThat(ticket(grill, second)).hasClass("ticket selected");
        grill.keyboard().press("Enter");
        assertThat(ticket(grill, second)).hasCount(0);
        assertThat(ticket(grill, first)).isVisible();

        grill.keyboard().press("r");
        assertThat(ticket(grill, second)).isVisible();

        grill.keyboard().press("1");
        grill.keyboard().press("Space");
        assertThat(ticket(grill, first)).hasCount(0);
        grill.context().close();
    }

    /**
     * The screen's network is cut while five orders are placed; when it comes back, exactly those five appear,
     * each once, and the badge went from reconnecting back to live.
     */
    @Test
    void screenThatWasOfflineShowsExactlyTheOrdersPlacedMeanwhile() {
        String location = createLocation();
        int before = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        BrowserContext context = chromium.context();
        Network network = new Network(context);
        Page grill = context.newPage();
        grill.navigate(url("/l/" + location + "/kitchen/grill"));
        Locator badge = grill.locator("#feed-status");
        assertThat(badge).hasAttribute("data-state", "live");

        network.cut();
        assertThat(badge).hasAttribute("data-state", "reconnecting");
        assertThat(badge).containsText("Reconnecting");
        List<Integer> placedOffline = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placedOffline.add(placed(location, orderOf(List.of(item("Burger " + i, "burgers"))))
                    .jsonPath()
                    .getInt("number"));
        }
        network.restore();

        assertThat(badge).hasAttribute("data-state", "live");
        // back on its WebSocket: failures while offline do not count towards the SSE fallback
        assertThat(badge).hasText("Live");
        for (int number : placedOffline) {
            assertThat(ticket(grill, number)).hasCount(1);
        }
        assertThat(grill.locator(".ticket")).hasCount(6);
        assertThat(ticket(grill, before)).hasCount(1);
        context.close();
    }

    @Test
    void aReloadedScreenShowsEveryTicketOnceAndStaysLive() {
        String location = createLocation();
        int first = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        Page grill = chromium.open(url("/l/" + location + "/kitchen/grill"));
        assertThat(grill.locator("#feed-status")).hasAttribute("data-state", "live");

        grill.reload();

        assertThat(grill.locator("#feed-status")).hasAttribute("data-state", "live");
        assertThat(ticket(grill, first)).hasCount(1);
        int second = placed(location, orderOf(List.of(item("Steak", "burgers"))))
                .jsonPath()
                .getInt("number");
        assertThat(ticket(grill, second)).hasCount(1);
        assertThat(grill.locator(".ticket")).hasCount(2);
        grill.context().close();
    }

    @Test
    void expoRushesAnOrderForEveryScreen() {
        String location = createLocation(true);
        int number = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        Page expo = chromium.open(url("/l/" + location + "/expo"));
        Page grill = chromium.open(url("/l/" + location + "/kitchen/grill"));
        assertThat(grill.locator("#feed-status")).hasAttribute("data-state", "live");

        // by role: once rushed, the ticket also shows a "RUSH" flag, which a text match would find too
        Locator rush = ticket(expo, number).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rush"));
        rush.click();

        assertThat(rush).hasAttribute("aria-pressed", "true");
        assertThat(ticket(grill, number).locator(".rush-flag")).isVisible();
        List.of(expo, grill).forEach(p -> p.context().close());
    }

    @Test
    void aKitchenScreenWarnsWhileSoundIsOffUntilATapEnablesIt() {
        String location = createLocation();
        Page grill = chromium.open(url("/l/" + location + "/kitchen/grill"));
        assertThat(grill.locator("#sound-off")).isVisible();

        grill.locator("#enable-sound").click();

        assertThat(grill.locator("#sound-off")).isHidden();
        assertThat(grill.locator("#enable-sound")).isHidden();
        grill.context().close();
    }

    @Test
    void frontOfHouseFiltersOrdersByServer() {
        String location = createLocation();
        int joes = placed(
                        location,
                        Map.of(
                                "externalId",
                                "joe-" + UUID.randomUUID(),
                                "channel",
                                "DINE_IN",
                                "serverName",
                                "Joe",
                                "items",
                                List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        int anas = placed(
                        location,
                        Map.of(
                                "externalId",
                                "ana-" + UUID.randomUUID(),
                                "channel",
                                "DINE_IN",
                                "serverName",
                                "Ana",
                                "items",
                                List.of(item("Fries", "fries"))))
                .jsonPath()
                .getInt("number");
        Page foh = chromium.open(url("/l/" + location + "/foh"));
        assertThat(ticket(foh, joes)).isVisible();
        assertThat(ticket(foh, anas)).isVisible();

        foh.locator("#server-filter").selectOption("Joe");

        assertThat(ticket(foh, joes)).isVisible();
        assertThat(ticket(foh, anas)).hasCount(0);
        foh.context().close();
    }

    @Test
    void screenFallsBackToServerSentEventsWhenWebSocketsAreBlocked() {
        String location = createLocation();
        BrowserContext context = chromium.context();
        new Network(context).blockWebSockets();
        Page grill = context.newPage();
        grill.navigate(url("/l/" + location + "/kitchen/grill"));

        assertThat(grill.locator("#feed-status")).hasText("Live (SSE)");
        int number = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        assertThat(ticket(grill, number)).isVisible();
        ticket(grill, number).locator(".ticket-header").click();
        assertThat(ticket(grill, number)).hasCount(0);
        context.close();
    }
}
