package io.ticketrail.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What happened during one stretch of a run. Latencies in microseconds. */
final class Phase {

    static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(120);

    final String name;
    /** Intended send time of a command to its arrival on a screen that shows it, live diffs only. */
    final Histogram delivery = new ConcurrentHistogram(MAX_MICROS, 3);
    /** Intended send time of a command to its HTTP answer. */
    final Histogram command = new ConcurrentHistogram(MAX_MICROS, 3);
    /** From a resuming screen's new connection to its catch-up applied. */
    final Histogram catchUp = new ConcurrentHistogram(MAX_MICROS, 3);
    final LongAdder deliveries = new LongAdder();
    final LongAdder commandsSent = new LongAdder();
    final LongAdder commandsOk = new LongAdder();
    final LongAdder commandErrors = new LongAdder();
    /** Tries answered 503 (faults scenario: retried with the same Idempotency-Key, not errors). */
    final LongAdder commands503 = new LongAdder();
    /** Tries that got no answer at all (faults scenario: retried with the same key too). */
    final LongAdder triesUnanswered = new LongAdder();
    final LongAdder catchUps = new LongAdder();
    final LongAdder snapshotFallbacks = new LongAdder();
    final LongAdder missedEntries = new LongAdder();
    final AtomicLong maxMissedEntries = new AtomicLong();

    long dropped;
    long startNanos;
    long endNanos;
    long serverCpuMicros;
    /** The server's CPU in this phase by thread group ({@link Proc#THREAD_GROUPS}). */
    java.util.Map<String, Long> serverCpuMicrosByGroup = java.util.Map.of();
    long postgresCpuMicros;
    long benchCpuMicros;
    long machineBusyMicros;
    double loadAverageAtEnd;

    Phase(String name) {
        this.name = name;
    }

    /** Nanoseconds as microseconds for the histograms: below 0 counts as 0, past their range as its top. */
    static long micros(long nanos) {
        return Math.min(MAX_MICROS, Math.max(0, nanos / 1000));
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
