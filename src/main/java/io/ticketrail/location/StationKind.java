package io.ticketrail.location;

/** PREP stations cook items; the EXPO station checks and hands out whole orders. */
public enum StationKind {
    PREP,
    EXPO
}
