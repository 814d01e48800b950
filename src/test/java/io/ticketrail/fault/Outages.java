package io.ticketrail.fault;

import java.time.Duration;
import java.util.Map;
import jakarta.inject.Inject;

import io.restassured.response.Response;
import io.ticketrail.testsupport.Api;
import io.ticketrail.web.DatabaseHealth;
import org.junit.jupiter.api.AfterEach;

import static org.awaitility.Awaitility.await;

/**
 * In-JVM tests whose application reaches PostgreSQL through a proxy they can cut: each names
 * {@link ProxiedDatabaseProfile} itself (Quarkus reads @TestProfile from the test class, not a superclass). Every
 * test leaves the database reachable again.
 */
abstract class Outages {

    /** The readiness check runs every second; a few of them on a busy machine. */
    static final Duration NOTICED = Duration.ofSeconds(5);

    static final DatabaseProxy proxy = ProxiedDatabaseProfile.PROXY;

    @Inject
    DatabaseHealth health;

    /** PostgreSQL stops for the application: connections closed, new ones refused; returns once it noticed. */
    void stopDatabase() {
        proxy.refuse();
        await("the application notices").atMost(NOTICED).until(health::knownDown);
    }

    /** PostgreSQL is back; returns once the application noticed. */
    void startDatabase() {
        proxy.restore();
        await("the application notices").atMost(NOTICED).until(() -> !health.knownDown());
    }

    @AfterEach
    void databaseBack() {
        proxy.restore();
    }

    /**
     * A POS placing an order as it should: the same Idempotency-Key on every try, again after each 503, until the
     * order is taken. Pooled connections broken by the outage may still fail a try or two after the database is
     * back.
     */
    static Response placeRetrying(String location, Map<String, Object> order, String key) {
        Response[] answer = new Response[1];
        await("the order taken")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    answer[0] = place(location, order, key);
                    return answer[0].statusCode() != 503;
                });
        return answer[0];
    }

    static Response place(String location, Map<String, Object> order, String key) {
        return Api.json().header("Idempotency-Key", key).body(order).post(Api.LOCATION + "/orders", location);
    }
}
