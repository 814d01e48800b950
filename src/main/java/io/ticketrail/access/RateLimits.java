package io.ticketrail.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.ticketrail.web.ProblemException;

/**
 * Token buckets per credential and per client address, on each instance (a key spread over 3 replicas gets up to
 * 3 times its rate; the point is to stop a runaway POS or a script, not to meter). A bucket holds two seconds'
 * worth, so a burst of bumps at the pass goes through.
 */
@Singleton
public class RateLimits {

    @Inject
    AccessConfig config;

    /** Full at first; {@code now} is System.nanoTime() (a test passes its own clock). */
    static final class Bucket {
        private final double perSecond;
        private final double capacity;
        private double tokens;
        private long refilledAt;

        Bucket(double perSecond, long now) {
            this.perSecond = perSecond;
            this.capacity = perSecond * 2;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        /** 0 when a token was taken, otherwise the seconds until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized boolean idle(long now) {
            return tokens + (now - refilledAt) / 1e9 * perSecond >= capacity;
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** System.nanoTime(); a test sets its own, so that a burst on a loaded machine does not refill as it runs. */
    private volatile LongSupplier clock = System::nanoTime;

    void useClock(LongSupplier clock) {
        this.clock = clock;
    }

    /** @throws ProblemException 429 with Retry-After when the caller is over its rate */
    public void take(Caller caller) {
        int perSecond = switch (caller.kind()) {
            case KEY -> config.limits().keyPerSecond();
            case DEVICE -> config.limits().devicePerSecond();
            case MANAGER -> config.limits().managerPerSecond();
        };
        take(caller.kind() + ":" + caller.id(), perSecond);
    }

    /**
     * A credential this instance has not verified lately, by client address, before the database is asked: well-formed
     * made-up tokens cost a query each (3,000 of them cost about 2,000 transactions).
     */
    public void takeUnverified(String address) {
        take("unverified:" + address, config.limits().unverifiedPerSecond());
    }

    /** Sign-in and pairing, by client address. */
    public void takeAnonymous(String address) {
        take("address:" + address, config.limits().anonymousPerSecond());
    }

    private void take(String who, int perSecond) {
        if (perSecond <= 0) {
            return; // 0 turns a limit off (the benchmark's manager drives 1,000 commands a second)
        }
        long now = clock.getAsLong();
        long wait = buckets.computeIfAbsent(who, ignored -> new Bucket(perSecond, now))
                .take(now);
        if (wait > 0) {
            throw ProblemException.tooManyRequests(wait);
        }
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdle() {
        long now = clock.getAsLong();
        buckets.values().removeIf(bucket -> bucket.idle(now));
    }
}
