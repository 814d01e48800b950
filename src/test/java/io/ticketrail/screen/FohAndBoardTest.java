package io.ticketrail.screen;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Front of house as a paired tablet (foh view; complete and fire-course) and the pickup board as a paired board,
 * against the real server: what a server and a guest read, and what a tap does.
 */
@QuarkusTest
class FohAndBoardTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    private String url(String location, String page) {
        return base.resolve("/l/" + location + page).toString();
    }

    private static Locator card(Page page, int number) {
        return page.locator("#orders [data-number='" + number + "']");
    }

    @Test
    void readyOrdersComeFirstWithHowLongTheyWaitAndOnlyTheyCanBeServed() {
        String location = createLocation();
        Instant promised = Instant.now().plus(40, ChronoUnit.MINUTES);
        int cooking = number(location, place(location, "DINE_IN", "NORMAL", null, item("Steak", "burgers")));
        int rush = number(location, place(location, "TAKEOUT", "RUSH", promised, item("Cheeseburger", "burgers")));
        String readyId = place(location, "DINE_IN", "NORMAL", null, item("Fries", "fries"));
        ok(command(location, readyId, "stations/fry/bump"));
        // ready four minutes ago: the server reads the same
        Db.execute("update kitchen_order set ready_at = now() - interval '4 minutes' where id = '" + readyId + "'");
        int ready = number(location, readyId);

        Page foh = Paired.open(chromium, Paired.foh(location), url(location, "/foh"));

        assertThat(foh.locator("#orders .foh-order")).hasCount(3);
        List<String> shown = foh.locator("#orders .foh-order").evaluateAll("cards => cards.map(c => c.dataset.number)")
                        instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
        assertThat(shown).containsExactly(String.valueOf(ready), String.valueOf(cooking), String.valueOf(rush));
        assertThat(card(foh, ready).locator(".status-pill")).hasText("Ready for 4 min");
        assertThat(card(foh, ready).getByText("Served")).isVisible();
        assertThat(foh.locator("#orders button.ready")).hasCount(1);
        assertThat(card(foh, cooking).locator("button")).hasCount(0);
        assertThat(card(foh, rush).locator(".rush-flag")).hasText("RUSH");
        String local = DateTimeFormatter.ofPattern("HH:mm")
                .withZone(ZoneId.of("Europe/Berlin"))
                .format(promised);
        assertThat(card(foh, rush).locator(".promised")).hasText("Promised " + local);
        foh.context().close();
    }

    @Test
    void undoAfterServedBringsTheOrderBackOnFrontOfHouseAndTheBoard() {
        String location = createLocation();
        String id = place(location, "TAKEOUT", "NORMAL", null, item("Fries", "fries"));
        ok(command(location, id, "stations/fry/bump"));
        int number = number(location, id);
        Page foh = Paired.open(chromium, Paired.foh(location), url(location, "/foh"));
        Page board = Paired.open(chromium, Paired.board(location), url(location, "/board"));
        assertThat(board.locator("#ready [data-number='" + number + "']")).isVisible();

        card(foh, number).getByText("Picked up").click();

        assertThat(card(foh, number)).hasCount(0);
        assertThat(board.locator("#ready [data-number='" + number + "']")).hasCount(0);
        Locator undo = foh.getByRole(
                com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Undo picked up for order " + number));
        assertThat(undo).isVisible();
        // a reload within the window keeps the Undo
        foh.reload();
        assertThat(undo).isVisible();

        undo.click();

        assertThat(card(foh, number)).hasAttribute("data-status", "ready");
        assertThat(undo).hasCount(0);
        assertThat(board.locator("#ready [data-number='" + number + "']")).isVisible();
        assertThat(getOrder(location, id).jsonPath().getString("status")).isEqualTo("READY");
        assertThat(Db.events(location)).extracting(Db.Event::type).endsWith("ORDER_COMPLETED", "ORDER_REOPENED");
        List.of(foh, board).forEach(p -> p.context().close());
    }

    @Test
    void fireSendsTheNextHeldCourseToTheKitchen() {
        String location = createLocation();
        String id = place(
                location,
                "DINE_IN",
                "NORMAL",
                null,
                item("Soup", "burgers", 1),
                item("Brownie", "burgers", 2),
                item("Sorbet", "burgers", 2),
                item("Coffee", "burgers", 3));
        int number = number(location, id);
        Page foh = Paired.open(chromium, Paired.foh(location), url(location, "/foh"));
        assertThat(card(foh, number).locator(".held-line")).hasText("Course 2 held · 2 items");

        card(foh, number).getByText("Fire course 2").click();

        assertThat(card(foh, number).getByText("Fire course 3")).isVisible();
        assertThat(getOrder(location, id).jsonPath().getList("items.status"))
                .containsExactly("QUEUED", "QUEUED", "QUEUED", "HELD");
        foh.context().close();
    }

    @Test
    void aTabletWithoutTheRightsShowsNoButtons() {
        String location = createLocation();
        String id = place(location, "DINE_IN", "NORMAL", null, item("Fries", "fries"), item("Brownie", "burgers", 2));
        ok(command(location, id, "stations/fry/bump"));
        String readOnly = io.ticketrail.testsupport.Auth.pair(location, List.of("foh"), List.of())
                .token();

        Page foh = Paired.open(chromium, readOnly, url(location, "/foh"));

        assertThat(card(foh, number(location, id))).isVisible();
        assertThat(foh.locator("#orders button")).hasCount(0);
        foh.context().close();
    }

    @Test
    void theHeaderStaysOnOneLineOnA1024Tablet() {
        String location = createLocation();
        place(location, "DINE_IN", "NORMAL", null, item("Fries", "fries"));
        Page foh = Paired.open(chromium, Paired.foh(location), url(location, "/foh"));
        foh.setViewportSize(1024, 768);
        assertThat(foh.locator("#feed-status")).hasAttribute("data-state", "live");

        Object rows = foh.evaluate("""
                () => new Set([...document.querySelectorAll('header.bar > *, header.bar .bar-controls > *')]
                    .filter(e => e.offsetParent !== null && !e.classList.contains('bar-controls'))
                    .map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)))
                    .size""");
        Object barHeight = foh.evaluate("() => document.querySelector('header.bar').getBoundingClientRect().height");
        assertThat(((Number) barHeight).doubleValue())
                .as("header height at 1024 px")
                .isLessThan(80);
        assertThat(((Number) rows).intValue())
                .as("distinct rows of header items")
                .isLessThanOrEqualTo(2);
        foh.context().close();
    }

    @Test
    void theBoardShowsCounterChannelsOnly() {
        String location = createLocation();
        Map<String, Integer> numbers = new HashMap<>();
        for (String channel : List.of("DINE_IN", "TAKEOUT", "PICKUP", "DELIVERY", "DRIVE_THRU")) {
            String id = place(location, channel, "NORMAL", null, item("Fries", "fries"));
            numbers.put(channel, number(location, id));
            if (!channel.equals("PICKUP")) {
                ok(command(location, id, "stations/fry/bump"));
            }
        }

        Page board = Paired.open(chromium, Paired.board(location), url(location, "/board"));

        assertThat(board.locator("#ready [data-number]")).hasCount(2);
        assertThat(board.locator("#ready [data-number='" + numbers.get("TAKEOUT") + "']"))
                .isVisible();
        assertThat(board.locator("#ready [data-number='" + numbers.get("DELIVERY") + "']"))
                .isVisible();
        assertThat(board.locator("#preparing [data-number]")).hasCount(1);
        assertThat(board.locator("#preparing [data-number='" + numbers.get("PICKUP") + "']"))
                .isVisible();
        board.context().close();
    }

    @Test
    void aFullBoardShowsTheNewestReadyNumbersAndCountsTheRest() {
        String location = createLocation();
        for (int i = 0; i < 60; i++) {
            String id = place(location, "TAKEOUT", "NORMAL", null, item("Fries", "fries"));
            ok(command(location, id, "stations/fry/bump"));
        }
        // the oldest ready first: number n turned ready 60 - n seconds ago
        Db.execute(
                "update kitchen_order set ready_at = now() - make_interval(secs => 60 - number) where location_id = '"
                        + location + "'");
        Page board = Paired.open(chromium, Paired.board(location), url(location, "/board"));

        Locator more = board.locator("#ready [data-more]");
        assertThat(more).isVisible();
        int shown = board.locator("#ready [data-number]").count();
        assertThat(shown).isBetween(1, 59);
        assertThat(more).hasText("+" + (60 - shown) + " more");
        assertThat(board.locator("#ready [data-number='60']")).isInViewport();
        assertThat(board.locator("#ready [data-number]").first()).hasAttribute("data-number", "60");
        assertThat(board.locator("#ready [data-number='1']")).hasCount(0);
        board.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("board-60-ready.png")));
        board.context().close();
    }

    @Test
    void aReadyNumberLeavesTheBoardAfterItsTime() {
        String location = createLocation();
        String fresh = place(location, "TAKEOUT", "NORMAL", null, item("Fries", "fries"));
        String old = place(location, "TAKEOUT", "NORMAL", null, item("Fries", "fries"));
        ok(command(location, fresh, "stations/fry/bump"));
        ok(command(location, old, "stations/fry/bump"));
        // ticketrail.screens.board.ready-shown-for is 15 minutes
        Db.execute("update kitchen_order set ready_at = now() - interval '16 minutes' where id = '" + old + "'");

        Page board = Paired.open(chromium, Paired.board(location), url(location, "/board"));
        Page foh = Paired.open(chromium, Paired.foh(location), url(location, "/foh"));

        assertThat(board.locator("#ready [data-number='" + number(location, fresh) + "']"))
                .isVisible();
        assertThat(board.locator("#ready [data-number='" + number(location, old) + "']"))
                .hasCount(0);
        // front of house still has it: someone has to hand it over
        assertThat(card(foh, number(location, old))).hasAttribute("data-status", "ready");
        List.of(board, foh).forEach(p -> p.context().close());
    }

    @Test
    void thePromisedTimeIsOnTheBoardAndOnExpo() {
        String location = createLocation();
        Instant promised = Instant.now().plus(25, ChronoUnit.MINUTES);
        int number = number(location, place(location, "PICKUP", "NORMAL", promised, item("Fries", "fries")));

        Page board = Paired.open(chromium, Paired.board(location), url(location, "/board"));
        Page expo = chromium.expoScreen(location, 1920, 1080).newPage();
        expo.navigate(url(location, "/expo"));

        String local = DateTimeFormatter.ofPattern("HH:mm")
                .withZone(ZoneId.of("Europe/Berlin"))
                .format(promised);
        assertThat(board.locator("#preparing [data-number='" + number + "'] .promised"))
                .hasText("Promised " + local);
        assertThat(expo.locator("[data-number='" + number + "'] .promised")).hasText("Promised " + local);
        List.of(board, expo).forEach(p -> p.context().close());
    }

    @SafeVarargs
    private static String place(
            String location, String channel, String priority, Instant promisedAt, Map<String, Object>... items) {
        Map<String, Object> order = new HashMap<>();
        order.put("externalId", "pos-" + UUID.randomUUID());
        order.put("channel", channel);
        order.put("priority", priority);
        order.put("customerName", "Ana");
        if (channel.equals("DINE_IN")) {
            order.put("table", "7");
        }
        if (promisedAt != null) {
            order.put("promisedAt", promisedAt.toString());
        }
        order.put("items", List.of(items));
        return placed(location, order).jsonPath().getString("id");
    }

    private static int number(String location, String orderId) {
        return getOrder(location, orderId).jsonPath().getInt("number");
    }
}
