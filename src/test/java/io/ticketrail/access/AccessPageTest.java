package io.ticketrail.access;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.ticketrail.screen.Chromium;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;

/** A manager pairs screens and makes POS keys with the access page's plain forms. */
@QuarkusTest
class AccessPageTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URI base;

    @Test
    void approveAScreenAndRevokeIt() {
        String location = createLocation();
        JsonPath pairing = startPairing();
        Page page = chromium.open(base.resolve("/l/" + location + "/access").toString());

        page.locator("#pair-code").fill(pairing.getString("code").toLowerCase());
        page.locator("#screen-name").fill("Fryer screen");
        page.locator("input[name='views'][value='station:fry']").check();
        // ticking the view ticked what a station screen usually may do
        assertThat(page.locator("input[name='actions'][value='bump']")).isChecked();
        assertThat(page.locator("input[name='actions'][value='ready']")).not().isChecked();
        page.getByText("Approve", new Page.GetByTextOptions().setExact(true)).click();

        assertThat(page).hasURL(base.resolve("/l/" + location + "/access").toString());
        assertThat(page.locator("#screens tbody tr")).hasCount(1);
        assertThat(page.locator("#screens tbody tr")).containsText("Fryer screen");
        assertThat(page.locator("#screens tbody tr")).containsText("station:fry");
        assertThat(page.locator("#screens tbody tr")).containsText("start, bump, recall");
        assertThat(page.locator("#screens tbody tr")).containsText("manager:admin");
        String token = claim(pairing).getString("token");
        Auth.as(token).get("/api/v1/session").then().statusCode(200);

        page.getByLabel("Revoke Fryer screen").click();

        assertThat(page.locator("#screens tbody tr")).containsText("REVOKED");
        Auth.as(token).get("/api/v1/session").then().statusCode(401);
        page.context().close();
    }

    @Test
    void aMistypedCodeIsShownAsAnErrorOnThePage() {
        String location = createLocation();
        Page page = chromium.open(base.resolve("/l/" + location + "/access").toString());
        page.locator("#pair-code").fill("QQQQQQ");
        page.locator("input[name='views'][value='expo']").check();
        com.microsoft.playwright.Response answer =
                page.waitForNavigation(() -> page.getByText("Approve", new Page.GetByTextOptions().setExact(true))
                        .click());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(page.locator("#access-error")).containsText("No screen is waiting with code QQQQQQ");
        page.context().close();
    }

    @Test
    void createAKeyWhoseTokenIsShownOnceAndWorksThenRevokeIt() {
        String location = createLocation();
        Page page = chromium.open(base.resolve("/l/" + location + "/access").toString());

        page.locator("#key-name").fill("Counter POS");
        page.getByText("Create key").click();

        assertThat(page.locator("#new-key-token"))
                .hasText(java.util.regex.Pattern.compile("^trk_key_[A-Za-z0-9_-]{43}$"));
        assertThat(page.getByText("will not be shown again")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("access-key-created.png")));
        String token = page.locator("#new-key-token").textContent();
        Auth.as(token)
                .body(burgerAndFries())
                .post(Api.LOCATION + "/orders", location)
                .then()
                .statusCode(201);

        page.navigate(base.resolve("/l/" + location + "/access").toString());
        assertThat(page.locator("#keys tbody tr")).containsText("Counter POS");
        assertThat(page.content()).doesNotContain(token);

        page.getByLabel("Revoke Counter POS").click();

        assertThat(page.locator("#keys tbody tr")).containsText("REVOKED");
        Auth.as(token)
                .body(burgerAndFries())
                .post(Api.LOCATION + "/orders", location)
                .then()
                .statusCode(401);
        page.context().close();
    }

    /** Issue 16: a key for a delivery platform that follows the kitchen and may do nothing else. */
    @Test
    void createAnIntegrationKeyThatMayOnlyReadEvents() {
        String location = createLocation();
        Page page = chromium.open(base.resolve("/l/" + location + "/access").toString());

        page.locator("#key-name").fill("Delivery app");
        page.locator("input[name='scopes'][value='read-events']").check();
        page.getByText("Create key").click();

        String token = page.locator("#new-key-token").textContent();
        assertThat(page.locator("#keys tbody tr")).containsText("Delivery app");
        assertThat(page.locator("#keys tbody tr")).containsText("read-events");
        page.screenshot(
                new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("access-integration-key.png")));
        Auth.as(token).get(Api.LOCATION + "/events", location).then().statusCode(200);
        Auth.as(token)
                .body(burgerAndFries())
                .post(Api.LOCATION + "/orders", location)
                .then()
                .statusCode(403);
        Auth.as(token).get(Api.LOCATION + "/orders", location).then().statusCode(403);
        page.context().close();
    }

    @Test
    void anUnknownScopeIsRefusedAndCreatesNoKey() {
        String location = createLocation();

        Auth.asManager()
                .body(Map.of("name", "Delivery app", "scopes", List.of("read-events", "cook")))
                .post(Api.LOCATION + "/api-keys", location)
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("scopes"));
        Auth.asManager()
                .body(Map.of("name", "Delivery app", "scopes", List.of()))
                .post(Api.LOCATION + "/api-keys", location)
                .then()
                .statusCode(400);

        assertThat(Auth.asManager()
                        .get(Api.LOCATION + "/api-keys", location)
                        .jsonPath()
                        .getList("name"))
                .isEmpty();
    }

    @Test
    void aFormPostWithoutTheRightCsrfFieldIsRefusedAndChangesNothing() {
        String location = createLocation();
        JsonPath pairing = startPairing();
        String keyToken = Auth.apiKey(location);
        String keyId = Auth.asManager()
                .get(Api.LOCATION + "/api-keys", location)
                .jsonPath()
                .getString("[0].id");

        for (String csrf : new String[] {null, "", "not-the-token"}) {
            form(csrf)
                    .formParam("name", "Sneaky POS")
                    .post("/l/{l}/access/api-keys", location)
                    .then()
                    .statusCode(403);
            form(csrf)
                    .formParam("code", pairing.getString("code"))
                    .formParam("views", "expo")
                    .post("/l/{l}/access/devices", location)
                    .then()
                    .statusCode(403);
            form(csrf)
                    .post("/l/{l}/access/api-keys/{k}/revoke", location, keyId)
                    .then()
                    .statusCode(403);
        }

        assertThat(Auth.asManager()
                        .get(Api.LOCATION + "/api-keys", location)
                        .jsonPath()
                        .getList("name"))
                .containsExactly("test POS");
        Auth.as(keyToken).get(Api.LOCATION, location).then().statusCode(200);
        assertThat(Auth.asManager()
                        .get(Api.LOCATION + "/devices", location)
                        .jsonPath()
                        .getList("id"))
                .isEmpty();
        // the code still waits for a manager
        Auth.asManager()
                .body(Map.of("code", pairing.getString("code"), "views", List.of("expo"), "actions", List.of()))
                .post(Api.LOCATION + "/devices", location)
                .then()
                .statusCode(201);
    }

    @Test
    void aScreenGivenTheManagerViewMayNotOpenTheAccessPage() {
        String location = createLocation();
        Auth.Device device = Auth.pair(location, List.of("manager"), List.of("start"));
        given().cookie(Presented.DEVICE_COOKIE, device.token())
                .redirects()
                .follow(false)
                .get("/l/{l}/access", location)
                .then()
                .statusCode(403);
    }

    /**
     * A form post as the signed-in test manager's browser: the session cookie, and the csrf field if any (a field
     * of no meaning otherwise, so the body is a form either way, as a browser's is).
     */
    private static RequestSpecification form(String csrf) {
        RequestSpecification request = given().cookie(Presented.SESSION_COOKIE, Auth.managerToken())
                .contentType(ContentType.URLENC)
                .redirects()
                .follow(false);
        return csrf == null ? request.formParam("submit", "") : request.formParam("csrf", csrf);
    }

    private static JsonPath startPairing() {
        return given().contentType(ContentType.JSON)
                .post("/api/v1/pairings")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static JsonPath claim(JsonPath pairing) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("claim", pairing.getString("claim")))
                .post("/api/v1/pairings/{id}/claim", pairing.getString("pairingId"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
