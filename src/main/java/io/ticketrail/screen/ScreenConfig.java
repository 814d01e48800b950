package io.ticketrail.screen;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ticketrail.screens")
public interface ScreenConfig {

    /** At most this many tickets on a kitchen screen page; fewer when they do not fit the screen. */
    @WithDefault("15")
    int ticketsPerPage();

    /** Bump-bar and keyboard keys, as the browser names them (KeyboardEvent.key; "Space" for the space bar). */
    Keys keys();

    interface Keys {

        /** Select the ticket at that position on the page, first to ninth. */
        @WithDefault("1,2,3,4,5,6,7,8,9")
        List<String> select();

        /** Bump the selected ticket (all of this station's items on it). */
        @WithDefault("Enter,Space")
        List<String> bump();

        /** Recall the ticket this screen bumped last. */
        @WithDefault("r,R")
        List<String> recall();

        /** Acknowledge the selected ticket's notices (a void, a cancel, an added item...), as a tap on its banner. */
        @WithDefault("a,A")
        List<String> ack();

        @WithDefault("ArrowRight,ArrowDown,PageDown")
        List<String> nextPage();

        @WithDefault("ArrowLeft,ArrowUp,PageUp")
        List<String> previousPage();
    }
}
