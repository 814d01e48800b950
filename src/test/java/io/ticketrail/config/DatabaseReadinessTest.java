package io.ticketrail.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Db;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the kubelet's readiness probe (2 s timeout, deploy/base/deployment.yaml) gets from a busy or broken pod. */
@QuarkusTest
class DatabaseReadinessTest {

    /** The probe's timeoutSeconds. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    AgroalDataSource pool;

    @TestHTTPResource("/q/health/ready")
    URI readiness;

    @Test
    void readinessAnswersUpInTimeWhileEveryPooledConnectionIsTaken() throws Exception {
        int size = pool.getConfiguration().connectionPoolConfiguration().maxSize();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest probe =
                HttpRequest.newBuilder(readiness).timeout(PROBE_TIMEOUT).build();
        assertThat(http.send(probe, BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        List<Connection> taken = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                taken.add(pool.getConnection());
            }
            // as the kubelet asks: an answer later than the probe's timeout is a failure
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(probe, BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(took).as("readiness with the pool exhausted").isLessThan(PROBE_TIMEOUT);
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
    }

    @Test
    void aBrokenReadinessConnectionIsReplacedAtTheNextProbe() {
        given().get("/q/health/ready").then().statusCode(200);
        Db.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                + DatabaseReadiness.APPLICATION_NAME + "'");

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
