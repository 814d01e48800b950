package io.ticketrail.access;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.Problems;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.ORDER;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.itemIds;
import static io.ticketrail.testsupport.Api.placed;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A credential that travels in a cookie changes nothing without the page's CSRF token in X-CSRF-Token: a page of
 * another site can make the browser send the cookie, but cannot read the token.
 */
@QuarkusTest
class CsrfTest {

    @Test
    void aManagersCookieCommandNeedsTheSessionsCsrfToken() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());
        String session = Auth.newManagerSession();
        // what the manager's page reads: GETs need no token
        String csrf = cookie(Presented.SESSION_COOKIE, session)
                .get("/api/v1/session")
                .then()
                .statusCode(200)
                .extract()
                .path("csrfToken");
        assertThat(csrf).isNotBlank();

        assertRefusedForCsrf(
                location, () -> cookie(Presented.SESSION_COOKIE, session).post(ORDER + "/cancel", location, order));
        assertRefusedForCsrf(
                location,
                () -> cookie(Presented.SESSION_COOKIE, session)
                        .header(AccessFilter.CSRF_HEADER, csrf.substring(1) + "x")
                        .post(ORDER + "/cancel", location, order));
        assertRefusedForCsrf(
                location,
                () -> cookie(Presented.SESSION_COOKIE, session)
                        .header(AccessFilter.CSRF_HEADER, "")
                        .body(burgerAndFries())
                        .post(LOCATION + "/orders", location));

        Response cancelled = cookie(Presented.SESSION_COOKIE, session)
                .header(AccessFilter.CSRF_HEADER, csrf)
                .post(ORDER + "/cancel", location, order);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.jsonPath().getString("status")).isEqualTo("CANCELLED");
    }

    @Test
    void aScreensCookieBumpNeedsItsCsrfTokenFromThePairing() {
        String location = createLocation();
        Response order = placed(location, burgerAndFries());
        String grillItem = itemIds(order).get(0);
        String path = ORDER + "/items/{item}/bump";
        String orderId = order.jsonPath().getString("id");
        Auth.Device grill = Auth.pair(location, List.of("station:grill"), List.of("bump"));
        String csrf = cookie(Presented.DEVICE_COOKIE, grill.token())
                .get("/api/v1/session")
                .then()
                .statusCode(200)
                .extract()
                .path("csrfToken");

        assertRefusedForCsrf(
                location,
                () -> cookie(Presented.DEVICE_COOKIE, grill.token()).post(path, location, orderId, grillItem));

        cookie(Presented.DEVICE_COOKIE, grill.token())
                .header(AccessFilter.CSRF_HEADER, csrf)
                .post(path, location, orderId, grillItem)
                .then()
                .statusCode(200);
    }

    @Test
    void aBearerTokenNeedsNoCsrfToken() {
        String location = createLocation();
        String order = placedId(location, burgerAndFries());

        Auth.as(Auth.newManagerSession())
                .body(Map.of())
                .post(ORDER + "/cancel", location, order)
                .then()
                .statusCode(200);
    }

    private static RequestSpecification cookie(String name, String token) {
        return given().cookie(name, token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Refused with 403 csrf, and no order and no event written. */
    private static void assertRefusedForCsrf(String location, Supplier<Response> request) {
        assertThat(Problems.problem(Problems.refused(location, request), 403).getString("type"))
                .isEqualTo("/problems/csrf");
    }
}
