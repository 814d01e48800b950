package io.ticketrail.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketrail.testsupport.Api;
import io.ticketrail.testsupport.Auth;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;

/** Every answer carries the security headers; HSTS only over TLS. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void aPageAnAnswerOfTheApiAndAnAssetCarryTheHeaders() {
        String location = createLocation();
        for (Response response : new Response[] {
            given().get("/login"),
            Auth.asManager().get(Api.LOCATION, location),
            Api.anonymous().get(Api.LOCATION, location),
            given().get("/assets/kitchen.js")
        }) {
            assertThat(response.header("Content-Security-Policy"))
                    .isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
                    .contains("script-src 'self';")
                    .doesNotContain("unsafe-inline")
                    .contains("frame-ancestors 'none'");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).isEqualTo("same-origin");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Strict-Transport-Security")).isNull();
        }
    }

    @Test
    void strictTransportSecurityOnlyBehindTls() {
        assertThat(given().header("X-Forwarded-Proto", "https").get("/login").header("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000");
        assertThat(given().header("X-Forwarded-Proto", "http").get("/login").header("Strict-Transport-Security"))
                .isNull();
    }

    @Test
    void quarkusToolsKeepEveryHeaderButThePolicy() {
        Response health = given().get("/q/health");
        assertThat(health.header("Content-Security-Policy")).isNull();
        assertThat(health.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    /** Issue 12, finding 11: the sign-in page (it embeds nothing secret, but pages do) and the session answer. */
    @Test
    void pagesWithTokensAndTheSessionAnswerAreNeverStored() {
        String location = createLocation();
        Auth.Device screen = Auth.pair(location, java.util.List.of("foh"), java.util.List.of("complete"));

        assertThat(given().get("/login").header("Cache-Control")).isEqualTo("no-store");
        assertThat(Auth.as(screen.token()).get("/api/v1/session").header("Cache-Control"))
                .isEqualTo("no-store");
        assertThat(given().cookie("trk_device", screen.token())
                        .get("/l/{location}/foh", location)
                        .header("Cache-Control"))
                .isEqualTo("no-store");
    }

    /** The sign-in answer said locations: null (every location) for a manager of one location. */
    @Test
    void theSignInAnswerNamesALocationManagersLocations() {
        String location = createLocation();
        Auth.Manager manager = Auth.managerOf(location);

        io.restassured.path.json.JsonPath answer = given().contentType("application/json")
                .body(java.util.Map.of("username", manager.username(), "password", manager.password()))
                .post("/api/v1/session")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(answer.getList("locations", String.class)).containsExactly(location);
        assertThat(answer.getString("csrfToken")).isNotBlank();
    }
}
