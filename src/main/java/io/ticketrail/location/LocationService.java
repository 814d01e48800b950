package io.ticketrail.location;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.ticketrail.access.KnownLocation;
import io.ticketrail.access.LocationDirectory;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.StreamLock;
import io.ticketrail.web.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Singleton
public class LocationService implements LocationDirectory {

    @Inject
    EntityManager em;

    @Inject
    EventLog eventLog;

    // the order setting read by name: order depends on location, so location must not depend on order
    @ConfigProperty(name = "ticketrail.orders.recall-window")
    Duration defaultRecallWindow;

    @Inject
    Event<LocationSaved> saved;

    public record Saved(boolean created, LocationView location) {}

    private record KeptRules(UUID epoch, long configVersion, LocationRules rules) {}

    /** One entry per location that took a command here: a few hundred bytes each, and locations are not deleted. */
    private final Map<String, KeptRules> kept = new ConcurrentHashMap<>();

    /** Creates or replaces a location. Open orders keep the stations they were routed to. */
    @Transactional
    public Saved put(String locationId, LocationRequest request) {
        validate(request);
        // two PUTs of a new id would otherwise race to insert it
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('location:' || ?1))")
                .setParameter(1, locationId)
                .getSingleResult();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Location existing = Location.findById(locationId);
        boolean created = existing == null;
        Location location = created ? new Location() : existing;
        if (created) {
            location.id = locationId;
            location.createdAt = now;
        }
        location.name = request.name().trim();
        location.timeZone = request.timeZone().trim();
        location.warnAfterSeconds = request.warnAfterSeconds();
        location.lateAfterSeconds = request.lateAfterSeconds();
        location.defaultStation = request.defaultStation();
        location.expoConfirmation = Boolean.TRUE.equals(request.expoConfirmation());
        location.recallWindowSeconds = request.recallWindowSeconds() != null
                ? request.recallWindowSeconds()
                : (int) defaultRecallWindow.toSeconds();
        location.courseFireDelayMinutes = request.courseFireDelayMinutes();
        location.alarmUnseenSeconds =
                request.alarm() == null ? null : request.alarm().unseenAfterSeconds();
        location.alarmNoScreenSeconds =
                request.alarm() == null ? null : request.alarm().noScreenAfterSeconds();
        location.updatedAt = now;
        location.stations.clear();
        request.stations()
                .forEach(s -> location.stations.add(new Station(
                        s.id(), s.name().trim(), s.kind(), s.printer(), Boolean.TRUE.equals(s.alwaysPrint()))));
        location.routes.clear();
        routes(request)
                .forEach(
                        r -> location.routes.add(new Route(r.category().trim().toLowerCase(Locale.ROOT), r.station())));
        if (created) {
            location.persist();
            em.flush();
            eventLog.createStream(locationId);
        }
        // last: commands at this location wait for the stream row from here to the commit, not for the whole PUT
        eventLog.configChanged(locationId);
        saved.fire(new LocationSaved(locationId, prep(request)));
        return new Saved(created, LocationView.of(location));
    }

    /**
     * Every location's PREP stations (an empty set for a location without one), read as two columns rather than
     * as entities: the feed's access check refreshes it every 30 s, and loading every location with its stations
     * and routes cost about 14 ms of CPU per refresh at 50 locations (docs/performance.md, "Per-request and
     * per-message machinery, third pass").
     */
    @Transactional
    public Map<String, Set<String>> prepStationsByLocation() {
        Map<String, Set<String>> prep = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery(
                        "select l.id, s.id from location l"
                                + " left join station s on s.location_id = l.id and s.kind = 'PREP'",
                        Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            Set<String> stations = prep.computeIfAbsent((String) row[0], id -> new HashSet<>());
            if (row[1] != null) {
                stations.add((String) row[1]);
            }
        }
        return prep;
    }

    @Transactional
    public Optional<LocationView> find(String locationId) {
        return Location.<Location>findByIdOptional(locationId).map(LocationView::of);
    }

    @Override
    @Transactional
    public Optional<KnownLocation> known(String locationId) {
        return find(locationId).map(LocationView::known);
    }

    @Transactional
    public List<LocationView> list() {
        return Location.listAllByName().stream().map(LocationView::of).toList();
    }

    /** The locations that fire courses by themselves, each with its delay (courseFireDelayMinutes). */
    @Transactional
    public Map<String, Duration> courseFireDelays() {
        return Location.listWithTimedFire().stream()
                .collect(Collectors.toMap(l -> l.id, l -> l.courseFireDelay().orElseThrow()));
    }

    /**
     * The rules of the location a command works on, as committed, or 404. A writer lane calls it outside any
     * request, on a rules-cache miss only; the read's session needs a request context there.
     */
    @ActivateRequestContext
    public LocationRules rules(String locationId) {
        return Location.<Location>findByIdOptional(locationId)
                .map(LocationRules::of)
                .orElseThrow(() -> ProblemException.notFound("No location " + locationId));
    }

    /**
     * The rules of the locked location: from memory when the lock's config version (and epoch: a restored database
     * may count versions again) is the one they were read at, else read and kept. Exact on every instance: a change
     * bumps the version under the row lock the caller holds, so while the caller holds it what is committed is the
     * version its lock returned (the read may run on another connection: a command's transaction is plain JDBC).
     */
    public LocationRules rules(StreamLock lock) {
        KeptRules known = kept.get(lock.locationId());
        if (known != null
                && known.configVersion() == lock.configVersion()
                && known.epoch().equals(lock.epoch())) {
            return known.rules();
        }
        LocationRules rules = rules(lock.locationId());
        kept.put(lock.locationId(), new KeptRules(lock.epoch(), lock.configVersion(), rules));
        return rules;
    }

    private static Set<String> prep(LocationRequest request) {
        return request.stations().stream()
                .filter(s -> s.kind() == StationKind.PREP)
                .map(LocationRequest.StationRequest::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static List<LocationRequest.RouteRequest> routes(LocationRequest request) {
        return request.routes() == null ? List.of() : request.routes();
    }

    private static void validate(LocationRequest request) {
        try {
            ZoneId.of(request.timeZone().trim());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "is not a known time zone, such as Europe/Berlin");
        }
        if (request.lateAfterSeconds() <= request.warnAfterSeconds()) {
            throw ProblemException.invalid("lateAfterSeconds", "must be greater than warnAfterSeconds");
        }
        Set<String> ids = new HashSet<>();
        Set<String> prep = new HashSet<>();
        for (int i = 0; i < request.stations().size(); i++) {
            LocationRequest.StationRequest station = request.stations().get(i);
            if (!ids.add(station.id())) {
                throw ProblemException.invalid("stations[" + i + "].id", "is used by another station");
            }
            if (station.kind() == StationKind.PREP) {
                prep.add(station.id());
            }
        }
        if (!prep.contains(request.defaultStation())) {
            throw ProblemException.invalid("defaultStation", "must be the id of a PREP station of this location");
        }
        Set<String> categories = new HashSet<>();
        List<LocationRequest.RouteRequest> routes = routes(request);
        for (int i = 0; i < routes.size(); i++) {
            LocationRequest.RouteRequest route = routes.get(i);
            if (!prep.contains(route.station())) {
                throw ProblemException.invalid(
                        "routes[" + i + "].station", "must be the id of a PREP station of this location");
            }
            if (!categories.add(route.category().trim().toLowerCase(Locale.ROOT))) {
                throw ProblemException.invalid("routes[" + i + "].category", "is routed twice");
            }
        }
    }
}
