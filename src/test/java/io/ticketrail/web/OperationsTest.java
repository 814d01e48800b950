package io.ticketrail.web;

import static io.restassured.RestAssured.given;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What Kubernetes probes and Prometheus scrape. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessIsUpWithTheDatabase() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();

        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getList("checks.name", String.class)).anyMatch(name -> name.contains("Database"));
    }

    /** The three paths deploy/ probes (DeployManifestsTest holds the manifests to exactly these). */
    @ParameterizedTest
    @ValueSource(strings = {"/q/health/started", "/q/health/live", "/q/health/ready"})
    void everyProbedHealthEndpointAnswersUp(String path) {
        assertThat(given().get(path).then().statusCode(200).extract().jsonPath().getString("status")).isEqualTo("UP");
    }

    @Test
    void metricsCountCommandsByTypeAndOutcomeAndTimeThem() {
        placed(createLocation(), burgerAndFries());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern("(?m)^ticketrail_commands_total\\{[^}]*command=\"place\"[^}]*outcome=\"ok\"")
                .containsPattern("(?m)^ticketrail_command_duration_seconds_bucket\\{[^}]*command=\"place\"");
    }
}
