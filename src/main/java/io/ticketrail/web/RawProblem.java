package io.ticketrail.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** A problem+json answer written by a Vert.x route, before any endpoint runs. */
final class RawProblem {

    private RawProblem() {}

    /** On a connection that then closes (its request body, if any, stays unread); completes once written. */
    static Future<Void> endAndClose(RoutingContext rc, ObjectMapper json, Problem problem) {
        rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        return end(rc, json, problem);
    }

    /** On a connection that stays open for the client's next request. */
    static Future<Void> end(RoutingContext rc, ObjectMapper json, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return rc.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
