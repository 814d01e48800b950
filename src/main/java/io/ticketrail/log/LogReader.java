package io.ticketrail.log;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The log's reads for its followers (the feed's fan-out, the presence watch). Raw JDBC on purpose: they run on
 * every wake-up and every watch period, read plain rows, and need no entity.
 */
@Singleton
public class LogReader {

    @Inject
    DataSource dataSource;

    /**
     * Up to {@code limit} events after {@code after}, not past {@code upTo}, in seq order, stopping once about
     * {@code maxBytes} of state were read (the first event always comes).
     */
    public List<StoredEvent> events(String locationId, long after, long upTo, int limit, long maxBytes) {
        try (Connection connection = dataSource.getConnection()) {
            return EventLog.read(connection, locationId, after, upTo, limit, maxBytes);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event log of " + locationId, e);
        }
    }

    /** The same range without the states: which orders changed. */
    public List<StoredEvent> touched(String locationId, long after, long upTo, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return EventLog.readTouched(connection, locationId, after, upTo, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event log of " + locationId, e);
        }
    }

    /**
     * Events as {@link #events} does, but only while the log is still in {@code epoch} and has not gone back behind
     * {@code after}; empty when it was reset or restored (or the location is gone). The head is read first on the
     * same connection: a head in {@code epoch} at or past {@code after} means the rows after it belong to that epoch.
     */
    public Optional<List<StoredEvent>> eventsInEpoch(
            String locationId, UUID epoch, long after, long upTo, int limit, long maxBytes) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<StreamHead> head = EventLog.head(connection, locationId);
            if (head.isEmpty()
                    || !head.get().epoch().equals(epoch)
                    || head.get().lastSeq() < after) {
                return Optional.empty();
            }
            return Optional.of(EventLog.read(connection, locationId, after, upTo, limit, maxBytes));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event log of " + locationId, e);
        }
    }

    /** The last seq of each of these locations that has a log, in one query. */
    public Map<String, Long> heads(Collection<String> locationIds) {
        Map<String, Long> heads = new HashMap<>();
        streamHeads(locationIds).forEach((id, head) -> heads.put(id, head.lastSeq()));
        return heads;
    }

    /** The head (epoch included) of each of these locations that has a log, in one query. */
    public Map<String, StreamHead> streamHeads(Collection<String> locationIds) {
        Map<String, StreamHead> heads = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select location_id, epoch, last_seq, min_retained_seq from location_stream"
                                + " where location_id = any(?)")) {
            Array ids = connection.createArrayOf("varchar", locationIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    heads.put(
                            rs.getString(1), new StreamHead(rs.getObject(2, UUID.class), rs.getLong(3), rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read stream heads", e);
        }
        return heads;
    }

    /**
     * A location's part of {@link #pages}: its page, or why one of its rows could not be read (a type from a newer
     * release), which fails that location only.
     */
    public record LocationPage(String locationId, EventLog.Page page, RuntimeException unreadable) {

        /** The page, or the failure of this location's rows. */
        public EventLog.Page orThrow() {
            if (unreadable != null) {
                throw new IllegalStateException("Unreadable log entry of " + locationId, unreadable);
            }
            return page;
        }
    }

    // one statement for many locations: per (location, cursor) pair an index range scan of up to ?3 events with
    // their head, the same snapshot for both; the running sums bound the bytes per location (?4) and in all (?5)
    private static final String PAGES = """
            with asked as (
                select * from unnest(?::varchar[], ?::bigint[]) with ordinality as a(location_id, after, position)),
            found as (
                select a.position, a.location_id, a.after, s.epoch, s.last_seq, s.min_retained_seq,
                       e.seq, e.type, e.order_id, e.order_version, e.actor, e.occurred_at, e.state, e.running,
                       sum(octet_length(e.state)) over (order by a.position, e.seq) as total
                from asked a
                join location_stream s on s.location_id = a.location_id
                left join lateral (
                    select seq, type, order_id, order_version, actor, occurred_at, state::text as state,
                           sum(octet_length(state::text)) over (order by seq) as running
                    from order_event
                    where location_id = a.location_id and seq > a.after and seq <= s.last_seq
                    order by seq limit ?) e on true)
            select location_id, after, epoch, last_seq, min_retained_seq,
                   seq, type, order_id, order_version, actor, occurred_at, state
            from found
            where seq is null or (running - octet_length(state) < ? and total - octet_length(state) < ?)
            order by position, seq""";

    /**
     * The events after each location's cursor, in one statement: per location up to {@code limit} events and about
     * {@code bytesEach} of state (its first event always comes), and no more than about {@code bytesInAll} in all
     * (the first location's first event always comes). A location past that bound is left out; ask again for it.
     * Each page says, as {@link EventLog#read} does, whether retention removed part of its range.
     */
    public Map<String, LocationPage> pages(Map<String, Long> cursors, int limit, long bytesEach, long bytesInAll) {
        Map<String, LocationPage> pages = new LinkedHashMap<>();
        if (cursors.isEmpty()) {
            return pages;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(PAGES)) {
            statement.setArray(
                    1, connection.createArrayOf("varchar", cursors.keySet().toArray()));
            statement.setArray(
                    2, connection.createArrayOf("bigint", cursors.values().toArray()));
            statement.setInt(3, limit);
            statement.setLong(4, bytesEach);
            statement.setLong(5, bytesInAll);
            try (ResultSet rs = statement.executeQuery()) {
                PageRows rows = null;
                while (rs.next()) {
                    String locationId = rs.getString(1);
                    if (rows == null || !rows.locationId.equals(locationId)) {
                        if (rows != null) {
                            pages.put(rows.locationId, rows.page());
                        }
                        rows = new PageRows(
                                locationId,
                                rs.getLong(2),
                                new StreamHead(rs.getObject(3, UUID.class), rs.getLong(4), rs.getLong(5)));
                    }
                    rows.add(rs);
                }
                if (rows != null) {
                    pages.put(rows.locationId, rows.page());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event logs", e);
        }
        return pages;
    }

    /** The rows of one location in {@link #pages}, gathered until the next location's begin. */
    private static final class PageRows {
        final String locationId;
        final long after;
        final StreamHead head;
        final List<StoredEvent> events = new ArrayList<>();
        RuntimeException unreadable;

        PageRows(String locationId, long after, StreamHead head) {
            this.locationId = locationId;
            this.after = after;
            this.head = head;
        }

        void add(ResultSet rs) throws SQLException {
            if (unreadable != null || rs.getObject(6) == null) {
                return;
            }
            EventType type;
            try {
                type = EventType.valueOf(rs.getString(7));
            } catch (IllegalArgumentException e) {
                unreadable = e;
                return;
            }
            events.add(new StoredEvent(
                    rs.getLong(6),
                    type,
                    rs.getObject(8, UUID.class),
                    rs.getLong(9),
                    rs.getString(10),
                    rs.getTimestamp(11).toInstant(),
                    rs.getString(12)));
        }

        LocationPage page() {
            if (unreadable != null) {
                return new LocationPage(locationId, null, unreadable);
            }
            // one snapshot, so only a range retention had already passed is incomplete; checked as EventLog.read does
            boolean complete = head.retainsAfter(after)
                    && (events.isEmpty()
                            ? after >= head.lastSeq()
                            : events.get(0).seq() == after + 1);
            return new LocationPage(locationId, new EventLog.Page(head, complete ? events : List.of(), complete), null);
        }
    }

    /**
     * Where to start reading each of these locations' logs to see what happened since {@code since}, in one
     * statement; a location without a log is left out.
     */
    public Map<String, Long> startsOf(Collection<String> locationIds, Instant since) {
        Map<String, Long> starts = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select s.location_id,
                               coalesce((select min(seq) - 1 from order_event e
                                         where e.location_id = s.location_id and e.occurred_at >= ?), s.last_seq)
                        from location_stream s where s.location_id = any(?)""")) {
            statement.setTimestamp(1, Timestamp.from(since));
            statement.setArray(2, connection.createArrayOf("varchar", locationIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    starts.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not find where to read the event logs", e);
        }
        return starts;
    }
}
