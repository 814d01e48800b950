package io.ticketrail.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct reads of the test database, to assert what was (and was not) written. */
public final class Db {

    private Db() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
    }

    public static long eventCount(String locationId) {
        return single("select count(*) from order_event where location_id = ?", locationId);
    }

    public static long orderCount(String locationId) {
        return single("select count(*) from kitchen_order where location_id = ?", locationId);
    }

    public static long head(String locationId) {
        return single("select last_seq from location_stream where location_id = ?", locationId);
    }

    public static List<Long> seqs(String locationId) {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("select seq from order_event where location_id = ? order by seq")) {
            s.setString(1, locationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return seqs;
    }

    public static void execute(String sql) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long single(String sql, String parameter) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
