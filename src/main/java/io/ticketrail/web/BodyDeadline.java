package io.ticketrail.web;

import java.util.List;
import java.util.Map;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A total deadline on reading a request body. Vert.x only has an idle timeout, which every byte restarts, so a client
 * sending one byte every few seconds would hold its connection (and the request's buffers) for ever; a refusal
 * such as a 429 that leaves the body unread would not end it either. Past the deadline the client gets 408 if no
 * answer went out yet, and the connection is closed either way.
 */
@Singleton
public class BodyDeadline {

    @Inject
    WebConfig config;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(-1050).handler(this::arm);
    }

    void arm(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!request.isEnded() && hasBody(request)) {
            long timeout = config.bodyReadTimeout().toMillis();
            long timer = rc.vertx().setTimer(timeout, id -> expire(rc));
            rc.addEndHandler(done -> {
                if (request.isEnded()) {
                    rc.vertx().cancelTimer(timer);
                }
            });
        }
        rc.next();
    }

    private void expire(RoutingContext rc) {
        if (rc.request().isEnded()) {
            return;
        }
        if (rc.response().headWritten()) {
            rc.request().connection().close();
            return;
        }
        long seconds = config.bodyReadTimeout().toSeconds();
        RawProblem.endAndClose(
                        rc,
                        json,
                        new Problem(
                                "/problems/body-too-slow",
                                "Request body too slow",
                                408,
                                "The body must arrive within " + seconds + " s of the request",
                                List.of(),
                                Map.of("timeout", seconds)))
                .onComplete(written -> rc.request().connection().close());
    }

    /** Upgrades and bodiless requests have neither header; they must never be timed (a feed lives for hours). */
    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.strip().equals("0"))
                || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }
}
