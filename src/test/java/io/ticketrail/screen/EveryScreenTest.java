package io.ticketrail.screen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

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
 * Every screen, quiet and busy (30 tickets): no serious or critical accessibility violation (axe-core, from
 * ui/node_modules), and a screenshot of each under target/screenshots/.
 */
@QuarkusTest
class EveryScreenTest {

    private static final Path AXE = Paths.get("ui", "node_modules", "axe-core", "axe.min.js");
    private static final Map<String, String> SCREENS = Map.of(
            "kitchen", "/kitchen/grill", "expo", "/expo", "foh", "/foh", "manager", "/manager", "board", "/board");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void quietScreens() {
        String location = createLocation();
        placed(location, orderOf(List.of(item("Cheeseburger", "burgers"), item("Fries", "fries"))));
        placed(location, orderOf(List.of(item("Steak", "burgers"))));
        check(location, "quiet");
    }

    @Test
    void busyScreens() {
        check(Kitchens.busy(30), "busy");
    }

    @Test
    void homeListsLocationsAndTheirScreens() {
        String location = createLocation();
        Page home = chromium.open(base.toString());
        assertThat(home.locator("a[href='/l/" + location + "/kitchen/grill']")).isVisible();
        assertThat(home.locator("a[href='/l/" + location + "/kitchen/expo']")).hasCount(0);
        assertNoSeriousViolations(home, "home");
        home.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("home.png")));
        home.context().close();
    }

    private void check(String location, String load) {
        SCREENS.forEach((name, path) -> {
            Page page = chromium.open(base.resolve("/l/" + location + path).toString());
            assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
            if (name.equals("manager")) {
                assertThat(page.locator("#speed tbody tr").first()).isVisible();
            }
            assertNoSeriousViolations(page, name + " (" + load + ")");
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve(name + "-" + load + ".png")));
            page.context().close();
        });
    }

    private static void assertNoSeriousViolations(Page page, String screen) {
        // evaluated through the DevTools protocol: an added <script> tag would be inline script, which the pages'
        // Content-Security-Policy refuses
        try {
            page.evaluate(Files.readString(AXE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object violations = page.evaluate("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)""");
        assertThat((List<?>) violations).as("axe-core on the %s screen", screen).isEmpty();
    }
}
