package io.ticketrail.access;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket behind every rate limit, on a clock the test moves (nanoseconds, as System.nanoTime). */
class RateBucketTest {

    private static final long SECOND = 1_000_000_000L;
    /** Any origin: nanoTime's is arbitrary, and may be negative. */
    private static final long T0 = -42 * SECOND;

    @Test
    void aBurstOfTwoSecondsWorthGoesThroughAtOnceThenTheNextWaits() {
        RateLimits.Bucket bucket = new RateLimits.Bucket(5, T0);

        for (int i = 0; i < 10; i++) {
            assertThat(bucket.take(T0)).as("take %d", i).isZero();
        }
        assertThat(bucket.take(T0)).as("seconds until a token, at least 1").isEqualTo(1);
    }

    @Test
    void tokensComeBackAtTheRate() {
        RateLimits.Bucket bucket = new RateLimits.Bucket(5, T0);
        for (int i = 0; i < 10; i++) {
            bucket.take(T0);
        }

        long later = T0 + SECOND / 5; // one token's worth
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isPositive();
        assertThat(bucket.take(later + SECOND)).isZero();
    }

    @Test
    void aLongPauseRefillsNoMoreThanTheBucketHolds() {
        RateLimits.Bucket bucket = new RateLimits.Bucket(2, T0);
        bucket.take(T0);
        long anHourLater = T0 + 3600 * SECOND;

        int taken = 0;
        while (bucket.take(anHourLater) == 0) {
            taken++;
        }
        assertThat(taken).isEqualTo(4);
    }

    @Test
    void retryAfterSaysTheWholeSecondsUntilATokenIsThere() {
        RateLimits.Bucket slow = new RateLimits.Bucket(0.5, T0);

        assertThat(slow.take(T0)).as("the one token two seconds are worth").isZero();
        assertThat(slow.take(T0)).isEqualTo(2);
        assertThat(slow.take(T0 + SECOND)).isEqualTo(1);
        assertThat(slow.take(T0 + 2 * SECOND)).isZero();
    }

    @Test
    void aBucketIsIdleOnceItIsFullAgainSoItCanBeForgotten() {
        RateLimits.Bucket bucket = new RateLimits.Bucket(1, T0);
        assertThat(bucket.idle(T0)).isTrue();
        bucket.take(T0);
        assertThat(bucket.idle(T0 + SECOND / 2)).isFalse();
        assertThat(bucket.idle(T0 + SECOND)).isTrue();
    }
}
