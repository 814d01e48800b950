package io.ticketrail.log;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ticketrail.events")
public interface EventLogConfig {

    /** Events older than this are deleted by the retention job; a screen further behind gets a snapshot. */
    @WithDefault("48H")
    Duration retention();

    /** How often the retention job runs; read by the scheduler as a config expression. */
    @WithDefault("10m")
    String retentionCheckEvery();

    /** The most events one page of {@code GET /events} returns. */
    @WithDefault("1000")
    int maxPageSize();

    /** About the most bytes of order state one page returns (at least one event): a page holds large orders too. */
    @WithDefault("4M")
    MemorySize maxPageBytes();
}
