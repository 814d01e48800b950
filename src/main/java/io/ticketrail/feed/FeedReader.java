package io.ticketrail.feed;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.StoredEvent;
import io.ticketrail.log.StreamHead;
import io.ticketrail.order.OrderService;
import io.ticketrail.order.OrderView;

/** The feed's reads of the database: open orders with the head they match, missed events, heads. */
@ApplicationScoped
class FeedReader {

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    OrderService orders;

    /** A location's open orders exactly as of {@code head}: both read in one REPEATABLE READ snapshot. */
    record OpenOrders(StreamHead head, List<OrderView> orders) {}

    Optional<OpenOrders> openOrders(String locationId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set transaction isolation level repeatable read, read only")
                    .executeUpdate();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "select epoch, last_seq, min_retained_seq from location_stream where location_id = ?1")
                    .setParameter(1, locationId)
                    .getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] row = rows.get(0);
            StreamHead head =
                    new StreamHead((UUID) row[0], ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
            return Optional.of(new OpenOrders(head, orders.listOnTheLine(locationId)));
        });
    }

    /**
     * Up to {@code limit} events after {@code after}, not past {@code upTo}, in seq order, stopping once about
     * {@code maxBytes} of state were read (the first event always comes).
     */
    List<StoredEvent> events(String locationId, long after, long upTo, int limit, long maxBytes) {
        try (Connection connection = dataSource.getConnection()) {
            return EventLog.read(connection, locationId, after, upTo, limit, maxBytes);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event log of " + locationId, e);
        }
    }

    /** The same range without the states: which orders changed, for a catch-up built from the live model. */
    List<StoredEvent> touched(String locationId, long after, long upTo, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return EventLog.readTouched(connection, locationId, after, upTo, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the event log of " + locationId, e);
        }
    }

    Optional<StreamHead> head(String locationId) {
        try (Connection connection = dataSource.getConnection()) {
            return EventLog.head(connection, locationId);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the head of " + locationId, e);
        }
    }

    /** The last seq of each of these locations, in one query. */
    Map<String, Long> heads(Collection<String> locationIds) {
        Map<String, Long> heads = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select location_id, last_seq from location_stream where location_id = any(?)")) {
            Array ids = connection.createArrayOf("varchar", locationIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read stream heads", e);
        }
        return heads;
    }
}
