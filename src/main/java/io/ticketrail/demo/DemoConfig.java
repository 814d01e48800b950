package io.ticketrail.demo;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ticketrail.demo")
public interface DemoConfig {

    /** Creates the demo location at startup if it does not exist yet. */
    @WithDefault("false")
    boolean enabled();

    @WithDefault("demo")
    String locationId();

    Generator generator();

    interface Generator {

        /** Places a made-up order now and then and moves older ones along, so the screens have life. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("20s")
        Duration every();
    }
}
