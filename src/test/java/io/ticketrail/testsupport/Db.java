package io.ticketrail.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.ticketrail.feed.FeedListener;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Direct reads of the test database, to assert what was (and was not) written. */
public final class Db {

    private Db() {}

    /** One row of order_event; {@code stateVersion} is the version inside the stored order view. */
    public record Event(long seq, UUID orderId, long orderVersion, String type, long stateVersion) {}

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A new connection of its own, for a caller that holds a transaction, LISTENs or changes session settings. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
    }

    /**
     * One shared connection for the read-only lookups below, one at a time: a new connection per read starts a
     * PostgreSQL backend each time, which was a large part of the suite's time (two or three per permission case).
     */
    private static Connection reader;

    private static String readerUrl;

    private interface Read<T> {
        T on(Connection connection) throws SQLException;
    }

    private static synchronized <T> T read(Read<T> read) {
        try {
            String url = PostgresResource.jdbcUrl();
            if (reader == null || !url.equals(readerUrl) || !reader.isValid(5)) {
                closeReader();
                reader = connect();
                readerUrl = url;
            }
            return read.on(reader);
        } catch (SQLException e) {
            closeReader(); // a test may have killed it or restarted the server: the next read opens a new one
            throw new IllegalStateException(e);
        }
    }

    private static void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (SQLException ignored) {
                // it is gone either way
            }
            reader = null;
        }
    }

    public static long eventCount(String locationId) {
        return single("select count(*) from order_event where location_id = ?", locationId);
    }

    public static long orderCount(String locationId) {
        return single("select count(*) from kitchen_order where location_id = ?", locationId);
    }

    /**
     * Everything a refused request must leave as it was at these locations, one comparable text each: the event log
     * head, the settings, stations and routes, the POS keys and the screens ("-" for what does not exist).
     */
    public static Map<String, String> stateOf(List<String> locationIds) {
        return read(c -> {
            Map<String, String> states = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                with p(id) as (select ?::varchar)
                select concat_ws(' | ',
                    coalesce((select last_seq::text from location_stream s where s.location_id = p.id), '-'),
                    coalesce((select md5(l::text) from location l where l.id = p.id), '-'),
                    coalesce((select md5(string_agg(s::text, ',' order by s::text)) from station s
                              where s.location_id = p.id), '-'),
                    coalesce((select md5(string_agg(r::text, ',' order by r::text)) from route r
                              where r.location_id = p.id), '-'),
                    coalesce((select md5(string_agg(k::text, ',' order by k::text)) from api_key k
                              where k.location_id = p.id), '-'),
                    coalesce((select md5(string_agg(d::text, ',' order by d::text)) from device d
                              where d.location_id = p.id), '-'),
                    coalesce((select md5(string_agg(w.id || w.url, ',' order by w.id)) from webhook_endpoint w
                              where w.location_id = p.id), '-'))
                from p""")) {
                for (String id : locationIds) {
                    s.setString(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        states.put(id, rs.getString(1));
                    }
                }
            }
            return states;
        });
    }

    public static long head(String locationId) {
        return single("select last_seq from location_stream where location_id = ?", locationId);
    }

    /** The external ids of the location's orders, one per row. */
    public static List<String> externalIds(String locationId) {
        return query("select external_id from kitchen_order where location_id = ?", locationId, rs -> rs.getString(1));
    }

    /** The backends of every instance's LISTEN connection. */
    public static List<Integer> listenBackends() {
        return query(
                "select pid from pg_stat_activity where application_name = ?",
                FeedListener.APPLICATION_NAME,
                rs -> rs.getInt(1));
    }

    /** Terminates every instance's LISTEN connection, as a failover or a network cut would; returns their pids. */
    public static List<Integer> terminateListenBackends() {
        // in the select list, not the where clause: there PostgreSQL may call it on rows the filter rejects
        return query(
                "select pid, pg_terminate_backend(pid) from pg_stat_activity where application_name = ?",
                FeedListener.APPLICATION_NAME,
                rs -> rs.getInt(1));
    }

    public static String epoch(String locationId) {
        return query("select epoch::text from location_stream where location_id = ?", locationId, rs -> rs.getString(1))
                .get(0);
    }

    public static List<Long> seqs(String locationId) {
        return events(locationId).stream().map(Event::seq).toList();
    }

    /** The location's events in seq order. */
    public static List<Event> events(String locationId) {
        return query(
                """
                select seq, order_id, order_version, type, (state ->> 'version')::bigint from order_event
                where location_id = ? order by seq""",
                locationId,
                rs -> new Event(
                        rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4), rs.getLong(5)));
    }

    public static void execute(String sql) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes every command at this location fail at COMMIT until closed: a deferred constraint trigger on the event
     * table raises once every statement of the command (event insert, head update, pg_notify) has run, the hardest
     * place to roll back from.
     */
    public static CommitsRefused refuseCommitsAt(String locationId) {
        return refuseCommitsAt(locationId, "P0001");
    }

    /**
     * As {@link #refuseCommitsAt(String)}, with the SQLSTATE PostgreSQL would give: {@code 53100} for a full disk,
     * {@code 57P01} for a server shutting down, {@code P0001} (a plain raise) for a failure that is nobody's outage.
     */
    public static CommitsRefused refuseCommitsAt(String locationId, String sqlState) {
        return atCommit(
                "fail_commit_",
                locationId,
                "raise exception using message = 'test refuses the commit of %s', errcode = '%s'"
                        .formatted(locationId, sqlState));
    }

    /**
     * Has the server end the session of every command at this location while it runs COMMIT (FATAL 57P01, the
     * connection closed), as an administrator or a crash would, before the commit record is written: the client
     * cannot know the outcome, PostgreSQL rolled back.
     */
    public static CommitsRefused killSessionAtCommit(String locationId) {
        return atCommit("kill_at_commit_", locationId, "perform pg_terminate_backend(pg_backend_pid())");
    }

    /** A deferred constraint trigger on the event table that runs {@code action} at COMMIT for one location. */
    private static CommitsRefused atCommit(String prefix, String locationId, String action) {
        String trigger = prefix + locationId.replace('-', '_');
        execute("""
                create function %1$s() returns trigger language plpgsql as $$
                begin
                    if new.location_id = '%2$s' then
                        %3$s;
                    end if;
                    return null;
                end $$""".formatted(trigger, locationId, action));
        execute(("create constraint trigger %1$s after insert on order_event deferrable initially deferred "
                        + "for each row execute function %1$s()")
                .formatted(trigger));
        return new CommitsRefused(trigger);
    }

    /** Drops the trigger of {@link #refuseCommitsAt} or {@link #killSessionAtCommit} again. */
    public static final class CommitsRefused implements AutoCloseable {

        private final String trigger;

        private CommitsRefused(String trigger) {
            this.trigger = trigger;
        }

        @Override
        public void close() {
            execute("drop trigger if exists %1$s on order_event".formatted(trigger));
            execute("drop function if exists %1$s()".formatted(trigger));
        }
    }

    /** Opens a connection that LISTENs on a channel, as a replica's feed listener does. */
    public static Listener listen(String channel) {
        try {
            Connection connection = connect();
            try (Statement s = connection.createStatement()) {
                s.execute("listen " + channel);
            }
            return new Listener(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payloads a LISTEN connection receives, in the order PostgreSQL delivers them (commit order). */
    public static final class Listener implements AutoCloseable {

        private final Connection connection;

        private Listener(Connection connection) {
            this.connection = connection;
        }

        /**
         * The payloads that match, received until one equals {@code last}. Notifications arrive in commit order, so
         * everything committed before {@code last} is in the list by then.
         */
        public List<String> receiveUntil(String last, Predicate<String> matching, Duration timeout) {
            List<String> payloads = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!payloads.contains(last)) {
                    long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                    if (leftMillis <= 0) {
                        throw new AssertionError("no " + last + " within " + timeout + ", only " + payloads);
                    }
                    PGNotification[] received = pg.getNotifications((int) leftMillis);
                    for (PGNotification n : received == null ? new PGNotification[0] : received) {
                        if (matching.test(n.getParameter())) {
                            payloads.add(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return payloads;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Sessions ever started by this manager, signed out or not. */
    public static long sessionsOf(String username) {
        return single(
                "select count(*) from manager_session s join manager m on m.id = s.manager_id where m.username = ?",
                username);
    }

    private static long single(String sql, String parameter) {
        return query(sql, parameter, rs -> rs.getLong(1)).get(0);
    }

    private static <T> List<T> query(String sql, String parameter, Row<T> row) {
        return read(c -> {
            List<T> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, parameter);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row.read(rs));
                    }
                }
            }
            return rows;
        });
    }
}
