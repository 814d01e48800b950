package io.ticketrail.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketrail.config.Pending;
import io.ticketrail.config.SqlInstants;
import io.ticketrail.config.TransactionConnection;
import io.ticketrail.web.ProblemException;

/**
 * The one place that appends to, and reads, the per-location event log. Appends run inside the command's
 * transaction; the NOTIFY they send is delivered by PostgreSQL only at commit, and only a wake-up: listeners read
 * the rows by seq.
 */
@Singleton
public class EventLog {

    public static final String CHANNEL = "ticketrail_feed";

    // one round trip: the event row, the new head, and the wake-up; the location id is bound once (as the first
    // value) and read back from the inserted row
    private static final String APPEND_TEMPLATE = """
            with e as (
                insert into order_event (location_id, seq, order_id, order_version, type, actor, occurred_at, state)
                values (?, ?, %s)
                returning location_id, seq),
            s as (update location_stream l set last_seq = e.seq from e where l.location_id = e.location_id
                  returning l.location_id, l.last_seq)
            select pg_notify('%s', location_id || ':' || last_seq) from s
            """;
    // the state goes as UTF-8 bytes, as it was encoded, and PostgreSQL reads it as text: no Java String in between
    private static final String ORDER_EVENT_VALUES = "?, ?, ?, ?, ?, cast(convert_from(?, 'UTF8') as jsonb)";
    private static final String APPEND = APPEND_TEMPLATE.formatted(ORDER_EVENT_VALUES, CHANNEL);
    // in a writer lane's batch: the event and the head only; notifyHeads wakes listeners once per location at the end
    private static final String APPEND_QUIETLY = """
            with e as (
                insert into order_event (location_id, seq, order_id, order_version, type, actor, occurred_at, state)
                values (?, ?, %s)
                returning location_id, seq)
            update location_stream l set last_seq = e.seq from e where l.location_id = e.location_id
            """.formatted(ORDER_EVENT_VALUES);
    // an entry of the location rather than of one order (an alarm raised or cleared): no order id, version 0
    private static final String APPEND_LOCATION_EVENT =
            APPEND_TEMPLATE.formatted("null, 0, ?, ?, ?, cast(convert_from(?, 'UTF8') as jsonb)", CHANNEL);
    private static final String LOCK =
            "select epoch, last_seq, config_version from location_stream where location_id = ? for update";
    // the lock of a command that assumed the stream's state (lockAssuming): the row is locked only if it is still as
    // assumed, and otherwise the statement fails the transaction, before the COMMIT that travels in its round trip
    private static final String LOCK_ASSUMING = """
            with l as (
                select 1 from location_stream
                where location_id = ? and epoch = ? and last_seq = ? and config_version = ? for update)
            select ticketrail_expect_rows(count(*), 1, ?) from l""";

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    TransactionConnection transaction;

    @Inject
    ObjectMapper json;

    /** A new location's empty log, in a fresh epoch. */
    public void createStream(String locationId) {
        em.createNativeQuery("insert into location_stream (location_id, epoch, last_seq, min_retained_seq) "
                        + "values (?1, ?2, 0, 1) on conflict do nothing")
                .setParameter(1, locationId)
                .setParameter(2, UUID.randomUUID())
                .executeUpdate();
    }

    /**
     * Locks the location's stream row until the transaction ends. Every command takes it first, so commands on one
     * location run one at a time and each reads the state the previous one committed.
     *
     * @throws ProblemException 404 when there is no such location
     */
    public StreamLock lock(String locationId) {
        return lockLater(locationId).get();
    }

    /**
     * As {@link #lock(String)}, queued (TransactionConnection.readLater): the reads a command queues after it go
     * in the same round trip, and run once the lock is held. Its {@code get()} throws 404 when there is no such
     * location.
     */
    public Pending<StreamLock> lockLater(String locationId) {
        return lockLater(locationId, false);
    }

    /**
     * As {@link #lockLater(String)}, for one location of a writer lane's batch: lock a batch's locations in sorted
     * order (two transactions then never wait for each other in a cycle), append under each, and end with
     * {@link #notifyHeads}.
     */
    public Pending<StreamLock> lockForBatchLater(String locationId) {
        return lockLater(locationId, true);
    }

    /**
     * As {@link #lock(String)}, without waiting for the row: the caller says what it holds (the epoch, head and
     * configuration version that its own last commit there left), and the lock is queued with the transaction's
     * writes (TransactionConnection.defer), so a command can go in a single round trip. If the row moved since,
     * the transaction fails before it commits: the caller then runs the command again the usual way.
     */
    public StreamLock lockAssuming(String locationId, UUID epoch, long head, long configVersion) {
        transaction.defer(LOCK_ASSUMING, (statement, first) -> {
            statement.setString(first, locationId);
            statement.setObject(first + 1, epoch);
            statement.setLong(first + 2, head);
            statement.setLong(first + 3, configVersion);
            statement.setString(first + 4, "The log of " + locationId + " moved since this instance last wrote it");
            return first + 5;
        });
        return new StreamLock(locationId, epoch, head, configVersion, false);
    }

    /** One wake-up per location that a batch appended to, carrying its new head; delivered at commit, as always. */
    public void notifyHeads(Collection<StreamLock> locks) {
        String[] heads = locks.stream()
                .filter(StreamLock::appended)
                .map(lock -> lock.locationId() + ":" + lock.head())
                .toArray(String[]::new);
        if (heads.length == 0) {
            return;
        }
        transaction.defer("select count(pg_notify(?, h)) from unnest(?) h", (statement, first) -> {
            statement.setString(first, CHANNEL);
            statement.setArray(first + 1, statement.getConnection().createArrayOf("text", heads));
            return first + 2;
        });
    }

    // plain JDBC on the transaction's connection, as for every statement a command runs here: a Hibernate native
    // query builds a query plan, a parameter binding layer and a result row transformer per call, which cost more
    // than the statement itself (docs/performance.md, "The command path's Hibernate overhead")
    private Pending<StreamLock> lockLater(String locationId, boolean batched) {
        return transaction.readLater(
                LOCK,
                (statement, first) -> {
                    statement.setString(first, locationId);
                    return first + 1;
                },
                statement -> {
                    try (ResultSet rs = statement.getResultSet()) {
                        if (!rs.next()) {
                            throw ProblemException.notFound("No location " + locationId);
                        }
                        return new StreamLock(
                                locationId, rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), batched);
                    }
                });
    }

    /**
     * Marks the location's configuration as changed, in the transaction that changes it. The update waits for the
     * stream row, so a command either ran entirely before the change (and its rules) or sees the new version.
     */
    public void configChanged(String locationId) {
        em.createNativeQuery("update location_stream set config_version = config_version + 1 where location_id = ?1")
                .setParameter(1, locationId)
                .executeUpdate();
    }

    /** The head as this transaction sees it: read in the same snapshot as the transaction's other reads. */
    public Optional<StreamHead> currentHead(String locationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select epoch, last_seq, min_retained_seq from location_stream where location_id = ?1")
                .setParameter(1, locationId)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(row ->
                        new StreamHead((UUID) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
    }

    /** Appends one event with the order's state after the change; returns its seq. */
    public long append(
            StreamLock lock,
            EventType type,
            UUID orderId,
            long orderVersion,
            Object state,
            String actor,
            Instant occurredAt) {
        return append(lock, type, orderId, orderVersion, encode(state), actor, occurredAt);
    }

    /** Appends one event whose state the caller already encoded as JSON (and answers with); returns its seq. */
    public long append(
            StreamLock lock,
            EventType type,
            UUID orderId,
            long orderVersion,
            byte[] stateJson,
            String actor,
            Instant occurredAt) {
        long seq = lock.next();
        // deferred with the command's other writes (TransactionConnection.defer): the seq came from the lock, so
        // nothing in the command waits for the row
        transaction.defer(lock.batched() ? APPEND_QUIETLY : APPEND, (statement, first) -> {
            statement.setString(first, lock.locationId());
            statement.setLong(first + 1, seq);
            statement.setObject(first + 2, orderId);
            statement.setLong(first + 3, orderVersion);
            statement.setString(first + 4, type.name());
            statement.setString(first + 5, actor);
            SqlInstants.set(statement, first + 6, occurredAt);
            statement.setBytes(first + 7, stateJson);
            return first + 8;
        });
        return seq;
    }

    /** Appends an entry that concerns the location, not one order: no screen shows it; returns its seq. */
    public long appendLocationEvent(StreamLock lock, EventType type, Object detail, String actor, Instant occurredAt) {
        long seq = lock.next();
        byte[] state = encode(detail);
        transaction.defer(APPEND_LOCATION_EVENT, (statement, first) -> {
            statement.setString(first, lock.locationId());
            statement.setLong(first + 1, seq);
            statement.setString(first + 2, type.name());
            statement.setString(first + 3, actor);
            SqlInstants.set(statement, first + 4, occurredAt);
            statement.setBytes(first + 5, state);
            return first + 6;
        });
        return seq;
    }

    /**
     * Up to {@code limit} events after {@code after}, no more than about {@code maxBytes} of order state (at least
     * one event), and the head they were read against. Reading the head first
     * is enough for consistency: a committed head means every event up to it is committed too.
     */
    public Page read(String locationId, long after, int limit, long maxBytes) {
        try (Connection connection = dataSource.getConnection()) {
            StreamHead head = head(connection, locationId)
                    .orElseThrow(() -> ProblemException.notFound("No location " + locationId));
            List<StoredEvent> events = head.retainsAfter(after)
                    ? read(connection, locationId, after, head.lastSeq(), limit, maxBytes)
                    : List.of();
            // retention may have deleted the start of the range between the two reads
            boolean complete = head.retainsAfter(after)
                    && (events.isEmpty()
                            ? after >= head.lastSeq() || limit == 0
                            : events.get(0).seq() == after + 1);
            return new Page(head, events, complete);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event log of " + locationId, e);
        }
    }

    /** Events read from the log; {@code complete} is false when retention removed some of the asked range. */
    public record Page(StreamHead head, List<StoredEvent> events, boolean complete) {}

    static Optional<StreamHead> head(Connection connection, String locationId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select epoch, last_seq, min_retained_seq from location_stream where location_id = ?")) {
            statement.setString(1, locationId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StreamHead(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Events after {@code after} up to {@code upTo}: at most {@code limit}, and only while the states before an
     * event add up to less than {@code maxBytes}, so a run of large orders is read (and sent) in several parts
     * rather than as one block of memory. The first event always comes.
     */
    static List<StoredEvent> read(
            Connection connection, String locationId, long after, long upTo, int limit, long maxBytes)
            throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select seq, type, order_id, order_version, actor, occurred_at, state from (
                    select seq, type, order_id, order_version, actor, occurred_at, state::text as state,
                           sum(octet_length(state::text)) over (order by seq) as running
                    from order_event where location_id = ? and seq > ? and seq <= ? order by seq limit ?) e
                where running - octet_length(state) < ? order by seq""")) {
            statement.setString(1, locationId);
            statement.setLong(2, after);
            statement.setLong(3, upTo);
            statement.setInt(4, limit);
            statement.setLong(5, maxBytes);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Timestamp occurred = rs.getTimestamp(6);
                    events.add(new StoredEvent(
                            rs.getLong(1),
                            EventType.valueOf(rs.getString(2)),
                            rs.getObject(3, UUID.class),
                            rs.getLong(4),
                            rs.getString(5),
                            occurred.toInstant(),
                            rs.getString(7)));
                }
            }
        }
        return events;
    }

    /** Which orders the events after {@code after} up to {@code upTo} touched, without their states. */
    static List<StoredEvent> readTouched(Connection connection, String locationId, long after, long upTo, int limit)
            throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select seq, type, order_id, order_version, actor, occurred_at from order_event
                where location_id = ? and seq > ? and seq <= ? order by seq limit ?""")) {
            statement.setString(1, locationId);
            statement.setLong(2, after);
            statement.setLong(3, upTo);
            statement.setInt(4, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(
                            rs.getLong(1),
                            EventType.valueOf(rs.getString(2)),
                            rs.getObject(3, UUID.class),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant(),
                            null));
                }
            }
        }
        return events;
    }

    private byte[] encode(Object state) {
        try {
            return json.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not encode an order's state", e);
        }
    }
}
