package io.ticketrail.feed;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.location.LocationSaved;
import io.ticketrail.location.LocationService;
import io.ticketrail.location.LocationView;
import io.ticketrail.web.ProblemException;

/**
 * Who may open a feed: an existing location, and for a station view one of its PREP stations. Every location is
 * kept in memory, refreshed in the background, so that a WebSocket upgrade is answered at once on the event loop:
 * Quarkus 3.32 fails an upgrade now and then ("Request has already been read") when its check answers later. A
 * change made through another instance shows within the refresh period.
 *
 * <p>A plain map, not a cache: locations are never deleted, so it holds one small entry per location in the
 * database, and it needs no expiry. (It was a Caffeine cache: each refresh replaced every entry, and on two cores
 * Caffeine's replace notification started two threads per entry, 2,000 threads every 30 s at 1,000 locations.)
 */
@Singleton
class FeedAccess {

    @Inject
    LocationService locations;

    /** A location's PREP stations, by location id. */
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();

    /** True when the answer for this location can come from memory. */
    boolean isKnown(String locationId) {
        return prepStations(locationId) != null;
    }

    /** The answer from memory, if this instance knows the location; empty when the database must be asked. */
    Optional<FeedView> checkKnown(String locationId, FeedView view) {
        Set<String> stations = prepStations(locationId);
        return stations == null ? Optional.empty() : Optional.of(verify(locationId, view, stations));
    }

    /**
     * Asks the database (blocking).
     *
     * @throws ProblemException 404 for an unknown location or station
     */
    FeedView check(String locationId, FeedView view) {
        Set<String> stations = locations
                .find(locationId)
                .map(LocationView::kitchenStationIds)
                .orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        remember(locationId, stations);
        return verify(locationId, view, stations);
    }

    void load(@Observes StartupEvent event) {
        refresh();
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        locations.prepStationsByLocation().forEach(this::remember);
    }

    void saved(@Observes(during = TransactionPhase.AFTER_SUCCESS) LocationSaved saved) {
        remember(saved.locationId(), saved.prepStations());
    }

    private void remember(String locationId, Set<String> prepStations) {
        known.put(locationId, Set.copyOf(prepStations));
    }

    /** The location's PREP stations from memory; null when this instance does not know the location. */
    private Set<String> prepStations(String locationId) {
        return known.get(locationId);
    }

    private static FeedView verify(String locationId, FeedView view, Set<String> prepStations) {
        if (view.kind().view().perStation() && !prepStations.contains(view.station())) {
            throw ProblemException.notFound("No kitchen station " + view.station() + " at " + locationId);
        }
        return view;
    }
}
