package io.ticketrail.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * From SIGTERM on (quarkus.shutdown.delay) this instance still answers every request, but tells HTTP/1.1 clients to
 * close the connection after the answer. A keep-alive connection that kube-proxy or a gateway pinned to this pod
 * would otherwise carry a request after the server has closed, and a POS's POST is never retried; on a new
 * connection it reaches a pod that stays.
 */
@Singleton
public class DrainConnections {

    private volatile boolean draining;

    void install(@Observes Router router) {
        router.route().order(-1090).handler(this::closeWhenDraining);
    }

    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
    }

    void closeWhenDraining(RoutingContext rc) {
        // a WebSocket upgrade answers with Connection: Upgrade; it is refused while draining anyway
        if (rc.request().version() == HttpVersion.HTTP_1_1 && rc.request().getHeader(HttpHeaders.UPGRADE) == null) {
            rc.addHeadersEndHandler(v -> {
                if (draining) {
                    rc.response().headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                }
            });
        }
        rc.next();
    }
}
