package io.ticketrail.location;

import java.util.Set;

/** Fired when a location is created or replaced, with what screens need to know of it. */
public record LocationSaved(String locationId, Set<String> prepStations) {}
