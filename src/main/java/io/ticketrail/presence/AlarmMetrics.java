package io.ticketrail.presence;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Per station: {@code ticketrail_station_live_screens}, {@code ticketrail_station_unseen_tickets},
 * {@code ticketrail_station_alarm} (1 while up), and {@code ticketrail_station_alarms_raised_total}. Only the
 * leader evaluates, so only the leader exports the gauges; an instance that stops leading removes its own, and the
 * alert rule takes the max over instances.
 */
@Singleton
class AlarmMetrics {

    @Inject
    MeterRegistry registry;

    private record Key(String location, String station) {}

    private static final class Values {
        final AtomicInteger live = new AtomicInteger();
        final AtomicInteger unseen = new AtomicInteger();
        final AtomicInteger alarm = new AtomicInteger();
        Meter.Id[] ids;
    }

    private final Map<Key, Values> stations = new ConcurrentHashMap<>();
    private Counter rounds;
    private Counter logReads;

    void station(String location, String station, int live, int unseen) {
        Values values = values(location, station);
        values.live.set(live);
        values.unseen.set(unseen);
    }

    void alarm(String location, String station, boolean up) {
        values(location, station).alarm.set(up ? 1 : 0);
    }

    void raised(String location, String station, AlarmService.Kind kind) {
        Counter.builder("ticketrail.station.alarms.raised")
                .description("Alarms raised, by station and kind")
                .tags(tags(location, station))
                .tag("kind", kind.name().toLowerCase())
                .register(registry)
                .increment();
    }

    /** One evaluation by the leader, of every watched location. */
    void round() {
        rounds = increment(rounds, "ticketrail.presence.rounds", "Alarm evaluations by this instance while it leads");
    }

    /** One statement of the leader reading the log: a round makes a few, whatever the number of locations. */
    void logRead() {
        logReads = increment(
                logReads, "ticketrail.presence.log.reads", "Statements the alarm leader made to read the event log");
    }

    /** Registered on first use, then kept: the leader counts every second. */
    private Counter increment(Counter counter, String name, String description) {
        Counter registered = counter != null
                ? counter
                : Counter.builder(name).description(description).register(registry);
        registered.increment();
        return registered;
    }

    /** Forgets the stations of locations no longer watched. */
    void retain(Set<String> locations) {
        stations.keySet().stream()
                .filter(k -> !locations.contains(k.location()))
                .toList()
                .forEach(this::remove);
    }

    void clear() {
        stations.keySet().stream().toList().forEach(this::remove);
    }

    private void remove(Key key) {
        Values values = stations.remove(key);
        if (values != null) {
            for (Meter.Id id : values.ids) {
                registry.remove(id);
            }
        }
    }

    private Values values(String location, String station) {
        return stations.computeIfAbsent(new Key(location, station), key -> {
            Values values = new Values();
            Tags tags = tags(location, station);
            values.ids = new Meter.Id[] {
                Gauge.builder("ticketrail.station.live.screens", values.live, AtomicInteger::get)
                        .description("Screens of the station that acknowledge in time")
                        .tags(tags)
                        .register(registry)
                        .getId(),
                Gauge.builder("ticketrail.station.unseen.tickets", values.unseen, AtomicInteger::get)
                        .description("Tickets with a change no screen of the station acknowledged in time")
                        .tags(tags)
                        .register(registry)
                        .getId(),
                Gauge.builder("ticketrail.station.alarm", values.alarm, AtomicInteger::get)
                        .description("1 while the station's missed-ticket alarm is up")
                        .tags(tags)
                        .register(registry)
                        .getId()
            };
            return values;
        });
    }

    private static Tags tags(String location, String station) {
        return Tags.of("location", location, "station", station);
    }
}
