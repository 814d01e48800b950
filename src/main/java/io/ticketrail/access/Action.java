package io.ticketrail.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a caller may do at a location. Endpoints name the one they need with {@link Allow}. */
public enum Action {
    READ_LOCATION,
    READ_ORDERS,
    READ_STATS,
    READ_EVENTS,
    PLACE,
    UPDATE,
    ADD_ITEMS,
    VOID_ITEM,
    FIRE_COURSE,
    CANCEL,
    START,
    BUMP,
    RECALL,
    READY,
    COMPLETE,
    /** Clear a screen's notices on an order; every screen has it, and acknowledges only its own views' notices. */
    ACKNOWLEDGE,
    /** Register, list, resume and delete the location's webhook endpoints (a manager, or a receive-webhooks key). */
    MANAGE_WEBHOOKS,
    /** Location settings, screens and POS keys. */
    MANAGE;

    /** A POS integration enters and changes orders; it does not cook them. */
    static final Set<Action> POS_KEY =
            EnumSet.of(READ_LOCATION, READ_ORDERS, PLACE, UPDATE, ADD_ITEMS, VOID_ITEM, FIRE_COURSE, CANCEL);

    /** What a manager may hand a screen when approving it; a screen also always reads its location's orders. */
    static final Set<Action> GRANTABLE_TO_SCREENS = EnumSet.of(START, BUMP, RECALL, READY, COMPLETE, FIRE_COURSE);

    /** The short name in the API and in forms: {@code bump}, {@code fire-course}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Action fromWire(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
