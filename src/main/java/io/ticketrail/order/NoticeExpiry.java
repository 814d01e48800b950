package io.ticketrail.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.ticketrail.web.DomainException;
import io.ticketrail.web.ProblemException;
import org.jboss.logging.Logger;

/**
 * A cancelled order stays on a station (and expo) until that screen acknowledges its CANCELLED card. A location
 * without an expo screen, or a station nobody watches, never does; after {@code cancelled-notice-lifetime} the
 * card is acknowledged for it (actor {@code system:notice-expiry}), an event like any other, so the views stay a
 * function of the log and the feed does not keep such orders forever.
 */
@Singleton
public class NoticeExpiry {

    private static final Logger LOG = Logger.getLogger(NoticeExpiry.class);

    @Inject
    OrderService orders;

    @Inject
    OrderConfig config;

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        expire(Instant.now());
    }

    /** Acknowledges the notices of orders cancelled more than the lifetime before {@code at}; returns how many. */
    int expire(Instant at) {
        Instant cutoff = at.minus(config.cancelledNoticeLifetime());
        int expired = 0;
        for (Map.Entry<String, List<UUID>> stale :
                orders.cancelledWithStaleNotices(cutoff).entrySet()) {
            for (UUID orderId : stale.getValue()) {
                try {
                    expired += orders.expireCancelledNotices(stale.getKey(), orderId, cutoff) ? 1 : 0;
                } catch (ProblemException | DomainException e) {
                    LOG.debugf("Expiring the notices of order %s refused: %s", orderId, e.getMessage());
                }
            }
        }
        return expired;
    }
}
