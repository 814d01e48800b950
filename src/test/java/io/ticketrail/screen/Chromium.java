package io.ticketrail.screen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Cookie;
import io.ticketrail.access.Presented;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's chromium (.ci/run installs it), driven by Playwright, which never downloads a browser of its own here.
 * One browser per test class ({@code @RegisterExtension static final Chromium chromium = new Chromium();}); each
 * test opens its own contexts, so cookies and sessionStorage never leak between tests. A test fails when any page
 * it opened reported a Content-Security-Policy violation (an inline script or style the headers forbid).
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");
    /** Where the tests save screenshots; the busy ones are committed under docs/screenshots/. */
    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private Playwright playwright;
    private Browser browser;
    /** Console messages about CSP violations; Playwright delivers them on the test's own thread. */
    private final List<String> cspViolations = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext extension) {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: apt-get install -y chromium (.ci/run does)");
        }
        // a screen may need a second connection attempt (the feed client gives a handshake 5 s to bring its first
        // message) on a machine busy with the rest of the build
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(EXECUTABLE)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync",
                                "--disable-quic",
                                "--no-first-run")));
    }

    /**
     * A fresh browser profile with a 1080p screen, as a kitchen display has, signed in as the test manager (the
     * session cookie a sign-in sets), so every screen page opens.
     */
    public BrowserContext context() {
        BrowserContext context = anonymousContext();
        context.addCookies(List.of(new Cookie("trk_session", Auth.managerToken()).setUrl(baseUrl())));
        return context;
    }

    /**
     * A fresh profile of a screen paired for {@code view} ("station:grill", "expo") with exactly {@code actions}
     * (its real, limited rights), at the given screen size: its device cookie is what pairing leaves in a browser.
     */
    public BrowserContext pairedScreen(
            String location, String view, List<String> actions, int width, int height, String... otherOrigins) {
        BrowserContext context = anonymousContext(width, height);
        String token = Auth.pair(location, List.of(view), actions).token();
        List<Cookie> cookies = new ArrayList<>(List.of(new Cookie(Presented.DEVICE_COOKIE, token).setUrl(baseUrl())));
        // the same screen reached another way (through a proxy in front of the app)
        for (String origin : otherOrigins) {
            cookies.add(new Cookie(Presented.DEVICE_COOKIE, token).setUrl(origin));
        }
        context.addCookies(cookies);
        return context;
    }

    /** A grill screen with a cook's rights (start, bump, recall). */
    public BrowserContext grillScreen(String location, int width, int height) {
        return pairedScreen(location, "station:grill", List.of("start", "bump", "recall"), width, height);
    }

    /** An expo screen with expo's rights (ready, recall). */
    public BrowserContext expoScreen(String location, int width, int height) {
        return pairedScreen(location, "expo", List.of("ready", "recall"), width, height);
    }

    /** A fresh profile with no credential: what a new screen has before it is paired. */
    public BrowserContext anonymousContext() {
        return anonymousContext(1920, 1080);
    }

    private BrowserContext anonymousContext(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.setDefaultTimeout(15_000);
        context.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                cspViolations.add(message.location() + ": " + message.text());
            }
        });
        return context;
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        cspViolations.clear();
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        assertThat(cspViolations)
                .as("Content-Security-Policy violations on the pages this test opened")
                .isEmpty();
    }

    private static String baseUrl() {
        return "http://localhost:" + io.restassured.RestAssured.port;
    }

    public Page open(String url) {
        Page page = context().newPage();
        page.navigate(url);
        return page;
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        browser.close();
        playwright.close();
    }
}
