package io.ticketrail.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.ticketrail.testsupport.Db;
import org.postgresql.PGStatement;

/**
 * Every committed change to the application's tables, in one cheap query: per table its row count (inserts and
 * deletes) and the sum of its rows' xmin (an update writes a new row version with a newer xmin). Row locks, reads
 * and rolled-back writes leave it as it was, so it says exactly "something was written".
 *
 * <p>Rows of the locations that existed before, other than the ones the test watches, are left out: other test
 * classes' locations, which the alarm leader goes on evaluating in the background (a presence test's short
 * thresholds and open orders raise and clear alarms, which are log entries, long after that test ended). What the
 * fingerprint sees then does not depend on which tests ran before; a location created later counts whole.
 */
final class DatabaseFingerprint implements AutoCloseable {

    /** Every table the application writes; a refused request may touch none of them. */
    private static final List<String> TABLES = List.of(
            "location",
            "station",
            "route",
            "location_stream",
            "order_number_counter",
            "kitchen_order",
            "order_item",
            "order_event",
            "idempotency_record",
            "manager",
            "manager_session",
            "api_key",
            "device");

    /** The tables with a location_id column. */
    private static final Set<String> PER_LOCATION = Set.of(
            "station",
            "route",
            "location_stream",
            "order_number_counter",
            "kitchen_order",
            "order_event",
            "idempotency_record",
            "api_key",
            "device");

    /**
     * The locations counted, as one array: the planner then reads each table's rows of those locations through its
     * location index, and the cost of a take grows with the watched locations' rows, not with the whole run's.
     */
    private static final String COUNTED = "(select counted from mine)::varchar[]"; // the cast: an array, no subquery

    private static final String QUERY = """
            with mine as (
                select coalesce(array_agg(l.id), '{}') as counted from location l
                where not exists (select 1 from fingerprint_ignored g where g.id = l.id))
            select """
            + TABLES.stream()
                    .map(t -> "(select '" + t + " ' || count(*) || ' ' || coalesce(sum(xmin::text::bigint), 0) from "
                            + t + " where " + counted(t) + ")")
                    .collect(Collectors.joining(" || ', ' || "));

    private static String counted(String table) {
        if (table.equals("order_item")) {
            return "order_id = any(array(select o.id from kitchen_order o where o.location_id = any(" + COUNTED + ")))";
        }
        return PER_LOCATION.contains(table) ? "location_id = any(" + COUNTED + ")" : "true";
    }

    private final Connection connection;
    /** Kept open: planning the query costs about as much as running it, so it is planned once, server-side. */
    private final PreparedStatement query;

    /**
     * @param watched the test's own locations; every other location that exists now is left out (a temporary table
     *     of this connection: hundreds of locations in a full run)
     */
    DatabaseFingerprint(Collection<String> watched) throws SQLException {
        connection = Db.connect();
        connection.setAutoCommit(true);
        try (PreparedStatement ignore = connection.prepareStatement("""
                create temporary table fingerprint_ignored as
                    select id from location where id <> all(?)""")) {
            ignore.setArray(1, connection.createArrayOf("varchar", watched.toArray()));
            ignore.execute();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table fingerprint_ignored add primary key (id)");
            statement.execute("analyze fingerprint_ignored");
        }
        query = connection.prepareStatement(QUERY);
        query.unwrap(PGStatement.class).setPrepareThreshold(1);
    }

    String take() {
        try (ResultSet row = query.executeQuery()) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        query.close();
        connection.close();
    }
}
