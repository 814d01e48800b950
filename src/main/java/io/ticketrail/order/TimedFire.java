package io.ticketrail.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.ticketrail.location.LocationService;
import io.ticketrail.web.DomainException;
import io.ticketrail.web.ProblemException;
import org.jboss.logging.Logger;

/**
 * Fires course N+1 by itself a location's {@code courseFireDelayMinutes} after course N was bumped. Every replica
 * runs it; the fire is checked again under the location's stream lock, so a course is fired once, by whichever
 * replica comes first, through the same command as a tap on Fire (actor {@code system:timed-fire}).
 */
@Singleton
public class TimedFire {

    private static final Logger LOG = Logger.getLogger(TimedFire.class);

    @Inject
    OrderService orders;

    @Inject
    LocationService locations;

    @Scheduled(
            every = "${ticketrail.orders.timed-fire-check-every}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        fireDue(Instant.now());
    }

    /** Fires every course due at {@code at}; returns how many this call fired. */
    int fireDue(Instant at) {
        Map<String, Duration> delays = locations.courseFireDelays();
        int fired = 0;
        for (Map.Entry<String, List<UUID>> due :
                orders.dueForTimedFire(delays, at).entrySet()) {
            for (UUID orderId : due.getValue()) {
                try {
                    fired += orders.fireDueCourse(due.getKey(), orderId, at).isPresent() ? 1 : 0;
                } catch (ProblemException | DomainException e) {
                    // e.g. the location was removed meanwhile; the next round looks again
                    LOG.debugf("Timed fire of order %s refused: %s", orderId, e.getMessage());
                }
            }
        }
        return fired;
    }
}
