package io.ticketrail.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ticketrail.http")
public interface WebConfig {

    /** Bodies over this size are refused with 413 before they are read. */
    @WithDefault("256K")
    MemorySize maxBodySize();
}
