package io.ticketrail.feed;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.location.LocationSaved;
import io.ticketrail.location.LocationService;
import io.ticketrail.location.LocationView;
import io.ticketrail.web.ProblemException;

/**
 * Who may open a feed: an existing location, and for a station view one of its PREP stations. Every location is
 * kept in memory (the "known-locations" cache: bounded, each entry for two minutes), refreshed in the background,
 * so that a WebSocket upgrade is answered at once on the event loop: Quarkus 3.32 fails an upgrade now and then
 * ("Request has already been read") when its check answers later. A change made through another instance shows
 * within the refresh period.
 */
@ApplicationScoped
class FeedAccess {

    static final String CACHE = "known-locations";

    @Inject
    LocationService locations;

    /** A location's PREP stations, by location id. */
    @Inject
    @CacheName(CACHE)
    Cache known;

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
        locations.list().forEach(l -> remember(l.id(), l.kitchenStationIds()));
    }

    void saved(@Observes(during = TransactionPhase.AFTER_SUCCESS) LocationSaved saved) {
        remember(saved.locationId(), saved.prepStations());
    }

    private void remember(String locationId, Set<String> prepStations) {
        known.as(CaffeineCache.class).put(locationId, CompletableFuture.completedFuture(prepStations));
    }

    /** The location's PREP stations from memory; null when this instance does not know the location. */
    private Set<String> prepStations(String locationId) {
        CompletableFuture<Set<String>> hit = known.as(CaffeineCache.class).getIfPresent(locationId);
        return hit == null ? null : hit.getNow(null);
    }

    private static FeedView verify(String locationId, FeedView view, Set<String> prepStations) {
        if (view.kind().view().perStation() && !prepStations.contains(view.station())) {
            throw ProblemException.notFound("No kitchen station " + view.station() + " at " + locationId);
        }
        return view;
    }
}
