package io.ticketrail.presence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.ticketrail.config.SqlArrays;
import io.ticketrail.config.SqlInstants;
import io.ticketrail.feed.ScreenWatch;
import org.jboss.logging.Logger;

/**
 * This instance's screens and their acknowledgements, written to {@code screen_presence} in one statement per
 * {@code flushEvery} for the screens that changed (plus this instance's heartbeat in the same statement), never
 * one write per acknowledgement. That is what lets every instance, and the alarm leader, see every screen.
 */
@Singleton
public class ScreenRegistry implements ScreenWatch {

    private static final Logger LOG = Logger.getLogger(ScreenRegistry.class);

    // A holder's row replaces the screen's fields; an ack-only row (view null, from an instance that took a REST
    // acknowledgement) only moves the ack forward. Either is refused for another credential's screen, and a
    // closing holder does not close a row another instance took over (an SSE screen that reconnected elsewhere).
    private static final String UPSERT = """
            with beat as (insert into presence_instance (id, seen_at) values (?, now())
                          on conflict (id) do update set seen_at = excluded.seen_at)
            insert into screen_presence as p (id, location_id, owner, instance, view_tag, station, transport,
                connected_at, closed_at, pending_seq, pending_since, ack_seq, ack_at, page)
            select r.id, r.location_id, r.owner, case when r.view_tag is null then null else ? end, r.view_tag,
                r.station, r.transport, r.connected_at, r.closed_at, r.pending_seq, r.pending_since, r.ack_seq,
                r.ack_at, r.page
            from unnest(?::uuid[], ?::varchar[], ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[]::timestamptz[], ?::varchar[]::timestamptz[], ?::bigint[], ?::varchar[]::timestamptz[],
                ?::bigint[], ?::varchar[]::timestamptz[], ?::varchar[])
                as r(id, location_id, owner, view_tag, station, transport, connected_at, closed_at, pending_seq,
                     pending_since, ack_seq, ack_at, page)
            on conflict (id) do update set
                instance = coalesce(excluded.instance, p.instance),
                view_tag = coalesce(excluded.view_tag, p.view_tag),
                station = case when excluded.view_tag is null then p.station else excluded.station end,
                transport = coalesce(excluded.transport, p.transport),
                connected_at = coalesce(excluded.connected_at, p.connected_at),
                closed_at = case when excluded.view_tag is null then p.closed_at else excluded.closed_at end,
                pending_seq = case when excluded.view_tag is null then p.pending_seq else excluded.pending_seq end,
                pending_since = case when excluded.view_tag is null then p.pending_since else excluded.pending_since end,
                ack_seq = greatest(p.ack_seq, excluded.ack_seq),
                ack_at = greatest(p.ack_at, excluded.ack_at),
                page = coalesce(excluded.page, p.page)
            where p.owner = excluded.owner
                and (excluded.closed_at is null or p.instance is null or p.instance = excluded.instance)
            """;

    @Inject
    DataSource dataSource;

    @Inject
    PresenceConfig config;

    @Inject
    PresenceInstance instance;

    private final Map<UUID, ScreenTracker> screens = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<PresenceRow> remoteAcks = new ConcurrentLinkedQueue<>();

    /**
     * A screen that comes back under its id (an SSE reconnect) takes the row over from its old connection: the old
     * connection's tracker leaves the map, and what that connection still tells it is never written.
     */
    @Override
    public Presence opened(Watched screen) {
        ScreenTracker tracker = new ScreenTracker(screen, Instant.now());
        screens.put(screen.id(), tracker);
        return tracker;
    }

    /**
     * An acknowledgement sent over REST (the SSE fallback). When this instance holds the screen it is applied
     * here; otherwise it goes into the next batch, where the database checks the credential against the row.
     *
     * @return false when this instance holds the screen and it belongs to another credential
     */
    public boolean ackFromRest(String locationId, UUID screenId, UUID owner, long seq, String page) {
        ScreenTracker tracker = screens.get(screenId);
        if (tracker != null) {
            if (!tracker.screen.owner().equals(owner)
                    || !tracker.screen.locationId().equals(locationId)) {
                return false;
            }
            tracker.acked(seq, page, Instant.now());
            return true;
        }
        remoteAcks.add(PresenceRow.ackOnly(screenId, locationId, owner, seq, Instant.now(), page));
        return true;
    }

    /** Writes what changed now; the tests call it to skip a period's wait. */
    public void flush() {
        List<PresenceRow> rows = new ArrayList<>();
        List<UUID> written = new ArrayList<>();
        for (ScreenTracker tracker : screens.values()) {
            PresenceRow row = tracker.takeChange();
            if (row != null) {
                rows.add(row);
                if (tracker.isClosed()) {
                    written.add(row.id());
                }
            }
        }
        for (PresenceRow ack; (ack = remoteAcks.poll()) != null; ) {
            rows.add(ack);
        }
        try {
            write(rows);
        } catch (SQLException | RuntimeException e) {
            // written again with the next batch: the trackers still hold the newest state
            screens.values().forEach(ScreenTracker::markDirty);
            throw new IllegalStateException("Could not write screen presence", e);
        }
        // a closed screen is forgotten here once its close is written
        written.forEach(id -> screens.computeIfPresent(id, (k, t) -> t.isClosed() ? null : t));
    }

    @Scheduled(
            every = "${ticketrail.presence.flush-every}",
            delayed = "${ticketrail.presence.flush-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Screen presence not written, retrying with the next batch: %s", e.getMessage());
        }
    }

    private void write(List<PresenceRow> rows) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setString(1, instance.id());
            statement.setString(2, instance.id());
            int i = 3;
            SqlArrays.setText(statement, i++, column(rows, PresenceRow::id));
            SqlArrays.setText(statement, i++, column(rows, PresenceRow::locationId));
            SqlArrays.setText(statement, i++, column(rows, PresenceRow::owner));
            SqlArrays.setText(statement, i++, column(rows, PresenceRow::view));
            SqlArrays.setText(statement, i++, column(rows, PresenceRow::station));
            SqlArrays.setText(statement, i++, column(rows, PresenceRow::transport));
            // instants as ISO-8601 text with its Z: the driver would write a Timestamp in the JVM's zone
            SqlArrays.setText(statement, i++, column(rows, r -> SqlInstants.text(r.connectedAt())));
            SqlArrays.setText(statement, i++, column(rows, r -> SqlInstants.text(r.closedAt())));
            SqlArrays.setText(statement, i++, column(rows, PresenceRow::pendingSeq));
            SqlArrays.setText(statement, i++, column(rows, r -> SqlInstants.text(r.pendingSince())));
            SqlArrays.setText(statement, i++, column(rows, PresenceRow::ackSeq));
            SqlArrays.setText(statement, i++, column(rows, r -> SqlInstants.text(r.ackAt())));
            SqlArrays.setText(statement, i++, column(rows, PresenceRow::page));
            statement.executeUpdate();
        }
    }

    /** One field of every row, bound as an array literal that the statement casts to the column's type. */
    private static List<Object> column(List<PresenceRow> rows, Function<PresenceRow, Object> field) {
        return rows.stream().map(field).toList();
    }
}
