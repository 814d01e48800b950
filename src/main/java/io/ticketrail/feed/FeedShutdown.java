package io.ticketrail.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import org.jboss.logging.Logger;

/**
 * A rolling deploy must not strand a screen. At the very start of shutdown (readiness is already DOWN during the
 * shutdown delay) new upgrades get 503 and open screens are closed with 1001: they reconnect to another instance
 * and resume from their seq. (Their upgrade requests no longer count as in flight: see UpgradedRequests.)
 */
@ApplicationScoped
public class FeedShutdown {

    private static final Logger LOG = Logger.getLogger(FeedShutdown.class);

    @Inject
    FeedDispatcher dispatcher;

    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        closeScreens();
    }

    void shuttingDown(@Observes ShutdownEvent event) {
        closeScreens();
    }

    private void closeScreens() {
        if (dispatcher.isAccepting()) {
            LOG.info("Shutting down: closing screens with 1001 so they resume on another instance");
            dispatcher.shutdown();
        }
    }
}
