package io.ticketrail.location;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A restaurant: its stations, how items are routed to them, and its ticket-timer thresholds. */
@Entity
public class Location extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "warn_after_seconds", nullable = false)
    public int warnAfterSeconds;

    @Column(name = "late_after_seconds", nullable = false)
    public int lateAfterSeconds;

    @Column(name = "default_station", nullable = false)
    public String defaultStation;

    /** When true an order waits for expo to mark it ready; otherwise it is ready once every item is done. */
    @Column(name = "expo_confirmation", nullable = false)
    public boolean expoConfirmation;

    @Column(name = "recall_window_seconds", nullable = false)
    public int recallWindowSeconds;

    /** Timed fire: the next course goes this many minutes after the previous one was bumped; null: by hand only. */
    @Column(name = "course_fire_delay_minutes")
    public Integer courseFireDelayMinutes;

    /** Seconds a change may go unacknowledged by a station's screens before its alarm; null: the default. */
    @Column(name = "alarm_unseen_seconds")
    public Integer alarmUnseenSeconds;

    /** Seconds without an acknowledgement after which a screen is not live; null: the default. */
    @Column(name = "alarm_no_screen_seconds")
    public Integer alarmNoScreenSeconds;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "station", joinColumns = @JoinColumn(name = "location_id"))
    @OrderColumn(name = "position")
    public List<Station> stations = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "route", joinColumns = @JoinColumn(name = "location_id"))
    public List<Route> routes = new ArrayList<>();

    public static List<Location> listAllByName() {
        return list("order by name, id");
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Duration recallWindow() {
        return Duration.ofSeconds(recallWindowSeconds);
    }

    public Optional<Duration> courseFireDelay() {
        return Optional.ofNullable(courseFireDelayMinutes).map(Duration::ofMinutes);
    }

    /** The locations that fire courses by themselves. */
    public static List<Location> listWithTimedFire() {
        return list("courseFireDelayMinutes is not null");
    }
}
