package io.ticketrail.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.AppProcess;
import io.ticketrail.testsupport.Instances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application in the prod profile, as a pod runs it: health, metrics and the OpenAPI document answer
 * on the management port only. The gateway routes the public port, so nothing there may reveal them.
 */
@QuarkusTest
class ManagementPortIT extends Instances {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AppProcess app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void healthMetricsAndOpenApiAreOnTheManagementPortOnlyWithoutWarnings() throws Exception {
        app = AppProcess.start("management", Map.of());

        for (String path : List.of("q/metrics", "q/health/ready", "q/health/live", "q/health/started", "q/openapi")) {
            assertThat(status(app.managementUri().resolve(path)))
                    .as("%s on the management port", path)
                    .isEqualTo(200);
            assertThat(status(app.baseUri().resolve(path)))
                    .as("%s on the public port", path)
                    .isEqualTo(404);
        }
        for (String path : List.of("q/swagger-ui/", "q/dev-ui/")) {
            assertThat(status(app.baseUri().resolve(path))).as(path).isEqualTo(404);
            assertThat(status(app.managementUri().resolve(path))).as(path).isEqualTo(404);
        }
        // the public port still serves the application
        assertThat(status(app.baseUri().resolve("login"))).as("the login page").isEqualTo(200);
        // Micrometer used to warn at start-up about URI tags and a gauge registered twice (issue 15): an operator
        // should be able to treat any warning at start-up as a problem
        assertThat(app.logTail(1000).lines().filter(line -> line.contains("\"level\":\"WARN")))
                .as("warnings in the log of a production start")
                .isEmpty();
    }

    private static int status(URI uri) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
