package io.ticketrail.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

/** What Kubernetes probes and Prometheus scrape. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessIsUpWithTheDatabase() {
        JsonPath health =
                given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getList("checks.name", String.class)).anyMatch(name -> name.contains("Database"));
    }

    /** The three paths deploy/ probes (DeployManifestsTest holds the manifests to exactly these). */
    @ParameterizedTest
    @ValueSource(strings = {"/q/health/started", "/q/health/live", "/q/health/ready"})
    void everyProbedHealthEndpointAnswersUp(String path) {
        assertThat(given().get(path).then().statusCode(200).extract().jsonPath().getString("status"))
                .isEqualTo("UP");
    }

    @Test
    void metricsCountCommandsByTypeAndOutcomeAndTimeThem() {
        placed(createLocation(), burgerAndFries());

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .containsPattern("(?m)^ticketrail_commands_total\\{[^}]*command=\"place\"[^}]*outcome=\"ok\"")
                .containsPattern("(?m)^ticketrail_command_duration_seconds_bucket\\{[^}]*command=\"place\"");
    }

    /**
     * Issue 12, finding 10: 130 anonymous 415s on raw paths used up Micrometer's 100 URI tags, and real endpoints
     * stopped being counted. An unmatched path is counted as UNKNOWN; an endpoint by its route template.
     */
    @Test
    void requestsAreCountedByRouteTemplateNeverByRawPath() {
        String marker = "probe" + java.util.UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 130; i++) {
            given().contentType("text/plain").body("x").post("/api/v1/locations/" + marker + i + "/orders");
        }
        String location = createLocation();
        placed(location, burgerAndFries());

        io.ticketrail.testsupport.Metrics metrics = io.ticketrail.testsupport.Metrics.scrape();
        assertThat(metrics.samples("http_server_requests_seconds_count"))
                .noneMatch(s -> s.labels().getOrDefault("uri", "").contains(marker));
        assertThat(metrics.sum(
                        "http_server_requests_seconds_count",
                        "uri=/api/v1/locations/{locationId}/orders",
                        "method=POST",
                        "status=201"))
                .isPositive();
    }
}
