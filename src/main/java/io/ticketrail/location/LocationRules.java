package io.ticketrail.location;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an order command needs to know of its location, copied out of the entity: commands read these rules and
 * never hold (or change) the Location itself.
 *
 * @param stations every station by id, with its kind
 * @param routes station by lower-case category
 * @param courseFireDelay timed fire's delay between courses; empty: courses are fired by hand only
 */
public record LocationRules(
        String id,
        ZoneId zone,
        String defaultStation,
        boolean expoConfirmation,
        Duration recallWindow,
        Optional<Duration> courseFireDelay,
        Map<String, StationKind> stations,
        Map<String, String> routes) {

    public LocationRules {
        stations = Map.copyOf(stations);
        routes = Map.copyOf(routes);
    }

    static LocationRules of(Location location) {
        Map<String, StationKind> stations = new LinkedHashMap<>();
        location.stations.forEach(s -> stations.put(s.id, s.kind));
        Map<String, String> routes = new LinkedHashMap<>();
        location.routes.forEach(r -> routes.put(r.category, r.station));
        return new LocationRules(
                location.id,
                location.zone(),
                location.defaultStation,
                location.expoConfirmation,
                location.recallWindow(),
                location.courseFireDelay(),
                stations,
                routes);
    }

    public boolean hasStation(String stationId) {
        return stations.containsKey(stationId);
    }

    public boolean hasPrepStation(String stationId) {
        return stations.get(stationId) == StationKind.PREP;
    }

    /** The station an item goes to: the category's route, else the default station. */
    public String routeCategory(String category) {
        if (category == null) {
            return defaultStation;
        }
        return routes.getOrDefault(category.trim().toLowerCase(Locale.ROOT), defaultStation);
    }

    /** Whether an order is ready once its items are done, rather than when expo marks it ready. */
    public boolean readyWhenItemsDone() {
        return !expoConfirmation;
    }
}
