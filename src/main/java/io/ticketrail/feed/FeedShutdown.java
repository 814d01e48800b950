package io.ticketrail.feed;

import java.time.Duration;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A rolling deploy must not strand a screen. On SIGTERM (readiness goes DOWN for quarkus.shutdown.delay) new
 * upgrades get 503 at once, but open screens are told to move (1001) only when the delay ends: until the gateway and
 * kube-proxy have dropped this pod, a screen that reconnected could land here again. Then they reconnect to another
 * instance and resume from their seq. (Every screen, WebSocket or SSE, counts as an in-flight request until it is
 * closed (see UpgradedRequests), so Quarkus, which waits for in-flight requests right after the delay, stops its HTTP
 * server only once these closes are out.)
 */
@Singleton
public class FeedShutdown {

    private static final Logger LOG = Logger.getLogger(FeedShutdown.class);

    @Inject
    FeedDispatcher dispatcher;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.shutdown.delay", defaultValue = "0s")
    Duration delay;

    private boolean closed;

    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        LOG.infof("Shutting down: refusing new screens; open ones move to another instance in %s", delay);
        dispatcher.refuseNew();
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> closeScreens());
    }

    void shuttingDown(@Observes ShutdownEvent event) {
        closeScreens();
    }

    private synchronized void closeScreens() {
        if (!closed) {
            closed = true;
            LOG.info("Shutting down: closing screens with 1001 so they resume on another instance");
            dispatcher.shutdown();
        }
    }
}
