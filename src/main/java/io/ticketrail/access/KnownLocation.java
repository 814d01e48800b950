package io.ticketrail.access;

import java.util.List;

/**
 * What access needs to know of a location: its name and its kitchen stations (the ones a station screen can be
 * for). The location feature hands it out, so access, which every feature uses, depends on none of them.
 */
public record KnownLocation(String id, String name, List<Station> kitchenStations) {

    public record Station(String id, String name) {}

    public List<String> kitchenStationIds() {
        return kitchenStations.stream().map(Station::id).toList();
    }
}
