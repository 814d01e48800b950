package io.ticketrail.order;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An order as every API answer and every event carries it. Field names are part of the contract. */
public record OrderView(UUID id, String locationId, String externalId, int number, Channel channel, String table,
        String customerName, String serverName, Integer guests, Priority priority, OrderStatus status, long version,
        Instant placedAt, Instant promisedAt, Instant readyAt, Instant completedAt, Instant cancelledAt,
        String cancelReason, Instant updatedAt, String notes, List<ItemView> items) {

    public record ItemView(UUID id, String name, int qty, String category, String station, ItemStatus status,
            List<String> modifiers, List<String> allergens, String notes, int course, boolean changed,
            String voidReason, Instant firedAt, Instant startedAt, Instant doneAt) {

        static ItemView of(OrderItem item) {
            return new ItemView(item.id, item.name, item.qty, item.category, item.station, item.status,
                    Arrays.asList(item.modifiers), Arrays.asList(item.allergens), item.notes, item.course,
                    item.changed, item.voidReason, item.firedAt, item.startedAt, item.doneAt);
        }
    }

    public static OrderView of(KitchenOrder order) {
        return new OrderView(order.id, order.locationId, order.externalId, order.number, order.channel, order.table,
                order.customerName, order.serverName, order.guests, order.priority, order.status, order.version,
                order.placedAt, order.promisedAt, order.readyAt, order.completedAt, order.cancelledAt,
                order.cancelReason, order.updatedAt, order.notes, order.items.stream().map(ItemView::of).toList());
    }
}
