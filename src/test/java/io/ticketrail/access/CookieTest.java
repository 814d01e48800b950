package io.ticketrail.access;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.LOCATION;
import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential cookies against a page of the same site that plants its own: issue 12, finding 7 (any session
 * cookie shadowed the screen's) and the {@code __Host-} names over TLS, which no sibling host or plain-HTTP page
 * can set.
 */
@QuarkusTest
class CookieTest {

    @Test
    void aPlantedSessionCookieDoesNotLockAPairedScreenOut() {
        String location = createLocation();
        Auth.Device screen = Auth.pair(location, List.of("foh"), List.of("complete"));

        given().cookie("trk_session", "x")
                .cookie("trk_device", screen.token())
                .get(LOCATION + "/orders", location)
                .then()
                .statusCode(200);
        given().cookie("trk_session", "trk_ses_" + "A".repeat(43))
                .cookie("trk_device", screen.token())
                .get(LOCATION + "/orders", location)
                .then()
                .statusCode(200);
        // the page, too, is the screen's rather than a redirect to pairing
        given().redirects()
                .follow(false)
                .cookie("trk_session", "x")
                .cookie("trk_device", screen.token())
                .get("/l/{location}/foh", location)
                .then()
                .statusCode(200);
    }

    @Test
    void overTlsTheCookiesAreHostPrefixedAndUnprefixedOnesNeverShadowThem() {
        String location = createLocation();
        JsonPath pairing = given().contentType(ContentType.JSON)
                .post("/api/v1/pairings")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        Auth.asManager()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "code",
                        pairing.getString("code"),
                        "name",
                        "tls",
                        "views",
                        List.of("foh"),
                        "actions",
                        List.of("complete")))
                .post(LOCATION + "/devices", location)
                .then()
                .statusCode(201);

        Response claimed = given().header("X-Forwarded-Proto", "https")
                .contentType(ContentType.JSON)
                .body(Map.of("claim", pairing.getString("claim")))
                .post("/api/v1/pairings/{id}/claim", pairing.getString("pairingId"));

        String token = claimed.then().statusCode(200).extract().path("token");
        assertThat(claimed.headers().getValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("__Host-trk_device=" + token)
                        .contains("Secure")
                        .contains("Path=/")
                        .doesNotContain("Domain"));
        given().header("X-Forwarded-Proto", "https")
                .cookie("__Host-trk_device", token)
                .get(LOCATION + "/orders", location)
                .then()
                .statusCode(200);
        // an unprefixed cookie (planted, or from before) never shadows the __Host- one
        given().header("X-Forwarded-Proto", "https")
                .cookie("__Host-trk_device", token)
                .cookie("trk_device", "x")
                .get(LOCATION + "/orders", location)
                .then()
                .statusCode(200);
        given().header("X-Forwarded-Proto", "https")
                .cookie("__Host-trk_device", token)
                .cookie("trk_session", Auth.managerToken())
                .get("/api/v1/session")
                .then()
                .statusCode(200)
                .body("kind", org.hamcrest.Matchers.equalTo("device"));
    }
}
