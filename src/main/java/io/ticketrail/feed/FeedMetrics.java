package io.ticketrail.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Feed metrics: open screens, resumes by outcome, diffs sent, slow closes, commit-to-send latency. */
@Singleton
class FeedMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicInteger> openScreens = new ConcurrentHashMap<>();
    // registered once: a lookup in the registry builds the meter's id and hashes its tags, on every diff
    private Timer latency;
    private Counter reads;
    private Counter diffs;

    @PostConstruct
    void register() {
        reads = Counter.builder("ticketrail.feed.log.reads")
                .description(
                        "Reads of the log by the feed: new events, or what a resuming screen missed (own commits are "
                                + "handed over, and a location's last entries held, instead)")
                .register(registry);
        diffs = Counter.builder("ticketrail.feed.diffs.sent")
                .description("Diff messages sent to screens")
                .register(registry);
        latency = Timer.builder("ticketrail.feed.commit.to.send")
                .description(
                        "From an event's commit to its diffs being handed to the screens (per fan-out, at its end)")
                .publishPercentileHistogram()
                .register(registry);
    }

    void opened(Screen screen) {
        screens(screen).incrementAndGet();
    }

    void closed(Screen screen) {
        screens(screen).decrementAndGet();
    }

    void resumed(String outcome) {
        Counter.builder("ticketrail.feed.resumes")
                .description("Screens (re)joining, by what they were sent")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void tooSlow(Screen screen) {
        Counter.builder("ticketrail.feed.slow.closes")
                .description("Screens closed with 4409 (queue passed its bound)")
                .tag("location", screen.locationId)
                .register(registry)
                .increment();
    }

    /**
     * One read of new events from the log: for another writer's events, a hole, a poll that found the head moved.
     * This instance's own commits reach its screens without one.
     */
    void logRead() {
        reads.increment();
    }

    /**
     * One fan-out's diffs, sent to this many screens in all; latency is from the newest event's commit-time clock to
     * now, once per fan-out, after its last group (a meter per group cost about 1% of a busy server's samples).
     */
    void diffsSent(int screens, Instant newestEvent) {
        diffs.increment(screens);
        latency.record(Duration.between(newestEvent, Instant.now()));
    }

    /**
     * Open screens by view and transport, not by location: a gauge per location and view cost about 1.3 KB of heap
     * each (docs/performance.md, "Memory per idle connection"), and 1,000 locations made thousands of series per
     * instance. A location's screens are in its screens list and in ticketrail_station_live_screens, which the alarm
     * leader exports once for all instances.
     */
    private AtomicInteger screens(Screen screen) {
        String key = screen.view.tag() + "|" + screen.transport;
        return openScreens.computeIfAbsent(key, k -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("ticketrail.feed.screens", count, AtomicInteger::get)
                    .description("Open screens on this instance by view and transport")
                    .tag("view", screen.view.tag())
                    .tag("transport", screen.transport)
                    .register(registry);
            return count;
        });
    }
}
