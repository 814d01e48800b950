package io.ticketrail.log;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The log's reads for its followers (the feed's fan-out, the presence watch). Raw JDBC on purpose: they run on
 * every wake-up and every watch period, read plain rows, and need no entity.
 */
@ApplicationScoped
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

    /** Where to start reading a location's log to see what happened since {@code since}: just before it. */
    public long startOf(String locationId, Instant since) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select coalesce((select min(seq) - 1 from order_event where location_id = ? and occurred_at >= ?),
                                        (select last_seq from location_stream where location_id = ?))""")) {
            statement.setString(1, locationId);
            statement.setTimestamp(2, Timestamp.from(since));
            statement.setString(3, locationId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not find where to read the log of " + locationId, e);
        }
    }
}
