package io.ticketrail.presence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.log.EventType;

/**
 * The queries the watch makes each period, each one for every location at once: raw JDBC because this runs every
 * second on the leader and reads plain rows, no entities.
 */
@Singleton
class PresenceReads {

    @Inject
    DataSource dataSource;

    /** A screen row as the watch and the access page judge it. */
    record ScreenRow(
            UUID id,
            String locationId,
            UUID owner,
            String view,
            String station,
            String transport,
            Instant connectedAt,
            Instant closedAt,
            Long pendingSeq,
            Instant pendingSince,
            long ackSeq,
            Instant ackAt,
            String page,
            Instant instanceSeenAt) {}

    /** A station and its settings. */
    record StationSettings(String id, String name, boolean prep, String printer, boolean alwaysPrint) {}

    record LocationSettings(
            String id,
            Integer unseenAfterSeconds,
            Integer noScreenAfterSeconds,
            Map<String, StationSettings> stations) {}

    record ActiveAlarm(
            String locationId,
            String station,
            AlarmService.Kind kind,
            Instant raisedAt,
            long raisedSeq,
            String detail) {}

    /** Open tickets per location and station: orders still open with an item there still to cook. */
    Map<String, Map<String, Integer>> openTickets() {
        Map<String, Map<String, Integer>> open = new HashMap<>();
        query(
                """
                select o.location_id, i.station_id, count(distinct o.id) from kitchen_order o
                join order_item i on i.order_id = o.id
                where o.status in ('NEW', 'IN_PROGRESS', 'READY') and i.status in ('HELD', 'QUEUED', 'IN_PROGRESS')
                group by o.location_id, i.station_id""",
                s -> {},
                rs -> open.computeIfAbsent(rs.getString(1), l -> new HashMap<>())
                        .put(rs.getString(2), rs.getInt(3)));
        return open;
    }

    /** Screens open now, or closed or acknowledging within {@code since}, of every location (or of one). */
    List<ScreenRow> screens(Instant since, String onlyLocation) {
        List<ScreenRow> rows = new ArrayList<>();
        query(
                """
                select p.id, p.location_id, p.owner, p.view_tag, p.station, p.transport, p.connected_at, p.closed_at,
                       p.pending_seq, p.pending_since, p.ack_seq, p.ack_at, p.page, i.seen_at
                from screen_presence p left join presence_instance i on i.id = p.instance
                where (p.closed_at is null or p.closed_at > ? or p.ack_at > ?) and (? is null or p.location_id = ?)
                order by p.connected_at""",
                s -> {
                    s.setTimestamp(1, Timestamp.from(since));
                    s.setTimestamp(2, Timestamp.from(since));
                    s.setString(3, onlyLocation);
                    s.setString(4, onlyLocation);
                },
                rs -> rows.add(new ScreenRow(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        instant(rs, 7),
                        instant(rs, 8),
                        (Long) rs.getObject(9),
                        instant(rs, 10),
                        rs.getLong(11),
                        instant(rs, 12),
                        rs.getString(13),
                        instant(rs, 14))));
        return rows;
    }

    Map<String, LocationSettings> settings(Collection<String> locationIds) {
        Map<String, LocationSettings> settings = new HashMap<>();
        query("""
                select l.id, l.alarm_unseen_seconds, l.alarm_no_screen_seconds, s.id, s.name, s.kind, s.printer,
                       s.always_print
                from location l join station s on s.location_id = l.id where l.id = any(?) order by l.id, s.position""", s -> s.setArray(1, s.getConnection().createArrayOf("varchar", locationIds.toArray())), rs -> {
            LocationSettings location = settings.get(rs.getString(1));
            if (location == null) {
                location = new LocationSettings(
                        rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3), new LinkedHashMap<>());
                settings.put(location.id(), location);
            }
            location.stations()
                    .put(
                            rs.getString(4),
                            new StationSettings(
                                    rs.getString(4),
                                    rs.getString(5),
                                    "PREP".equals(rs.getString(6)),
                                    rs.getString(7),
                                    rs.getBoolean(8)));
        });
        return settings;
    }

    List<ActiveAlarm> alarms(String onlyLocation) {
        List<ActiveAlarm> alarms = new ArrayList<>();
        query(
                """
                select location_id, station_id, kind, raised_at, raised_seq, detail::text from station_alarm
                where ? is null or location_id = ? order by raised_at""",
                s -> {
                    s.setString(1, onlyLocation);
                    s.setString(2, onlyLocation);
                },
                rs -> alarms.add(new ActiveAlarm(
                        rs.getString(1),
                        rs.getString(2),
                        AlarmService.Kind.valueOf(rs.getString(3)),
                        instant(rs, 4),
                        rs.getLong(5),
                        rs.getString(6))));
        return alarms;
    }

    /**
     * The entries whose state is an order's view: a placed order is version 0, and a printed ticket carries its
     * order's id and version with a print record as its state, so neither version nor id tells them apart.
     */
    private static final Object[] ORDER_STATES = Arrays.stream(EventType.values())
            .filter(EventType::changesOrder)
            .map(EventType::name)
            .toArray();

    /** A change whose order the watch has not seen before it: its state before is read from the log. */
    record Change(String locationId, UUID orderId, long seq) {}

    /**
     * Each order's state as of its last change before the change's seq, for all of them in one statement (per change
     * a backward range scan of the location's log from that seq); a change without an earlier state is left out.
     */
    Map<Change, String> statesBefore(Collection<Change> changes) {
        Map<Change, String> states = new HashMap<>();
        if (changes.isEmpty()) {
            return states;
        }
        query(
                """
                select c.location_id, c.order_id, c.seq, e.state::text
                from unnest(?::varchar[], ?::uuid[], ?::bigint[]) as c(location_id, order_id, seq)
                cross join lateral (
                    select state from order_event
                    where location_id = c.location_id and order_id = c.order_id and seq < c.seq and type = any(?)
                    order by seq desc limit 1) e""",
                s -> {
                    Connection connection = s.getConnection();
                    s.setArray(
                            1,
                            connection.createArrayOf(
                                    "varchar",
                                    changes.stream().map(Change::locationId).toArray()));
                    s.setArray(
                            2,
                            connection.createArrayOf(
                                    "uuid",
                                    changes.stream().map(Change::orderId).toArray()));
                    s.setArray(
                            3,
                            connection.createArrayOf(
                                    "bigint", changes.stream().map(Change::seq).toArray()));

                    s.setArray(4, connection.createArrayOf("varchar", ORDER_STATES));
                },
                rs -> states.put(
                        new Change(rs.getString(1), rs.getObject(2, UUID.class), rs.getLong(3)), rs.getString(4)));
        return states;
    }

    /**
     * Closed screens past the keeping time; acknowledgements for a screen no instance ever wrote (a guessed or
     * stale id: its holder would have written it within a second); and instances long gone.
     */
    void sweep(Instant closedBefore, Instant orphanedBefore) {
        query(
                "with gone as (delete from screen_presence where closed_at < ? or (view_tag is null and ack_at < ?) "
                        + "returning 1) select count(*) from gone",
                s -> {
                    s.setTimestamp(1, Timestamp.from(closedBefore));
                    s.setTimestamp(2, Timestamp.from(orphanedBefore));
                },
                rs -> {});
        query(
                "with gone as (delete from presence_instance i where seen_at < ? and not exists "
                        + "(select 1 from screen_presence p where p.instance = i.id) returning 1) select count(*) from gone",
                s -> s.setTimestamp(1, Timestamp.from(closedBefore)),
                rs -> {});
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Presence query failed: " + e.getMessage(), e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
