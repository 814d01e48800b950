package io.ticketrail.order;

import java.util.List;

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

    /** An open order is still the kitchen's or front of house's to act on; the one list of them. */
    public static final List<OrderStatus> OPEN = List.of(NEW, IN_PROGRESS, READY);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
