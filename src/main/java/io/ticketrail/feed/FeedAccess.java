package io.ticketrail.feed;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ticketrail.location.LocationService;
import io.ticketrail.location.LocationView;
import io.ticketrail.location.StationKind;
import io.ticketrail.web.ProblemException;

/** Who may open a feed: an existing location, and for a station view one of its PREP stations. */
@ApplicationScoped
class FeedAccess {

    @Inject
    LocationService locations;

    /** @throws ProblemException 404 for an unknown location or station, 400 for a malformed view */
    FeedView check(String locationId, FeedView view) {
        LocationView location = locations.find(locationId)
                .orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        if (view.kind() == ViewKind.STATION) {
            List<LocationView.StationView> stations = location.stations();
            boolean known = stations.stream()
                    .anyMatch(s -> s.id().equals(view.station()) && s.kind() == StationKind.PREP);
            if (!known) {
                throw ProblemException.notFound("No kitchen station " + view.station() + " at " + locationId);
            }
        }
        return view;
    }
}
