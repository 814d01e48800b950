package io.ticketrail.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.ticketrail.order.ItemStatus;
import io.ticketrail.order.OrderNotice;
import io.ticketrail.order.OrderView;

/**
 * What each view shows of an order: a pure function of the order's state, never of the clock, so every view is a
 * function of the log and two screens at the same seq show the same thing.
 */
public final class FeedProjection {

    private FeedProjection() {}

    public static Optional<ScreenOrder> project(FeedView view, OrderView order) {
        if (order == null || !order.onTheLine()) {
            return Optional.empty();
        }
        return switch (view.kind()) {
            case STATION -> station(view.station(), order);
            case EXPO -> expo(order);
            case FOH, MANAGER -> order.status().isOpen() ? Optional.of(full(order, null)) : Optional.empty();
        };
    }

    /**
     * What one view is sent for a batch of events: for each order the batch touched ({@code after}, in the order
     * they were touched), its whole projection while the view shows it, a remove at the new version when the view
     * showed it {@code before} and no longer does, and nothing when the view shows it neither before nor after.
     */
    static List<FeedMessage.Change> changes(FeedView view, Map<UUID, OrderView> before, Map<UUID, OrderView> after) {
        List<FeedMessage.Change> changes = new ArrayList<>();
        after.forEach((orderId, state) -> {
            Optional<ScreenOrder> now = project(view, state);
            if (now.isPresent()) {
                changes.add(FeedMessage.Change.upsert(now.get()));
            } else if (project(view, before.get(orderId)).isPresent()) {
                changes.add(FeedMessage.Change.remove(orderId, state.version()));
            }
        });
        return changes;
    }

    /**
     * In a station's view while it has fired items there that are not yet done, or notices it has not acknowledged
     * (a VOID or CANCELLED card stays until a cook has seen it). An order whose only items here are held is not:
     * the station can do nothing with it until the course is fired, which brings it in with a notice.
     */
    private static Optional<ScreenOrder> station(String station, OrderView order) {
        List<OrderView.ItemView> own =
                order.items().stream().filter(i -> i.station().equals(station)).toList();
        List<OrderView.NoticeView> notices = order.noticesFor(OrderNotice.stationView(station));
        boolean cooking =
                order.status().isOpen() && own.stream().anyMatch(i -> i.status().isOnTheStation());
        if (!cooking && notices.isEmpty()) {
            return Optional.empty();
        }
        int others = (int) order.items().stream()
                .filter(i -> !i.station().equals(station) && i.status() != ItemStatus.VOIDED)
                .count();
        return Optional.of(order(order, own, others, null, notices));
    }

    /**
     * Every open order, ready ones included (the screen shows those in its recently-ready strip, for recall), and a
     * cancelled one until expo acknowledges its card.
     */
    private static Optional<ScreenOrder> expo(OrderView order) {
        List<OrderView.NoticeView> notices = order.noticesFor(OrderNotice.EXPO);
        if (!order.status().isOpen() && notices.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(full(order, notices));
    }

    private static ScreenOrder full(OrderView order, List<OrderView.NoticeView> notices) {
        return order(order, order.items(), null, progress(order), notices);
    }

    private static List<ScreenOrder.StationProgress> progress(OrderView order) {
        Map<String, int[]> byStation = new LinkedHashMap<>();
        for (OrderView.ItemView item : order.items()) {
            if (item.status() == ItemStatus.VOIDED) {
                continue;
            }
            int[] counts = byStation.computeIfAbsent(item.station(), s -> new int[2]);
            counts[0]++;
            if (item.status() == ItemStatus.DONE) {
                counts[1]++;
            }
        }
        return byStation.entrySet().stream()
                .map(e -> new ScreenOrder.StationProgress(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    private static ScreenOrder order(
            OrderView o,
            List<OrderView.ItemView> items,
            Integer otherItems,
            List<ScreenOrder.StationProgress> stations,
            List<OrderView.NoticeView> notices) {
        return new ScreenOrder(
                o.id(),
                o.externalId(),
                o.number(),
                o.channel(),
                o.table(),
                o.customerName(),
                o.serverName(),
                o.guests(),
                o.priority(),
                o.status(),
                o.placedAt(),
                firedAt(o, items),
                o.promisedAt(),
                o.readyAt(),
                o.completedAt(),
                o.version(),
                o.notes(),
                items.stream().map(FeedProjection::item).toList(),
                otherItems,
                stations,
                notices);
    }

    /**
     * The latest fire time of the items shown (voided and held ones aside), so a course fired late starts its
     * timer at zero; placement when none has one (nothing fired yet, or events written before items had it).
     */
    private static Instant firedAt(OrderView order, List<OrderView.ItemView> items) {
        return items.stream()
                .filter(i -> i.status() != ItemStatus.HELD && i.status() != ItemStatus.VOIDED)
                .map(OrderView.ItemView::firedAt)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(order.placedAt());
    }

    private static ScreenOrder.Item item(OrderView.ItemView i) {
        return new ScreenOrder.Item(
                i.id(),
                i.name(),
                i.qty(),
                i.modifiers(),
                i.notes(),
                i.allergens(),
                i.course(),
                i.station(),
                i.status(),
                i.changed(),
                i.voidReason(),
                i.firedAt());
    }
}
