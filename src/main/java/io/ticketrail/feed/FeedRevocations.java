package io.ticketrail.feed;

import java.util.Set;
import java.util.UUID;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.ticketrail.access.AccessRevoked;
import io.ticketrail.access.Credentials;
import org.jboss.logging.Logger;

/**
 * Closes feeds whose credential is gone, with 4401: at once when a revocation is announced (NOTIFY, from any
 * instance), and by a sweep every few seconds for what a notification cannot say (expiry, a notification lost
 * while the LISTEN connection was down).
 */
@Singleton
class FeedRevocations {

    private static final Logger LOG = Logger.getLogger(FeedRevocations.class);

    @Inject
    FeedDispatcher dispatcher;

    @Inject
    Credentials credentials;

    void revoked(@Observes AccessRevoked revoked) {
        close(revoked.id());
    }

    @Scheduled(
            every = "${ticketrail.access.revocation-sweep}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Set<UUID> owners = dispatcher.owners();
        if (owners.isEmpty()) {
            return;
        }
        try {
            Set<UUID> valid = credentials.stillValid(owners);
            owners.stream().filter(owner -> !valid.contains(owner)).forEach(this::close);
        } catch (RuntimeException e) {
            LOG.debug("Credential sweep failed; the next one retries", e);
        }
    }

    private void close(UUID owner) {
        dispatcher.closeAllOf(
                owner,
                CloseCodes.UNAUTHORIZED,
                "unauthorized",
                "This screen's access was revoked or has expired; pair it again");
    }
}
