package io.ticketrail.web;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ticketrail.http")
public interface WebConfig {

    /** Bodies over this size are refused with 413 before they are read. */
    @WithDefault("256K")
    MemorySize maxBodySize();

    /**
     * The whole body must arrive within this time of the request's start, however steadily it trickles: past it the
     * client gets 408 and the connection is closed. (Vert.x's idle timeout restarts on every byte.)
     */
    @WithDefault("10s")
    Duration bodyReadTimeout();
}
