package io.ticketrail.web;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

    private static final int PARAMETERS =
            (int) QUERY.chars().filter(c -> c == '?').count();

    private static String outsideIgnored(String table) {
        if (table.equals("order_item")) {
            return "order_id not in (select id from kitchen_order where location_id = any(?))";
        }
        return PER_LOCATION.contains(table) ? "(location_id is null or location_id <> all(?))" : "true";
    }

    private final Connection connection;
    private final Array ignored;

    /** @param watched the test's own locations; every other location that exists now is left out */
    DatabaseFingerprint(Collection<String> watched) throws SQLException {
        connection = Db.connect();
        connection.setAutoCommit(true);
        List<String> others = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select id from location where id <> all(?)")) {
            query.setArray(1, connection.createArrayOf("varchar", watched.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    others.add(rows.getString(1));
                }
            }
        }
        ignored = connection.createArrayOf("varchar", others.toArray());
    }

    String take() {
        try (PreparedStatement query = connection.prepareStatement(QUERY)) {
            for (int i = 1; i <= PARAMETERS; i++) {
                query.setArray(i, ignored);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
