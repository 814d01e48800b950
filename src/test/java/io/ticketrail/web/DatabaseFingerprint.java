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

    private static final String QUERY = "select "
            + TABLES.stream()
                    .map(t -> "(select '" + t + " ' || count(*) || ' ' || coalesce(sum(xmin::text::bigint), 0) from "
                            + t + " where " + outsideIgnored(t) + ")")
                    .collect(Collectors.joining(" || ', ' || "));

    private static String outsideIgnored(String table) {
        if (table.equals("order_item")) {
            return "not exists (select 1 from kitchen_order o join fingerprint_ignored g on g.id = o.location_id"
                    + " where o.id = order_item.order_id)";
        }
        return PER_LOCATION.contains(table)
                ? "not exists (select 1 from fingerprint_ignored g where g.id = " + table + ".location_id)"
                : "true";
    }

    private final Connection connection;

    /**
     * @param watched the test's own locations; every other location that exists now is left out (a temporary table
     *     of this connection, joined as an anti-join: hundreds of locations in a full run, read on every take)
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
    }

    String take() {
        try (Statement query = connection.createStatement();
                ResultSet row = query.executeQuery(QUERY)) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
