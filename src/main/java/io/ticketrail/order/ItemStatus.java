package io.ticketrail.order;

/** HELD (a later course, not fired) -> QUEUED -> IN_PROGRESS -> DONE, or VOIDED. */
public enum ItemStatus {
    HELD,
    QUEUED,
    IN_PROGRESS,
    DONE,
    VOIDED;

    /** Still to be cooked: on the station's screen, or waiting for its course. */
    public boolean isPending() {
        return this == HELD || this == QUEUED || this == IN_PROGRESS;
    }

    /** Fired and not done: what a station's screen shows a cook to make. */
    public boolean isOnTheStation() {
        return this == QUEUED || this == IN_PROGRESS;
    }
}
