package io.ticketrail.location;

import java.time.Instant;
import java.util.List;

public record LocationView(String id, String name, String timeZone, int warnAfterSeconds, int lateAfterSeconds,
        List<StationView> stations, List<RouteView> routes, String defaultStation, boolean expoConfirmation,
        int recallWindowSeconds, Integer courseFireDelayMinutes, Instant createdAt, Instant updatedAt) {

    public record StationView(String id, String name, StationKind kind) {
    }

    public record RouteView(String category, String station) {
    }

    static LocationView of(Location location) {
        return new LocationView(location.id, location.name, location.timeZone, location.warnAfterSeconds,
                location.lateAfterSeconds,
                location.stations.stream().map(s -> new StationView(s.id, s.name, s.kind)).toList(),
                location.routes.stream().map(r -> new RouteView(r.category, r.station)).toList(),
                location.defaultStation, location.expoConfirmation, location.recallWindowSeconds,
                location.courseFireDelayMinutes, location.createdAt, location.updatedAt);
    }
}
