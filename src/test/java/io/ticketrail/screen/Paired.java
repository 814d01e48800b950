package io.ticketrail.screen;

import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.restassured.RestAssured;
import io.ticketrail.testsupport.Auth;

/**
 * Screens as a restaurant pairs them, with the rights a manager gives them (Devices.defaultActions), not a
 * manager's session: a front-of-house tablet, a pickup board, a kitchen station.
 */
final class Paired {

    private Paired() {}

    /** A front-of-house tablet: the foh view, complete (Served and its Undo) and fire-course. */
    static String foh(String location) {
        return Auth.pair(location, List.of("foh"), List.of("complete", "fire-course"))
                .token();
    }

    /** A pickup board: the board view, no actions. */
    static String board(String location) {
        return Auth.pair(location, List.of("board"), List.of()).token();
    }

    static String grill(String location) {
        return Auth.pair(location, List.of("station:grill"), List.of("start", "bump", "recall"))
                .token();
    }

    /** A browser profile holding the screen's pairing cookie, as the pairing page leaves it. */
    static BrowserContext context(Chromium chromium, String deviceToken) {
        BrowserContext context = chromium.anonymousContext();
        context.addCookies(
                List.of(new Cookie("trk_device", deviceToken).setUrl("http://localhost:" + RestAssured.port)));
        return context;
    }

    static Page open(Chromium chromium, String deviceToken, String url) {
        Page page = context(chromium, deviceToken).newPage();
        // a script error leaves a screen at "Connecting"; the test log says which
        page.onPageError(error -> System.out.println("Page error on " + url + ": " + error));
        page.navigate(url);
        return page;
    }
}
