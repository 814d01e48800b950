package io.ticketrail.presence;

import java.time.Duration;
import java.time.Instant;

/** Live, stale or offline: one rule for the alarm and the access page. */
record ScreenJudge(Instant now, Duration instanceTimeout, Duration unseenAfter, Duration noScreenAfter) {

    /**
     * The location's thresholds where it set them, the defaults elsewhere. A screen with nothing new to show
     * acknowledges only the pings, so silence is never judged over less than two ping intervals: a shorter
     * {@code noScreenAfter} would call every quiet, healthy screen stale and raise the alarm between rushes.
     */
    static ScreenJudge of(
            PresenceReads.LocationSettings location, PresenceConfig config, Duration pingInterval, Instant now) {
        Duration noScreenAfter = location == null || location.noScreenAfterSeconds() == null
                ? config.noScreenAfter()
                : Duration.ofSeconds(location.noScreenAfterSeconds());
        Duration twoPings = pingInterval.multipliedBy(2);
        return new ScreenJudge(
                now,
                config.instanceTimeout(),
                location == null || location.unseenAfterSeconds() == null
                        ? config.unseenAfter()
                        : Duration.ofSeconds(location.unseenAfterSeconds()),
                noScreenAfter.compareTo(twoPings) < 0 ? twoPings : noScreenAfter);
    }

    enum State {
        LIVE,
        STALE,
        OFFLINE
    }

    /** Open, and its instance still writes batches. */
    boolean connected(PresenceReads.ScreenRow row) {
        return row.view() != null
                && row.closedAt() == null
                && row.instanceSeenAt() != null
                && row.instanceSeenAt().isAfter(now.minus(instanceTimeout));
    }

    /** Connected, but a message it was sent has waited for its acknowledgement longer than the threshold. */
    boolean frozen(PresenceReads.ScreenRow row) {
        return connected(row)
                && row.pendingSince() != null
                && row.pendingSince().isBefore(now.minus(unseenAfter))
                && row.pendingSeq() != null
                && row.ackSeq() < row.pendingSeq();
    }

    /** Connected, not frozen, and acknowledged recently (a new screen gets the same time from its connect). */
    boolean live(PresenceReads.ScreenRow row) {
        Instant heard = row.ackAt() != null && row.ackAt().isAfter(row.connectedAt()) ? row.ackAt() : row.connectedAt();
        return connected(row) && !frozen(row) && heard.isAfter(now.minus(noScreenAfter));
    }

    State state(PresenceReads.ScreenRow row) {
        if (live(row)) {
            return State.LIVE;
        }
        return connected(row) ? State.STALE : State.OFFLINE;
    }
}
