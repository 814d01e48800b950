package io.ticketrail.screen;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.order;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A grill screen paired with a cook's rights (start, bump, recall): ticket order, bump bar and taps. */
@QuarkusTest
class StationInputTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    private Page grill(String location) {
        Page page = chromium.grillScreen(location, 1920, 1080).newPage();
        page.navigate(base.resolve("/l/" + location + "/kitchen/grill").toString());
        assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
        return page;
    }

    private static Locator ticket(Page page, int number) {
        return page.locator("[data-number='" + number + "']");
    }

    private static int burger(String location) {
        return placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
    }

    private static List<Integer> numbersInOrder(Page page) {
        return page.locator("article.ticket[data-number]").all().stream()
                .map(t -> Integer.parseInt(t.getAttribute("data-number")))
                .toList();
    }

    @Test
    void rushTicketsPlacedLaterComeFirstAndTakeTheFirstKeys() {
        String location = createLocation();
        List<Integer> normal = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            normal.add(burger(location));
        }
        Page grill = grill(location);
        List<Integer> rush = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            rush.add(placed(
                            location,
                            Map.of(
                                    "externalId",
                                    "rush-" + UUID.randomUUID(),
                                    "channel",
                                    "TAKEOUT",
                                    "priority",
                                    "RUSH",
                                    "items",
                                    List.of(item("Steak", "burgers"))))
                    .jsonPath()
                    .getInt("number"));
        }

        assertThat(ticket(grill, rush.get(1))).isVisible();
        List<Integer> expected = new ArrayList<>(rush);
        expected.addAll(normal);
        assertThat(numbersInOrder(grill)).isEqualTo(expected);
        assertThat(ticket(grill, rush.get(0)).locator(".position")).hasText("1");

        // the first bump-bar key is the first rush ticket
        grill.keyboard().press("1");
        grill.keyboard().press("Enter");
        assertThat(ticket(grill, rush.get(0))).hasCount(0);
        grill.context().close();
    }

    @Test
    void theBumpBarBumpsTheSelectedTicketAfterATapOnAnother() {
        String location = createLocation();
        int first = burger(location);
        int second = burger(location);
        int third = burger(location);
        Page grill = grill(location);
        Locator thirdItem = ticket(grill, third).locator("button.item");

        thirdItem.click();
        assertThat(thirdItem).hasClass(Pattern.compile("status-in_progress"));
        grill.keyboard().press("1");
        assertThat(ticket(grill, first)).hasClass(Pattern.compile("\\bselected\\b"));
        grill.keyboard().press("Enter");

        assertThat(ticket(grill, first)).hasCount(0);
        assertThat(ticket(grill, third).locator("button.item")).hasClass(Pattern.compile("status-in_progress"));
        assertThat(ticket(grill, second)).isVisible();

        // Space, the other bump key, after a tap on the first ticket of the page: the selected one, the second
        Locator secondItem = ticket(grill, second).locator("button.item");
        secondItem.click();
        assertThat(secondItem).hasClass(Pattern.compile("status-in_progress"));
        grill.keyboard().press("2");
        assertThat(ticket(grill, third)).hasClass(Pattern.compile("\\bselected\\b"));
        grill.keyboard().press("Space");
        assertThat(ticket(grill, third)).hasCount(0);
        assertThat(ticket(grill, second).locator("button.item")).hasClass(Pattern.compile("status-in_progress"));
        grill.context().close();
    }

    @Test
    void tapsThatRaceAChangeShowNoError() {
        String location = createLocation();
        int number = burger(location);
        String orderId = placed(location, order("other-" + UUID.randomUUID(), List.of(item("Steak", "burgers"))))
                .jsonPath()
                .getString("id");
        Page grill = grill(location);
        Locator item = ticket(grill, number).locator("button.item");
        grill.evaluate("() => { window.__noticeShown = false; new MutationObserver(() => { "
                + "if (!document.getElementById('notice').hidden) { window.__noticeShown = true; } })"
                + ".observe(document.getElementById('notice'), { attributes: true }); }");

        // a double tap: the second tap may reach the server after the first changed the item
        item.dblclick();
        // another cook bumps a ticket just before this screen's tap on it arrives
        Locator other = grill.locator("[data-order-id='" + orderId + "'] .ticket-header");
        grill.route("**/stations/grill/bump", route -> {
            command(location, orderId, "stations/grill/bump").then().statusCode(200);
            route.resume();
        });
        other.click();

        assertThat(grill.locator("[data-order-id='" + orderId + "']")).hasCount(0);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> !(Boolean) grill.evaluate("() => window.__noticeShown")
                        && grill.locator("#notice").isHidden());
        grill.context().close();
    }
}
