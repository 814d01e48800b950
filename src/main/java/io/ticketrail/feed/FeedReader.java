package io.ticketrail.feed;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.LogReader;
import io.ticketrail.log.StoredEvent;
import io.ticketrail.log.StreamHead;
import io.ticketrail.order.OrderService;
import io.ticketrail.order.OrderView;

/**
 * What the feed reads: open orders with the head they match (from order and log together), and the log.
 *
 * <p>Normally scoped (a client proxy), unlike the other beans: it closes the cycle feed dispatcher, reader, order
 * service, writer lanes, command runner, dispatcher, which CDI only allows through a proxy. It is called once per
 * join and resync, not per command.
 */
@ApplicationScoped
class FeedReader {

    @Inject
    EntityManager em;

    @Inject
    EventLog eventLog;

    @Inject
    LogReader log;

    @Inject
    OrderService orders;

    @Inject
    FeedMetrics metrics;

    /** A location's open orders exactly as of {@code head}: both read in one REPEATABLE READ snapshot. */
    record OpenOrders(StreamHead head, List<OrderView> orders) {}

    Optional<OpenOrders> openOrders(String locationId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set transaction isolation level repeatable read, read only")
                    .executeUpdate();
            return eventLog.currentHead(locationId).map(head -> new OpenOrders(head, orders.listOnTheLine(locationId)));
        });
    }

    Optional<List<StoredEvent>> eventsInEpoch(
            String locationId, UUID epoch, long after, long upTo, int limit, long maxBytes) {
        metrics.logRead();
        return log.eventsInEpoch(locationId, epoch, after, upTo, limit, maxBytes);
    }

    List<StoredEvent> touched(String locationId, long after, long upTo, int limit) {
        metrics.logRead();
        return log.touched(locationId, after, upTo, limit);
    }

    Map<String, StreamHead> heads(Collection<String> locationIds) {
        return log.streamHeads(locationIds);
    }
}
