package io.ticketrail.location;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ticketrail.access.KnownLocation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record LocationView(
        String id,
        String name,
        String timeZone,
        int warnAfterSeconds,
        int lateAfterSeconds,
        List<StationView> stations,
        List<RouteView> routes,
        String defaultStation,
        boolean expoConfirmation,
        int recallWindowSeconds,
        Integer courseFireDelayMinutes,
        Instant createdAt,
        Instant updatedAt,
        AlarmView alarm) {

    /** The kitchen stations: the PREP ones, which cook items and have a screen each (the expo station has none). */
    public List<StationView> kitchenStations() {
        return stations.stream().filter(s -> s.kind() == StationKind.PREP).toList();
    }

    public Set<String> kitchenStationIds() {
        return kitchenStations().stream().map(StationView::id).collect(Collectors.toUnmodifiableSet());
    }

    public Optional<StationView> kitchenStation(String stationId) {
        return kitchenStations().stream().filter(s -> s.id().equals(stationId)).findFirst();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StationView(String id, String name, StationKind kind, String printer, boolean alwaysPrint) {}

    /** The location's own alarm thresholds; null where it uses the defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AlarmThresholds")
    public record AlarmView(Integer unseenAfterSeconds, Integer noScreenAfterSeconds) {}

    public record RouteView(String category, String station) {}

    /** What access checks screens and keys against: the name and the kitchen (prep) stations. */
    public KnownLocation known() {
        return new KnownLocation(
                id,
                name,
                stations.stream()
                        .filter(s -> s.kind() == StationKind.PREP)
                        .map(s -> new KnownLocation.Station(s.id(), s.name()))
                        .toList());
    }

    static LocationView of(Location location) {
        return new LocationView(
                location.id,
                location.name,
                location.timeZone,
                location.warnAfterSeconds,
                location.lateAfterSeconds,
                location.stations.stream()
                        .map(s -> new StationView(s.id, s.name, s.kind, s.printer, s.alwaysPrint))
                        .toList(),
                location.routes.stream()
                        .map(r -> new RouteView(r.category, r.station))
                        .toList(),
                location.defaultStation,
                location.expoConfirmation,
                location.recallWindowSeconds,
                location.courseFireDelayMinutes,
                location.createdAt,
                location.updatedAt,
                new AlarmView(location.alarmUnseenSeconds, location.alarmNoScreenSeconds));
    }
}
