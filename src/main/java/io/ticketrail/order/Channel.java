package io.ticketrail.order;

/** How the guest gets the order. */
public enum Channel {
    DINE_IN,
    TAKEOUT,
    DELIVERY,
    DRIVE_THRU,
    PICKUP
}
