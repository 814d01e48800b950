package io.ticketrail.feed;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ticketrail.feed")
public interface FeedConfig {

    /** How often every screen gets a ping with the head seq, so it notices a silent loss. */
    @WithDefault("15s")
    Duration pingInterval();

    /** A screen that has not said hello by then is closed with 4408. */
    @WithDefault("10s")
    Duration helloTimeout();

    /** A screen that missed more entries than this gets a snapshot instead of a catch-up diff. */
    @WithDefault("500")
    int maxCatchUp();

    /** Messages a screen may have unsent before it is closed with 4409; it resumes when it returns. */
    @WithDefault("256")
    int sendQueueBound();

    /**
     * Bytes a screen may have unsent before it is closed with 4409. A screen with nothing unsent is always sent its
     * next message, whatever its size, so a large snapshot still reaches a screen that reads.
     */
    @WithDefault("4M")
    MemorySize sendQueueBytes();

    /** Bytes unsent over all screens of one location on this instance; past it, its screens that lag are closed. */
    @WithDefault("16M")
    MemorySize sendQueueBytesPerLocation();

    /** Bytes unsent over all screens on this instance; past it, any screen that lags is closed. */
    @WithDefault("64M")
    MemorySize sendQueueBytesTotal();

    /**
     * Bytes of order state read for one live diff: a burst of large orders goes out as several consecutive diffs,
     * each covering its own range of the log, never as one diff of every order touched.
     */
    @WithDefault("1M")
    MemorySize diffBytes();

    /** The safety net under LISTEN/NOTIFY: every location with screens is checked against the table this often. */
    @WithDefault("5s")
    Duration pollInterval();

    /** Backoff of the LISTEN connection after it breaks, doubling from the first to the second value. */
    @WithDefault("200ms")
    Duration listenBackoffMin();

    @WithDefault("10s")
    Duration listenBackoffMax();

    /** Threads that read the log and fan out; each location is served by one of them at a time. */
    @WithDefault("4")
    int workerThreads();
}
