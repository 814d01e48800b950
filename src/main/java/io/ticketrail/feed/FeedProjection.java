package io.ticketrail.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            } else if (shows(view, before.get(orderId))) {
                changes.add(FeedMessage.Change.remove(orderId, state.version()));
            }
        });
        return changes;
    }

    /** Whether the view shows the order: {@link #project} without building what it shows. */
    static boolean shows(FeedView view, OrderView order) {
        if (order == null || !order.onTheLine()) {
            return false;
        }
        return switch (view.kind()) {
            case STATION ->
                cooking(view.station(), order)
                        || !order.noticesFor(OrderNotice.stationView(view.station()))
                                .isEmpty();
            case EXPO ->
                order.status().isOpen() || !order.noticesFor(OrderNotice.EXPO).isEmpty();
            case FOH, MANAGER -> order.status().isOpen();
        };
    }

    /**
     * In a station's view while it has fired items there that are not yet done, or notices it has not acknowledged
     * (a VOID or CANCELLED card stays until a cook has seen it). An order whose only items here are held is not:
     * the station can do nothing with it until the course is fired, which brings it in with a notice.
     */
    private static Optional<ScreenOrder> station(String station, OrderView order) {
        // plain loops, and nothing built for an order the station does not show: a command's fan-out projects the
        // order for every view of its location (docs/performance.md, "Projections without streams")
        boolean cooking = cooking(station, order);
        List<OrderView.NoticeView> notices = order.noticesFor(OrderNotice.stationView(station));
        if (!cooking && notices.isEmpty()) {
            return Optional.empty();
        }
        List<OrderView.ItemView> own = new ArrayList<>();
        int others = 0;
        for (OrderView.ItemView item : order.items()) {
            if (item.station().equals(station)) {
                own.add(item);
            } else if (item.status() != ItemStatus.VOIDED) {
                others++;
            }
        }
        return Optional.of(order(order, own, others, null, notices));
    }

    /** Whether the order is open with an item on the station (fired there, not done). */
    private static boolean cooking(String station, OrderView order) {
        if (!order.status().isOpen()) {
            return false;
        }
        for (OrderView.ItemView item : order.items()) {
            if (item.station().equals(station) && item.status().isOnTheStation()) {
                return true;
            }
        }
        return false;
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
        List<ScreenOrder.StationProgress> progress = new ArrayList<>(byStation.size());
        byStation.forEach(
                (station, counts) -> progress.add(new ScreenOrder.StationProgress(station, counts[0], counts[1])));
        return Collections.unmodifiableList(progress);
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
                items(items),
                otherItems,
                stations,
                notices);
    }

    /**
     * The latest fire time of the items shown (voided and held ones aside), so a course fired late starts its
     * timer at zero; placement when none has one (nothing fired yet, or events written before items had it).
     */
    private static Instant firedAt(OrderView order, List<OrderView.ItemView> items) {
        Instant latest = null;
        for (OrderView.ItemView item : items) {
            Instant fired = item.firedAt();
            if (fired != null
                    && item.status() != ItemStatus.HELD
                    && item.status() != ItemStatus.VOIDED
                    && (latest == null || fired.isAfter(latest))) {
                latest = fired;
            }
        }
        return latest == null ? order.placedAt() : latest;
    }

    private static List<ScreenOrder.Item> items(List<OrderView.ItemView> items) {
        List<ScreenOrder.Item> shown = new ArrayList<>(items.size());
        for (OrderView.ItemView item : items) {
            shown.add(item(item));
        }
        return Collections.unmodifiableList(shown);
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
