package io.ticketrail.presence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Screen presence, the missed-ticket alarm and the printer fallback (docs/protocol.md, "Acknowledgements"). */
@ConfigMapping(prefix = "ticketrail.presence")
public interface PresenceConfig {

    /** How often an instance writes the screens whose acknowledgements changed: one statement per period. */
    @WithDefault("1s")
    Duration flushEvery();

    /**
     * A change touching a station, not acknowledged by any of its screens this long, raises the alarm; so does a
     * connected screen whose acknowledgements lag what it was sent by as much.
     */
    @WithDefault("10s")
    Duration unseenAfter();

    /**
     * A screen that acknowledged nothing for this long is not live (screens acknowledge every ping, 15 s apart, so
     * this is two missed pings); a station with open tickets and no live screen raises the alarm.
     */
    @WithDefault("30s")
    Duration noScreenAfter();

    /** An instance that wrote no batch for this long is gone, and so are the screens it held. */
    @WithDefault("10s")
    Duration instanceTimeout();

    /** How often the alarm leader evaluates every station. */
    @WithDefault("1s")
    Duration evaluateEvery();

    /** After a leader change, changes this old are not looked at again: their alarms were raised before. */
    @WithDefault("10m")
    Duration lookBack();

    /** Closed screens stay on the access page ("last seen") this long. */
    @WithDefault("24h")
    Duration keepClosed();

    /**
     * The advisory lock that elects the one evaluating instance. Every instance of one database must use the same;
     * a test gives a second instance another to make two leaders at once and show they still raise and print once.
     */
    @WithDefault("ticketrail.presence.leader")
    String leaderLock();

    /** A printer that does not take a ticket within this raises the printer alarm. */
    @WithDefault("3s")
    Duration printerTimeout();
}
