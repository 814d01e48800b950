package io.ticketrail.order;

import java.time.Instant;
import java.util.UUID;

/**
 * Orders and items built in memory, as OrderService would make them, for tests of the pure rules (state machine,
 * projections, diffs) that need neither Quarkus nor a database.
 */
public final class Tickets {

    public static final Instant PLACED = Instant.parse("2026-03-01T18:00:00Z");

    private Tickets() {}

    /** An order of number 7, NEW, placed at {@link #PLACED}, with these items (fired ones at placement). */
    public static KitchenOrder order(OrderItem... items) {
        KitchenOrder order = new KitchenOrder();
        order.id = UUID.randomUUID();
        order.locationId = "test";
        order.externalId = "pos-7";
        order.number = 7;
        order.channel = Channel.DINE_IN;
        order.priority = Priority.NORMAL;
        order.status = OrderStatus.NEW;
        order.placedAt = PLACED;
        order.updatedAt = PLACED;
        for (OrderItem item : items) {
            order.addItem(item);
        }
        return order;
    }

    /** An item fired at placement: QUEUED at its station. */
    public static OrderItem item(String name, String station) {
        return item(name, station, 1, ItemStatus.QUEUED);
    }

    public static OrderItem item(String name, String station, int course, ItemStatus status) {
        OrderItem item = new OrderItem();
        item.id = UUID.randomUUID();
        item.name = name;
        item.qty = 1;
        item.station = station;
        item.course = course;
        item.status = status;
        item.modifiers = new String[0];
        item.allergens = new String[0];
        item.firedAt = status == ItemStatus.HELD ? null : PLACED;
        return item;
    }

    /** The transitions as OrderService applies them, for tests outside this package. */
    public static void bump(KitchenOrder order, OrderItem item, Instant at) {
        order.bumpItem(item, at, false);
    }

    public static void voidItem(KitchenOrder order, OrderItem item, Instant at) {
        order.voidItem(item, "test", at, false);
    }

    public static void fireCourse(KitchenOrder order, int course, Instant at) {
        order.fireCourse(course, at);
    }

    public static void cancel(KitchenOrder order, Instant at) {
        order.cancel("test", at);
    }

    public static void acknowledge(KitchenOrder order, String view) {
        order.acknowledge(view);
    }

    /** The order as its events carry it, at a version. */
    public static OrderView view(KitchenOrder order, long version) {
        order.version = version;
        return OrderView.of(order);
    }
}
