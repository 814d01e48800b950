package io.ticketrail.access;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.screen.Chromium;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A new screen in a real browser: it shows a code, a manager approves it, it opens; revoked, it says so. */
@QuarkusTest
class PairingPageTest {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{6}");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void newScreenShowsACodeOpensOnceApprovedAndGoesBackToPairingWhenRevoked() {
        String location = createLocation();
        int number = placed(location, orderOf(List.of(item("Cheeseburger", "burgers"))))
                .jsonPath()
                .getInt("number");
        BrowserContext context = chromium.anonymousContext();
        Page screen = context.newPage();
        screen.navigate(base.resolve("/l/" + location + "/kitchen/grill").toString());

        assertThat(screen).hasURL(Pattern.compile("/pair\\?next=%2Fl%2F" + location + "%2Fkitchen%2Fgrill$"));
        assertThat(screen.locator("#pairing")).hasAttribute("data-code", CODE);
        assertThat(screen.locator("#access-address")).containsText("/l/" + location + "/access");
        assertThat(screen.locator("#expires")).containsText(Pattern.compile("Code good for 1?[0-9]:[0-5][0-9]"));
        String code = screen.locator("#pairing").getAttribute("data-code");
        assertThat(screen.locator("#code")).hasText(code);
        screen.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("pair.png")));

        // a grill screen that may start and bump, but not recall
        String deviceId = Auth.asManager()
                .body(Map.of(
                        "code",
                        code,
                        "name",
                        "Grill by the pass",
                        "views",
                        List.of("station:grill"),
                        "actions",
                        List.of("start", "bump")))
                .post(Api.LOCATION + "/devices", location)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        assertThat(screen)
                .hasURL(base.resolve("/l/" + location + "/kitchen/grill").toString());
        assertThat(screen.locator("[data-number='" + number + "']")).containsText("Cheeseburger");
        assertThat(screen.locator("#feed-status")).hasAttribute("data-state", "live");
        assertThat(screen.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ready")))
                .hasCount(0);
        assertThat(screen.locator("#recall")).isHidden();
        Cookie cookie = context.cookies().stream()
                .filter(c -> c.name.equals(Presented.DEVICE_COOKIE))
                .findFirst()
                .orElseThrow();
        assertThat(cookie.httpOnly).isTrue();
        assertThat(cookie.sameSite).hasToString("STRICT");

        Auth.asManager()
                .delete(Api.LOCATION + "/devices/{id}", location, deviceId)
                .then()
                .statusCode(204);

        // Playwright is not thread-safe, so Awaitility polls on this thread; isVisible() asks the browser each time
        await().atMost(Duration.ofSeconds(5))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(100))
                .until(() -> screen.locator("#pairing #revoked").isVisible());
        assertThat(screen).hasURL(Pattern.compile("/pair\\?next=%2Fl%2F" + location + "%2Fkitchen%2Fgrill&revoked=1$"));
        assertThat(screen.locator("#revoked")).hasText("This screen's access was revoked — pair it again.");
        assertThat(screen.locator("#pairing")).hasAttribute("data-code", CODE);
        assertThat(screen.locator("#pairing")).hasAttribute("data-next", "/l/" + location + "/kitchen/grill");
        context.close();
    }

    @Test
    void aReloadKeepsTheSameCode() {
        BrowserContext context = chromium.anonymousContext();
        Page screen = context.newPage();
        screen.navigate(base.resolve("/pair").toString());
        assertThat(screen.locator("#pairing")).hasAttribute("data-code", CODE);
        String code = screen.locator("#pairing").getAttribute("data-code");

        screen.reload();

        assertThat(screen.locator("#pairing")).hasAttribute("data-code", code);
        context.close();
    }

    @Test
    void pairedScreenWithoutANextOpensItsFirstView() {
        String location = createLocation();
        BrowserContext context = chromium.anonymousContext();
        Page screen = context.newPage();
        screen.navigate(base.resolve("/pair").toString());
        assertThat(screen.locator("#pairing")).hasAttribute("data-code", CODE);

        Auth.asManager()
                .body(Map.of(
                        "code",
                        screen.locator("#pairing").getAttribute("data-code"),
                        "views",
                        List.of("board"),
                        "actions",
                        List.of()))
                .post(Api.LOCATION + "/devices", location)
                .then()
                .statusCode(201);

        assertThat(screen).hasURL(base.resolve("/l/" + location + "/board").toString());
        assertThat(screen.locator("#feed-status")).hasAttribute("data-state", "live");
        screen.navigate(base.toString());
        assertThat(screen.locator("a[href='/l/" + location + "/board']")).isVisible();
        assertThat(screen.locator("a[href='/l/" + location + "/expo']")).hasCount(0);
        assertThat(screen.locator("a[href='/l/" + location + "/access']")).hasCount(0);
        context.close();
    }
}
