package io.ticketrail.order;

/** RUSH tickets are flagged and sorted first on every screen. */
public enum Priority {
    NORMAL,
    RUSH
}
