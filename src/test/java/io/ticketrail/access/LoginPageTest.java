package io.ticketrail.access;

import java.net.URI;
import java.time.Duration;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.ticketrail.screen.Chromium;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;

/** The managers' sign-in and sign-out forms, in a real browser and as plain form posts. */
@QuarkusTest
class LoginPageTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void wrongPasswordIsRefusedAndTheRightOneLandsOnNextThenSignOutEndsTheSession() {
        String location = createLocation();
        BrowserContext context = chromium.anonymousContext();
        Page page = context.newPage();
        page.navigate(base.resolve("/l/" + location + "/manager").toString());
        assertThat(page)
                .hasURL(base.resolve("/login?next=%2Fl%2F" + location + "%2Fmanager")
                        .toString());

        page.locator("#username").fill(Auth.MANAGER);
        page.locator("#password").fill("not-the-password");
        Response refused =
                page.waitForNavigation(() -> page.getByText("Sign in").click());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(page.locator("#login-error")).hasText("Wrong username or password.");
        assertThat(page.locator("#username")).hasValue(Auth.MANAGER);
        assertThat(page.locator("#password")).hasValue("");
        assertThat(context.cookies()).noneMatch(c -> c.name.equals(Presented.SESSION_COOKIE));

        page.locator("#password").fill(Auth.managerPassword());
        page.getByText("Sign in").click();

        assertThat(page).hasURL(base.resolve("/l/" + location + "/manager").toString());
        assertThat(page.locator("#feed-status")).hasAttribute("data-state", "live");
        assertThat(page.locator("a[href='/l/" + location + "/access']")).isVisible();
        String session = context.cookies().stream()
                .filter(c -> c.name.equals(Presented.SESSION_COOKIE))
                .findFirst()
                .orElseThrow()
                .value;
        Auth.as(session).get("/api/v1/session").then().statusCode(200);

        page.navigate(base.toString());
        assertThat(page.locator("a[href='/l/" + location + "/access']")).isVisible();
        page.getByText("Sign out").click();

        assertThat(page).hasURL(base.resolve("/login").toString());
        assertThat(context.cookies()).noneMatch(c -> c.name.equals(Presented.SESSION_COOKIE) && !c.value.isEmpty());
        signedOut(session);
        page.navigate(base.toString());
        assertThat(page.locator("a[href='/pair']")).isVisible();
        assertThat(page.locator("a[href='/login']")).isVisible();
        context.close();
    }

    @Test
    void signOutWithoutTheFormsCsrfFieldChangesNothing() {
        JsonPath session = Auth.newManagerSessionWithCsrf();
        String token = session.getString("token");

        given().cookie(Presented.SESSION_COOKIE, token)
                .contentType(ContentType.URLENC)
                .formParam("submit", "")
                .redirects()
                .follow(false)
                .post("/logout")
                .then()
                .statusCode(403);
        given().cookie(Presented.SESSION_COOKIE, token)
                .contentType(ContentType.URLENC)
                .formParam("csrf", "wrong")
                .redirects()
                .follow(false)
                .post("/logout")
                .then()
                .statusCode(403);
        Auth.as(token).get("/api/v1/session").then().statusCode(200);

        given().cookie(Presented.SESSION_COOKIE, token)
                .contentType(ContentType.URLENC)
                .formParam("csrf", session.getString("csrfToken"))
                .redirects()
                .follow(false)
                .post("/logout")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/login"));
        signedOut(token);
    }

    /** Credentials are cached for a few seconds; the revocation's NOTIFY clears the cache just after commit. */
    private static void signedOut(String token) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Auth.as(token).get("/api/v1/session").statusCode() == 401);
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefused() {
        given().contentType(ContentType.URLENC)
                .header("Origin", "https://evil.example")
                .formParam("username", Auth.MANAGER)
                .formParam("password", Auth.managerPassword())
                .redirects()
                .follow(false)
                .post("/login")
                .then()
                .statusCode(403)
                .header("Set-Cookie", (String) null);
    }

    @Test
    void nextCanOnlyBeAPathOnThisSite() {
        for (String next : new String[] {"https://evil.example/", "//evil.example/", "/\\evil.example"}) {
            given().contentType(ContentType.URLENC)
                    .formParam("username", Auth.MANAGER)
                    .formParam("password", Auth.managerPassword())
                    .formParam("next", next)
                    .redirects()
                    .follow(false)
                    .post("/login")
                    .then()
                    .statusCode(303)
                    .header("Location", base.resolve("/").toString());
        }
    }

    /** Issue 12, finding 8: a right password with next=/a%20b answered 500 after its session row was committed. */
    @Test
    void aNextThatIsNoValidPathGoesHomeAndWritesOneSession() {
        for (String next : new String[] {"/a b", "/ä", "/a\u00a0b", "/%zz", "/a|b"}) {
            long before = Db.sessionsOf(Auth.MANAGER);

            given().contentType(ContentType.URLENC)
                    .formParam("username", Auth.MANAGER)
                    .formParam("password", Auth.managerPassword())
                    .formParam("next", next)
                    .redirects()
                    .follow(false)
                    .post("/login")
                    .then()
                    .statusCode(303)
                    .header("Location", base.resolve("/").toString());

            assertThat(Db.sessionsOf(Auth.MANAGER)).as(next).isEqualTo(before + 1);
        }
    }
}
