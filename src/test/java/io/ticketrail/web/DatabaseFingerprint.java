package io.ticketrail.web;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import io.ticketrail.testsupport.Db;

/**
 * Every committed change to the application's tables, in one cheap query: per table its row count (inserts and
 * deletes) and the sum of its rows' xmin (an update writes a new row version with a newer xmin). Row locks, reads
 * and rolled-back writes leave it as it was, so it says exactly "something was written".
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

    private static final String QUERY = "select "
            + TABLES.stream()
                    .map(t -> "(select '" + t + " ' || count(*) || ' ' || coalesce(sum(xmin::text::bigint), 0) from "
                            + t + ")")
                    .collect(Collectors.joining(" || ', ' || "));

    private final Connection connection;

    DatabaseFingerprint() throws SQLException {
        connection = Db.connect();
        connection.setAutoCommit(true);
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
