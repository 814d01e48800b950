package io.ticketrail.feed;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ticketrail.log.EventType;
import io.ticketrail.log.StoredEvent;
import io.ticketrail.order.Channel;
import io.ticketrail.order.OrderStatus;
import io.ticketrail.order.OrderView;
import io.ticketrail.order.Priority;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How one batch read from the log turns into the changes a view is sent (no database: the fold is pure). */
class LocationFeedBatchTest {

    private static final FeedView FOH = new FeedView(ViewKind.FOH, null);
    private static final Instant NOW = Instant.parse("2026-12-04T18:00:00Z");

    @Test
    void anOrderPlacedAndCompletedInOneBatchIsNeverSentToAScreenThatNeverHadIt() {
        UUID id = UUID.randomUUID();
        Map<UUID, OrderView> model = new HashMap<>();

        List<FeedMessage.Change> changes = changesAfter(
                model,
                List.of(event(1, EventType.ORDER_PLACED, id, 1), event(2, EventType.ORDER_COMPLETED, id, 2)),
                List.of(order(id, OrderStatus.NEW, 1), order(id, OrderStatus.COMPLETED, 2)));

        assertThat(changes).isEmpty();
        assertThat(model).doesNotContainKey(id);
    }

    @Test
    void anOrderTheScreenHadAndThatLeavesInOneBatchIsRemovedOnce() {
        UUID id = UUID.randomUUID();
        Map<UUID, OrderView> model = new HashMap<>(Map.of(id, order(id, OrderStatus.NEW, 1)));

        List<FeedMessage.Change> changes = changesAfter(
                model,
                List.of(event(2, EventType.ORDER_READY, id, 2), event(3, EventType.ORDER_COMPLETED, id, 3)),
                List.of(order(id, OrderStatus.READY, 2), order(id, OrderStatus.COMPLETED, 3)));

        assertThat(changes).containsExactly(FeedMessage.Change.remove(id, 3));
    }

    private static List<FeedMessage.Change> changesAfter(
            Map<UUID, OrderView> model, List<StoredEvent> events, List<OrderView> states) {
        Map<UUID, OrderView> before = new LinkedHashMap<>();
        Map<UUID, OrderView> after = new LinkedHashMap<>();
        LocationFeed.fold(model, events, states, before, after);
        return FeedProjection.changes(FOH, before, after);
    }

    private static StoredEvent event(long seq, EventType type, UUID orderId, long version) {
        return new StoredEvent(seq, type, orderId, version, "test", NOW, null);
    }

    private static OrderView order(UUID id, OrderStatus status, long version) {
        return new OrderView(
                id,
                "batch",
                null,
                7,
                Channel.DINE_IN,
                "4",
                null,
                null,
                2,
                Priority.NORMAL,
                status,
                version,
                NOW,
                null,
                null,
                null,
                null,
                null,
                NOW,
                null,
                List.of(),
                List.of());
    }
}
