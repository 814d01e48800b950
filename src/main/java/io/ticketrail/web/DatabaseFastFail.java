package io.ticketrail.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * While the database is known down ({@link DatabaseHealth}), the API and the feed (WebSocket upgrades and SSE)
 * answer 503 {@code /problems/database-unavailable} at once, before any endpoint or credential check waits for a
 * connection. Pages and health are left alone: readiness must go on asking, and a page has its own error.
 */
@Singleton
public class DatabaseFastFail {

    @Inject
    DatabaseHealth health;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        // after the body size and deadline guards, before every endpoint and the feed's upgrade check
        router.route().order(-990).handler(this::failFastWhenDown);
    }

    void failFastWhenDown(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!health.knownDown() || !(path.startsWith("/api/") || path.startsWith("/ws/"))) {
            rc.next();
            return;
        }
        health.fastFailed();
        rc.response().putHeader("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
        if (BodyDeadline.hasBody(rc.request())) {
            // a body we will not read: close after the answer, as for any other early refusal
            RawProblem.endAndClose(rc, json, DatabaseOutage.unavailable());
        } else {
            RawProblem.end(rc, json, DatabaseOutage.unavailable());
        }
    }
}
