package io.ticketrail.order;

/**
 * NEW -> IN_PROGRESS -> READY -> COMPLETED, or CANCELLED from any open state. A mis-tapped complete goes back to
 * READY by reopen, within the recall window.
 */
public enum OrderStatus {
    NEW,
    IN_PROGRESS,
    READY,
    COMPLETED,
    CANCELLED;

    public boolean isOpen() {
        return this == NEW || this == IN_PROGRESS || this == READY;
    }
}
