package io.ticketrail.screen;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes demand attention: each kind of notice appears on the station it concerns within 2 s, survives a reload
 * and clears on every screen of that station when one of them acknowledges it. Two grill screens and a fry
 * screen, each paired with a cook's real rights.
 */
@QuarkusTest
class NoticeScreenTest {

    /** What a cook must see within: the feed's promise for a change. */
    private static final LocatorAssertions.IsVisibleOptions WITHIN_2S =
            new LocatorAssertions.IsVisibleOptions().setTimeout(2000);

    private static final List<String> COOK = List.of("start", "bump", "recall");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    /** An order of a burger (grill) and fries (fry); its id, number and item ids. */
    private record Placed(String id, int number, List<String> items) {}

    private static Placed place(String location, List<Map<String, Object>> items) {
        Response placed = placed(location, orderOf(items));
        return new Placed(placed.jsonPath().getString("id"), placed.jsonPath().getInt("number"), itemIds(placed));
    }

    private Page screen(String location, String station, int width, int height) {
        Page page = chromium.pairedScreen(location, "station:" + station, COOK, width, height)
                .newPage();
        page.navigate(base.resolve("/l/" + location + "/kitchen/" + station).toString());
        assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
        return page;
    }

    private static Locator ticket(Page page, int number) {
        return page.locator("article.ticket[data-number='" + number + "']");
    }

    private static Locator banner(Page page, int number) {
        return ticket(page, number).locator(".notice-banner");
    }

    /**
     * The whole promise for one change: on both grill screens within 2 s, not on fry, still there after a reload,
     * gone from both once the second grill screen acknowledges it (by a tap, or by the bump bar's ack key).
     */
    private void demandsAttention(
            String location,
            Placed order,
            Runnable change,
            String text,
            Consumer<Locator> onTicket,
            boolean leavesAfterAck,
            boolean byKey) {
        Page grill = screen(location, "grill", 1366, 768);
        Page otherGrill = screen(location, "grill", 1366, 768);
        Page fry = screen(location, "fry", 1366, 768);

        change.run();

        assertThat(banner(grill, order.number())).isVisible(WITHIN_2S);
        assertThat(banner(grill, order.number())).containsText(text);
        assertThat(banner(otherGrill, order.number())).isVisible(WITHIN_2S);
        onTicket.accept(ticket(grill, order.number()));
        grill.reload();
        assertThat(banner(grill, order.number())).containsText(text);
        assertThat(fry.locator(".notice-banner")).hasCount(0);

        if (byKey) {
            String position = otherGrill.locator("article.ticket").all().stream()
                    .filter(t -> String.valueOf(order.number()).equals(t.getAttribute("data-number")))
                    .findFirst()
                    .orElseThrow()
                    .locator(".position")
                    .textContent();
            otherGrill.keyboard().press(position);
            otherGrill.keyboard().press("a");
        } else {
            banner(otherGrill, order.number()).click();
        }

        for (Page page : List.of(otherGrill, grill)) {
            assertThat(banner(page, order.number())).hasCount(0);
            assertThat(ticket(page, order.number())).hasCount(leavesAfterAck ? 0 : 1);
        }
        grill.reload();
        assertThat(grill.locator("#feed-status")).hasAttribute("data-state", "live");
        assertThat(banner(grill, order.number())).hasCount(0);
        assertThat(getOrder(location, order.id()).jsonPath().getList("notices.view"))
                .as("expo's notice stays for expo")
                .containsOnly("expo");
        grill.context().close();
        otherGrill.context().close();
        fry.context().close();
    }

    @Test
    void anAddedItemShowsUntilTheBumpBarsAckKey() {
        String location = createLocation();
        Placed order = place(location, List.of(item("Cheeseburger", "burgers"), item("Fries", "fries")));

        demandsAttention(
                location,
                order,
                () -> ok(command(
                        location,
                        order.id(),
                        "items",
                        Map.of("items", List.of(Map.of("name", "Onion rings", "qty", 2, "category", "burgers"))))),
                "+ ADDED: 2 Onion rings",
                ticket -> assertThat(ticket).containsText("Onion rings"),
                false,
                true);
    }

    @Test
    void aVoidedLineShowsItsReasonWithoutTheAllergyBox() {
        String location = createLocation();
        Map<String, Object> ribeye = new HashMap<>(item("Ribeye", "burgers"));
        ribeye.put("allergens", List.of("sesame"));
        Placed order = place(location, List.of(ribeye, item("Cheeseburger", "burgers"), item("Fries", "fries")));

        demandsAttention(
                location,
                order,
                () -> ok(command(
                        location,
                        order.id(),
                        "items/" + order.items().get(0) + "/void",
                        Map.of("reason", "guest changed mind"))),
                "VOID: Ribeye — guest changed mind",
                ticket -> {
                    Locator line =
                            ticket.locator("[data-item-id='" + order.items().get(0) + "']");
                    assertThat(line).containsText("guest changed mind");
                    assertThat(line.locator(".allergens")).hasCount(0);
                    assertThat(ticket).not().hasClass(Pattern.compile("\\bgone\\b"));
                },
                false,
                false);
    }

    @Test
    void voidingTheLastGrillItemLeavesAVoidCardUntilAcknowledged() {
        String location = createLocation();
        Placed order = place(location, List.of(item("Cheeseburger", "burgers"), item("Fries", "fries")));

        demandsAttention(
                location,
                order,
                () -> ok(command(
                        location, order.id(), "items/" + order.items().get(0) + "/void", Map.of("reason", "86'd"))),
                "VOID: Cheeseburger — 86'd",
                ticket -> {
                    assertThat(ticket).hasClass(Pattern.compile("\\bgone-void\\b"));
                    assertThat(ticket.locator(".gone-label")).containsText("VOID");
                },
                true,
                false);
    }

    @Test
    void aCancelledOrderLeavesACancelledCardUntilAcknowledged() {
        String location = createLocation();
        Placed order = place(location, List.of(item("Cheeseburger", "burgers"), item("Fries", "fries")));
        // the fries are out: the fry station has nothing of this order to stop
        ok(command(location, order.id(), "stations/fry/bump"));

        demandsAttention(
                location,
                order,
                () -> ok(command(location, order.id(), "cancel", Map.of("reason", "walked out"))),
                "CANCELLED — walked out",
                ticket -> {
                    assertThat(ticket).hasClass(Pattern.compile("\\bgone-cancelled\\b"));
                    // nothing to bump
                    assertThat(ticket.locator("button.ticket-header")).hasCount(0);
                },
                true,
                false);
    }

    @Test
    void aFiredCourseBringsItsTicketWithABanner() {
        String location = createLocation();
        Placed order = place(
                location,
                List.of(item("Fries", "fries", 1), item("Steak", "burgers", 2), item("Sundae", "burgers", 3)));
        Page grill = screen(location, "grill", 1366, 768);
        // held only: no slot on the grill
        assertThat(ticket(grill, order.number())).hasCount(0);
        grill.context().close();

        demandsAttention(
                location,
                order,
                () -> ok(command(location, order.id(), "courses/2/fire")),
                "COURSE 2 FIRED",
                ticket -> {
                    assertThat(ticket.locator(".held-courses")).hasText("Course 3 held · 1 item");
                    assertThat(ticket).containsText("Steak");
                },
                false,
                false);
    }

    /** A banner and a VOID card as a cook sees them; the screenshots are for a person to look at. */
    @Test
    void aBannerAndAVoidCardAreReadableAtKitchenSizes() {
        String location = createLocation();
        Placed added = place(location, List.of(item("Cheeseburger", "burgers"), item("Fries", "fries")));
        Placed voided = place(location, List.of(item("Ribeye 300 g", "burgers"), item("Fries", "fries")));
        Placed plain = place(location, List.of(item("Veggie burger", "burgers")));
        ok(command(
                location,
                added.id(),
                "items",
                Map.of("items", List.of(Map.of("name", "Fries", "qty", 2, "category", "burgers")))));
        ok(command(
                location,
                voided.id(),
                "items/" + voided.items().get(0) + "/void",
                Map.of("reason", "guest changed mind")));
        for (int[] size : new int[][] {{1920, 1080}, {1366, 768}}) {
            Page grill = screen(location, "grill", size[0], size[1]);
            assertThat(banner(grill, added.number())).containsText("+ ADDED: 2 Fries");
            assertThat(ticket(grill, voided.number()).locator(".gone-label")).isVisible();
            assertThat(ticket(grill, plain.number())).isVisible();
            assertThat(Readability.problems(grill))
                    .as("clipped or broken text at %dx%d", size[0], size[1])
                    .isEmpty();
            grill.screenshot(new Page.ScreenshotOptions()
                    .setPath(Chromium.SCREENSHOTS.resolve("kitchen-notices-" + size[0] + "x" + size[1] + ".png")));
            grill.context().close();
        }
    }
}
