package io.ticketrail.screen;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.ticketrail.order.Channel;

/** The pickup board (application.properties, "Screens"). The same for every location of this server. */
@ConfigMapping(prefix = "ticketrail.screens.board")
public interface BoardConfig {

    /**
     * Channels whose guests wait at a counter for their number. Dine-in food goes to the table and drive-thru to
     * the window, so neither is on the board by default; a board opened with {@code ?channels=} shows those instead.
     */
    @WithDefault("TAKEOUT,PICKUP,DELIVERY")
    List<Channel> channels();

    /**
     * A ready number leaves the board this long after it turned ready (front of house still shows it): a number
     * nobody collected must not push the fresh ones off. Measured by the board against the server's clock.
     */
    @WithDefault("15M")
    Duration readyShownFor();
}
