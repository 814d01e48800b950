package io.ticketrail.web;

import java.util.List;
import java.util.Map;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body over the configured limit from its Content-Length, before a byte of it is read, with the same
 * problem+json as every other error.
 */
@Singleton
public class BodySizeFilter {

    @Inject
    WebConfig config;

    @Inject
    ObjectMapper json;

    /** The limit in bytes, read once: the configured size converts through a BigInteger on every read. */
    private long limit;

    void install(@Observes Router router) {
        limit = config.maxBodySize().asLongValue();
        router.route().order(-1000).handler(this::limitBodySize);
    }

    void limitBodySize(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > limit) {
            Problem problem = new Problem(
                    "/problems/body-too-large",
                    "Request body too large",
                    413,
                    "The body is " + length + " bytes; the limit is " + limit,
                    List.of(),
                    Map.of("limit", limit));
            RawProblem.endAndClose(rc, json, problem);
            return;
        }
        rc.next();
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
