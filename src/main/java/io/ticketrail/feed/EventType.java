package io.ticketrail.feed;

/**
 * What a command did to an order (one event per successful command), or what the location's screen watch saw:
 * a station's alarm raised or cleared, a ticket printed. Those carry no order state and no screen shows them.
 */
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
    STATION_ALARM_RAISED,
    STATION_ALARM_CLEARED,
    PRINTER_ALARM_RAISED,
    PRINTER_ALARM_CLEARED,
    TICKET_PRINTED;

    /** True when the event's state is the order's view after the change; the feed projects only those. */
    public boolean changesOrder() {
        return ordinal() <= ORDER_UPDATED.ordinal();
    }
}
