package io.ticketrail.screen;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kitchen (grill) and expo screens, paired with their real rights, at the sizes kitchens use, quiet and with a
 * busy kitchen: no text clipped without a visible "continued" marker, no word broken inside itself. Screenshots go
 * to target/screenshots/&lt;screen&gt;-&lt;load&gt;-&lt;w&gt;x&lt;h&gt;.png; look at them.
 */
@QuarkusTest
class LayoutTest {

    private static final List<int[]> SIZES = Readability.SCREEN_SIZES;

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBusyKitchenIsReadableOnEveryScreenSize() {
        String location = Kitchens.busy(32);
        assertReadable(location, "busy", SIZES);
    }

    @Test
    void aQuietKitchenIsReadable() {
        String location = createLocation();
        placed(location, orderOf(List.of(item("Cheeseburger", "burgers"), item("Fries", "fries"))));
        placed(location, orderOf(List.of(item("Steak", "burgers"), item("Veggie burger", "burgers"))));
        assertReadable(location, "quiet", SIZES.subList(0, 2));
    }

    @Test
    void aTicketTallerThanAColumnContinuesInTheNextOneAndALongWordShrinks() {
        String location = createLocation();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Map<String, Object> item = new HashMap<>(item("Dry-aged sirloin number " + i, "burgers"));
            item.put("modifiers", List.of("medium rare", "peppercorn sauce", "no butter"));
            items.add(item);
        }
        // one word longer than a column is wide: it shrinks to fit, it is neither cut nor broken
        placed(location, orderOf(List.of(item("Rindfleischetikettierung", "burgers"))));
        int number = placed(location, orderOf(items)).jsonPath().getInt("number");
        BrowserContext context = chromium.grillScreen(location, 1366, 768);
        Page grill = context.newPage();
        grill.navigate(base.resolve("/l/" + location + "/kitchen/grill").toString());

        Locator continued = grill.locator("[data-continues='" + number + "']");
        assertThat(continued.first()).isVisible();
        int parts = continued.count() + 1;
        assertThat(continued.first().locator(".continued-header"))
                .hasText("#" + number + " continued (2/" + parts + ")");
        assertThat(continued.last().locator(".continued-header"))
                .hasText("#" + number + " continued (" + parts + "/" + parts + ")");
        assertThat(grill.locator("[data-number='" + number + "'] [data-more]")).isVisible();
        for (int i = 1; i <= 6; i++) {
            assertThat(grill.locator("#tickets")
                            .getByText("Dry-aged sirloin number " + i, new Locator.GetByTextOptions().setExact(true)))
                    .isVisible();
        }
        grill.screenshot(
                new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("kitchen-continued-1366x768.png")));
        assertThat(Readability.problems(grill)).isEmpty();
        context.close();
    }

    private void assertReadable(String location, String load, List<int[]> sizes) {
        Map<String, BiFunction<Integer, Integer, BrowserContext>> screens = Map.of(
                "kitchen", (w, h) -> chromium.grillScreen(location, w, h),
                "expo", (w, h) -> chromium.expoScreen(location, w, h));
        Map<String, String> paths = Map.of("kitchen", "/kitchen/grill", "expo", "/expo");
        List<String> summary = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String screen : List.of("kitchen", "expo")) {
            for (int[] size : sizes) {
                BrowserContext context = screens.get(screen).apply(size[0], size[1]);
                Page page = context.newPage();
                page.navigate(base.resolve("/l/" + location + paths.get(screen)).toString());
                assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
                assertThat(page.locator(".ticket").first()).isVisible();
                String name = screen + "-" + load + "-" + size[0] + "x" + size[1];
                page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve(name + ".png")));
                List<String> found = Readability.problems(page);
                summary.add("%s: %d clipped, %d broken words"
                        .formatted(name, Readability.clipped(found), Readability.brokenWords(found)));
                found.forEach(p -> problems.add(name + ": " + p));
                context.close();
            }
        }
        System.out.println("Readability " + load + ":\n  " + String.join("\n  ", summary));
        assertThat(problems).as(String.join("; ", summary)).isEmpty();
    }
}
