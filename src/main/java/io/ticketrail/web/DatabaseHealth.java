package io.ticketrail.web;

import java.time.Duration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * What this instance last learnt about PostgreSQL: reachable, or known to be down. The readiness check asks every
 * second on its own connection (config/DatabaseReadiness) and a request that could not get a connection says so
 * too. While the database is known down, requests answer 503 at once (DatabaseFastFail) instead of each waiting
 * the pool's acquisition timeout (5 s) for a connection that cannot come: a rush of POS retries would otherwise
 * pile up on worker threads, and a screen would wait 5 s to learn why it cannot reconnect.
 */
@ApplicationScoped
public class DatabaseHealth {

    /**
     * A "down" older than this is not trusted: the check runs every second, so its absence for three means the
     * check itself is stuck, and requests then try the database again rather than fail on old news.
     */
    static final Duration KNOWN_FOR = Duration.ofSeconds(3);

    private static final Logger LOG = Logger.getLogger(DatabaseHealth.class);

    @Inject
    MeterRegistry registry;

    private Counter fastFailed;
    /** System.nanoTime() of the last failure while down; 0 while the database is reachable. */
    private volatile long downAt;

    @PostConstruct
    void register() {
        fastFailed = Counter.builder("ticketrail.database.fast.failed")
                .description("Requests answered 503 at once because the database was known to be down")
                .register(registry);
    }

    /** The database could not be reached: no connection, or one that broke. */
    public void unreachable(String why) {
        if (downAt == 0) {
            LOG.warnf("Database unreachable; requests answer 503 until it is back: %s", why);
        }
        downAt = nonZero(System.nanoTime());
    }

    /** A round trip to the database just worked. */
    public void reachable() {
        if (downAt != 0) {
            LOG.info("Database reachable again");
        }
        downAt = 0;
    }

    /** True while a recent check or request found the database unreachable and none has found it back since. */
    public boolean knownDown() {
        long at = downAt;
        return at != 0 && System.nanoTime() - at < KNOWN_FOR.toNanos();
    }

    void fastFailed() {
        fastFailed.increment();
    }

    /** Requests refused at once so far (the metric ticketrail_database_fast_failed_total). */
    public double fastFailedCount() {
        return fastFailed.count();
    }

    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }
}
