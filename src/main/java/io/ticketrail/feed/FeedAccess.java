package io.ticketrail.feed;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.location.LocationSaved;
import io.ticketrail.location.LocationService;
import io.ticketrail.web.ProblemException;

/**
 * Who may open a feed: an existing location, and for a station view one of its PREP stations. Every location is
 * kept in memory, refreshed in the background, so that a WebSocket upgrade is answered at once on the event loop:
 * Quarkus 3.32 fails an upgrade now and then ("Request has already been read") when its check answers later.
 */
@ApplicationScoped
class FeedAccess {

    /** How long a location's stations are trusted; a change made through another instance shows within REFRESH. */
    private static final Duration KEEP = Duration.ofMinutes(2);

    @Inject
    LocationService locations;

    private record Known(Set<String> prepStations, long until) {}

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    /** True when the answer for this location can come from memory. */
    boolean isKnown(String locationId) {
        Known entry = known.get(locationId);
        return entry != null && entry.until() >= System.nanoTime();
    }

    /** The answer from memory, if this instance knows the location; empty when the database must be asked. */
    Optional<FeedView> checkKnown(String locationId, FeedView view) {
        Known entry = known.get(locationId);
        if (entry == null || entry.until() < System.nanoTime()) {
            return Optional.empty();
        }
        return Optional.of(verify(locationId, view, entry));
    }

    /**
     * Asks the database (blocking).
     *
     * @throws ProblemException 404 for an unknown location or station
     */
    FeedView check(String locationId, FeedView view) {
        Known entry = locations
                .find(locationId)
                .map(l -> new Known(l.kitchenStationIds(), System.nanoTime() + KEEP.toNanos()))
                .orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        known.put(locationId, entry);
        return verify(locationId, view, entry);
    }

    void load(@Observes StartupEvent event) {
        refresh();
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        long until = System.nanoTime() + KEEP.toNanos();
        locations.list().forEach(l -> known.put(l.id(), new Known(l.kitchenStationIds(), until)));
    }

    void saved(@Observes(during = TransactionPhase.AFTER_SUCCESS) LocationSaved saved) {
        known.put(saved.locationId(), new Known(saved.prepStations(), System.nanoTime() + KEEP.toNanos()));
    }

    private static FeedView verify(String locationId, FeedView view, Known location) {
        if (view.kind().view().perStation() && !location.prepStations().contains(view.station())) {
            throw ProblemException.notFound("No kitchen station " + view.station() + " at " + locationId);
        }
        return view;
    }
}
