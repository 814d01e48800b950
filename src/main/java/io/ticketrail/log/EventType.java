package io.ticketrail.log;

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
    ITEM_CHANGED,
    NOTICES_ACKNOWLEDGED,
    /** Served or picked up by mistake: the order is READY again (within the recall window). */
    ORDER_REOPENED,
    STATION_ALARM_RAISED(false),
    STATION_ALARM_CLEARED(false),
    PRINTER_ALARM_RAISED(false),
    PRINTER_ALARM_CLEARED(false),
    TICKET_PRINTED(false);

    private final boolean changesOrder;

    EventType() {
        this(true);
    }

    EventType(boolean changesOrder) {
        this.changesOrder = changesOrder;
    }

    /** True when the event's state is the order's view after the change; the feed projects only those. */
    public boolean changesOrder() {
        return changesOrder;
    }
}
