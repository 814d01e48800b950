package io.ticketrail.screen;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev mode's promise (README "Run it"): from the home page every screen of a location opens paired, one after the
 * other in the same browser profile. Dev mode itself cannot run under test; this profile turns on what it adds,
 * screens that pair themselves (ticketrail.access.auto-pair-screens).
 */
@QuarkusTest
@TestProfile(DevModePairingTest.AutoPair.class)
class DevModePairingTest {

    public static class AutoPair implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticketrail.access.auto-pair-screens", "true");
        }
    }

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void theHomePageOpensGrillExpoAndFrontOfHouseEachPairedInOneBrowser() {
        String location = createLocation();
        BrowserContext browser = chromium.anonymousContext();
        Page page = browser.newPage();
        page.navigate(base.toString());
        var screens = page.locator("[data-location='" + location + "']");
        assertThat(screens.getByText("Kitchen: Grill")).isVisible();
        assertThat(screens.getByText("Front of house")).isVisible();

        for (String screen : List.of("Kitchen: Grill", "Expo", "Front of house")) {
            page.navigate(base.toString());
            page.locator("[data-location='" + location + "']")
                    .getByText(screen, new com.microsoft.playwright.Locator.GetByTextOptions().setExact(true))
                    .click();
            assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
            assertThat(page.locator("#problem-detail")).hasCount(0);
        }
        assertThat(page).hasURL(base.resolve("/l/" + location + "/foh").toString());

        // every screen opened still works: the first one's pairing was widened, not replaced
        for (String path : List.of("/kitchen/grill", "/expo", "/foh")) {
            Page again = browser.newPage();
            again.navigate(base.resolve("/l/" + location + path).toString());
            assertThat(again.locator("#feed-status")).hasAttribute("data-state", "live");
            assertThat(again).hasURL(base.resolve("/l/" + location + path).toString());
        }
        List<?> devices = Auth.asManager()
                .get("/api/v1/locations/{l}/devices", location)
                .jsonPath()
                .getList("id");
        assertThat(devices).as("one device for the whole browser").hasSize(1);
        assertThat(Auth.asManager()
                        .get("/api/v1/locations/{l}/devices", location)
                        .jsonPath()
                        .getList("[0].views"))
                .containsExactly("station:grill", "expo", "foh");
        browser.close();
    }

    @Test
    void aScreenAManagerPairedIsNotWidenedByItself() {
        String location = createLocation();
        BrowserContext grill = Paired.context(chromium, Paired.grill(location));
        Page page = grill.newPage();

        page.navigate(base.resolve("/l/" + location + "/expo").toString());

        // pairing for expo is a new device of its own (the manager-approved grill keeps its rights)
        assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
        List<?> views = Auth.asManager()
                .get("/api/v1/locations/{l}/devices", location)
                .jsonPath()
                .getList("views");
        assertThat(views).hasSize(2);
        grill.close();
    }
}
