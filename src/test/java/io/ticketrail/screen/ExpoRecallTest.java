package io.ticketrail.screen;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketrail.access.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.command;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.getOrder;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.ok;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Expo, paired with its default rights (ready, recall, fire-course): a ready order moves to the recently-ready
 * strip, from where expo takes it back or sends one item back to its station; Ready at an automatic-ready
 * location; Fire for the next held course.
 */
@QuarkusTest
class ExpoRecallTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    private Page expo(String location) {
        Page page = chromium.pairedScreen(location, "expo", Devices.defaultActions("expo"), 1920, 1080)
                .newPage();
        page.navigate(base.resolve("/l/" + location + "/expo").toString());
        assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
        return page;
    }

    private static Locator inGrid(Page page, int number) {
        return page.locator("#orders article.ticket[data-number='" + number + "']");
    }

    private static Locator inStrip(Page page, int number) {
        return page.locator("#recent-ready li.recent[data-ready-number='" + number + "']");
    }

    @Test
    void aReadyOrderGoesToTheStripWhereExpoTakesItOrOneItemBack() {
        // automatic ready: the last bump makes the order ready without expo
        String location = createLocation(false);
        JsonPath order = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"), item("Fries", "fries"))))
                .jsonPath();
        String id = order.getString("id");
        int number = order.getInt("number");
        String fries = order.getString("items[1].id");
        Page expo = expo(location);

        Locator ready = inGrid(expo, number).locator("button.ready");
        assertThat(ready).hasText("Auto");
        assertThat(ready).isDisabled();

        ok(command(location, id, "stations/grill/bump"));
        ok(command(location, id, "stations/fry/bump"));
        assertThat(inStrip(expo, number)).isVisible();
        assertThat(inGrid(expo, number)).hasCount(0);
        expo.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("expo-recently-ready.png")));

        // the whole order back onto expo: every item done, and now expo's Ready is the way out
        inStrip(expo, number).locator("button.recall-order").click();
        assertThat(inGrid(expo, number)).isVisible();
        assertThat(inStrip(expo, number)).hasCount(0);
        assertThat(getOrder(location, id).jsonPath().getString("status")).isEqualTo("IN_PROGRESS");
        assertThat(inGrid(expo, number).locator("button.ready")).hasText("Ready");
        inGrid(expo, number).locator("button.ready").click();
        assertThat(inStrip(expo, number)).isVisible();

        // one item back to its station
        inStrip(expo, number).locator("button.recall-items").click();
        inStrip(expo, number)
                .locator("button.recall-item", new Locator.LocatorOptions().setHasText("Fries"))
                .click();
        assertThat(inGrid(expo, number)).isVisible();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonPath now = getOrder(location, id).jsonPath();
            assertThat(now.getString("status")).isEqualTo("IN_PROGRESS");
            assertThat(now.getString("items.find { it.id == '" + fries + "' }.status"))
                    .isEqualTo("QUEUED");
        });
        assertThat(expo.locator("#notice")).isHidden();
        expo.context().close();
    }

    @Test
    void expoBumpBarMarksTheSelectedOrderReadyAndRecallsTheNewestReadyOne() {
        String location = createLocation(true);
        JsonPath first = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath();
        JsonPath second =
                placed(location, orderOf(List.of(item("Steak", "burgers")))).jsonPath();
        ok(command(location, first.getString("id"), "stations/grill/bump"));
        ok(command(location, second.getString("id"), "stations/grill/bump"));
        Page expo = expo(location);
        assertThat(inGrid(expo, second.getInt("number")).locator("button.ready"))
                .isEnabled();

        // the bump key marks the selected ticket ready, and only that one
        expo.keyboard().press("2");
        expo.keyboard().press("Enter");
        assertThat(inStrip(expo, second.getInt("number"))).isVisible();
        assertThat(inGrid(expo, first.getInt("number"))).isVisible();
        assertThat(getOrder(location, first.getString("id")).jsonPath().getString("status"))
                .isNotEqualTo("READY");

        // the recall key takes back the order that turned ready last
        expo.keyboard().press("r");
        assertThat(inGrid(expo, second.getInt("number"))).isVisible();
        assertThat(inStrip(expo, second.getInt("number"))).hasCount(0);
        expo.context().close();
    }

    @Test
    void expoFiresTheNextHeldCourseAndAcknowledgesItsNotice() {
        String location = createLocation();
        JsonPath order = placed(location, orderOf(List.of(item("Soup", "burgers", 1), item("Steak", "burgers", 2))))
                .jsonPath();
        int number = order.getInt("number");
        Page expo = expo(location);
        Locator ticket = inGrid(expo, number);
        assertThat(ticket.locator(".held-courses")).hasText("Course 2 held · 1 item");

        ticket.locator("button.fire").click();

        assertThat(ticket.locator(".notice-banner")).containsText("COURSE 2 FIRED");
        assertThat(ticket.locator("button.fire")).hasCount(0);
        assertThat(getOrder(location, order.getString("id")).jsonPath().getList("items.status"))
                .containsExactly("QUEUED", "QUEUED");
        ticket.locator(".notice-banner").click();
        assertThat(ticket.locator(".notice-banner")).hasCount(0);
        assertThat(getOrder(location, order.getString("id")).jsonPath().getList("notices.view"))
                .containsOnly("station:grill");
        expo.context().close();
    }
}
