package io.ticketrail.feed;

/** What a command did to an order; one event per successful command. */
public enum EventType {
    ORDER_PLACED,
    ITEMS_ADDED,
    ITEM_VOIDED,
    COURSE_FIRED,
    ITEM_STARTED,
    ITEM_BUMPED,
    STATION_BUMPED,
    RECALLED,
    ORDER_READY,
    ORDER_COMPLETED,
    ORDER_CANCELLED,
    ORDER_UPDATED,
    ITEM_CHANGED,
    NOTICES_ACKNOWLEDGED,
    /** Served or picked up by mistake: the order is READY again (within the recall window). */
    ORDER_REOPENED
}
