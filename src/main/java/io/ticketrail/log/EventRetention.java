package io.ticketrail.log;

import java.time.Instant;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Deletes events older than the retention and raises each location's min_retained_seq with them. It cuts by seq,
 * not by time alone, so the kept part of a log never has a hole even if two pods' clocks disagree.
 */
@Singleton
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);

    @Inject
    EntityManager em;

    @Inject
    EventLogConfig config;

    @Scheduled(
            every = "${ticketrail.events.retention-check-every}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int deleted = deleteOlderThan(Instant.now().minus(config.retention()));
        if (deleted > 0) {
            LOG.infof("Retention removed %d events", deleted);
        }
    }

    /** Deletes, per location, every event up to the newest one that occurred before the cutoff. */
    @Transactional
    public int deleteOlderThan(Instant cutoff) {
        return em.createNativeQuery("""
                with cut as (
                    select location_id, max(seq) as upto from order_event where occurred_at < ?1 group by location_id),
                raised as (
                    update location_stream s set min_retained_seq = greatest(s.min_retained_seq, cut.upto + 1)
                    from cut where s.location_id = cut.location_id)
                delete from order_event e using cut where e.location_id = cut.location_id and e.seq <= cut.upto""").setParameter(1, cutoff).executeUpdate();
    }
}
