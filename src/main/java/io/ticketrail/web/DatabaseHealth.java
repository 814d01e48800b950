package io.ticketrail.web;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * What this instance last learnt about PostgreSQL: reachable, or known to be down. The readiness check asks every
 * second on its own connection (config/DatabaseReadiness) and a request that could not get a connection says so
 * too. While the database is known down, requests answer 503 at once (DatabaseFastFail) instead of each waiting
 * the pool's acquisition timeout (5 s) for a connection that cannot come: a rush of POS retries would otherwise
 * pile up on worker threads, and a screen would wait 5 s to learn why it cannot reconnect. Each change between
 * reachable and down is fired as a {@link Change}, so open screens hear of it at once (feed/FeedDispatcher).
 */
@Singleton
public class DatabaseHealth {

    /**
     * A "down" older than this is not trusted: the check runs every second, so its absence for three means the
     * check itself is stuck, and requests then try the database again rather than fail on old news.
     */
    static final Duration KNOWN_FOR = Duration.ofSeconds(3);

    private static final Logger LOG = Logger.getLogger(DatabaseHealth.class);

    /** The database went away ({@code since} is when it was first found so) or came back ({@code since} null). */
    public record Change(boolean reachable, Instant since) {}

    @Inject
    MeterRegistry registry;

    @Inject
    Event<Change> changes;

    private Counter fastFailed;
    /** System.nanoTime() of the last failure while down. */
    private volatile long lastFailureAt;
    /** When the current outage was first seen; null while the database is reachable. */
    private final AtomicReference<Instant> downSince = new AtomicReference<>();

    private final DownRule rule = new DownRule();

    @PostConstruct
    void register() {
        fastFailed = Counter.builder("ticketrail.database.fast.failed")
                .description("Requests answered 503 at once because the database was known to be down")
                .register(registry);
    }

    /**
     * The readiness check failed: true when that makes the database down ({@link DownRule}); then requests answer
     * 503 and screens are told.
     */
    public boolean checkFailed(Throwable failure) {
        if (!rule.failed(failure)) {
            LOG.debugf("Database check timed out once; not down yet: %s", failure.getMessage());
            return false;
        }
        unreachable(String.valueOf(failure.getMessage()));
        return true;
    }

    /** The database could not be reached: no connection, or one that broke. */
    public void unreachable(String why) {
        lastFailureAt = System.nanoTime();
        Instant now = Instant.now();
        if (downSince.compareAndSet(null, now)) {
            LOG.warnf("Database unreachable; requests answer 503 until it is back: %s", why);
            changes.fire(new Change(false, now));
        }
    }

    /** A round trip to the database just worked. */
    public void reachable() {
        rule.passed();
        if (downSince.getAndSet(null) != null) {
            LOG.info("Database reachable again");
            changes.fire(new Change(true, null));
        }
    }

    /** True while a recent check or request found the database unreachable and none has found it back since. */
    public boolean knownDown() {
        return downSince.get() != null && System.nanoTime() - lastFailureAt < KNOWN_FOR.toNanos();
    }

    /** When the current outage was first seen, or null when the last word was that the database is reachable. */
    public Instant downSince() {
        return downSince.get();
    }

    void fastFailed() {
        fastFailed.increment();
    }

    /** Requests refused at once so far (the metric ticketrail_database_fast_failed_total). */
    public double fastFailedCount() {
        return fastFailed.count();
    }

    /**
     * When failed checks make the database down: a refused or broken connection at once, a timeout only as the
     * {@link #TIMEOUTS_FOR_DOWN}th in a row. One slow answer is what a loaded PostgreSQL (or this JVM paused for
     * a collection) gives too, and turning every request away for 3 s on it would make the load worse; a silent
     * server times out every check, so it is still found within about two seconds.
     */
    static final class DownRule {

        static final int TIMEOUTS_FOR_DOWN = 2;

        private final AtomicInteger timeoutsInARow = new AtomicInteger();

        /** True when this failure makes the database down. */
        boolean failed(Throwable failure) {
            // a connection attempt that timed out is a timeout too: a loaded server is slow to accept as well
            if (!DatabaseOutage.anyTimeout(failure)) {
                timeoutsInARow.set(0);
                return true;
            }
            return timeoutsInARow.incrementAndGet() >= TIMEOUTS_FOR_DOWN;
        }

        void passed() {
            timeoutsInARow.set(0);
        }
    }
}
