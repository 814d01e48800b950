package io.ticketrail.feed;

/** The screens a location has: one per kitchen station, expo, front of house, manager. */
public enum ViewKind {
    STATION,
    EXPO,
    FOH,
    MANAGER
}
