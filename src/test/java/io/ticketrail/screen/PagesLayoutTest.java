package io.ticketrail.screen;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.microsoft.playwright.BrowserContext;
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
 * Front of house (a paired tablet with complete and fire-course), the pickup board (a paired board) and the
 * manager screen (a signed-in manager) at the sizes restaurants use, quiet and busy: nothing clipped without a
 * visible "more" marker, no word broken inside itself (Readability). Screenshots go to
 * target/screenshots/&lt;screen&gt;-&lt;load&gt;-&lt;w&gt;x&lt;h&gt;.png; look at them.
 */
@QuarkusTest
class PagesLayoutTest {

    private static final List<int[]> SIZES = Readability.SCREEN_SIZES;

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBusyRestaurantIsReadableOnFrontOfHouseTheBoardAndTheManagerScreen() {
        assertReadable(Kitchens.busy(32), "busy");
    }

    @Test
    void aQuietRestaurantIsReadable() {
        String location = createLocation();
        placed(location, orderOf(List.of(item("Cheeseburger", "burgers"), item("Fries", "fries"))));
        placed(location, orderOf(List.of(item("Steak", "burgers"), item("Veggie burger", "burgers"))));
        assertReadable(location, "quiet");
    }

    private void assertReadable(String location, String load) {
        Map<String, BiFunction<Integer, Integer, BrowserContext>> screens = Map.of(
                "foh", (w, h) -> chromium.pairedScreen(location, "foh", List.of("complete", "fire-course"), w, h),
                "board", (w, h) -> chromium.pairedScreen(location, "board", List.of(), w, h),
                "manager",
                        (w, h) -> {
                            BrowserContext signedIn = chromium.context();
                            signedIn.pages().forEach(Page::close);
                            return signedIn;
                        });
        List<String> summary = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String screen : List.of("foh", "board", "manager")) {
            for (int[] size : SIZES) {
                BrowserContext context = screens.get(screen).apply(size[0], size[1]);
                Page page = context.newPage();
                page.setViewportSize(size[0], size[1]);
                page.navigate(base.resolve("/l/" + location + "/" + screen).toString());
                assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
                if (screen.equals("manager")) {
                    assertThat(page.locator("#speed tbody tr").first()).isVisible();
                    assertThat(page.locator("#late li").first()).isVisible();
                }
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
