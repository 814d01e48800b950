package io.ticketrail.feed;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.order.OrderView;

/**
 * A view's snapshot straight from the database, for pages that embed it so their first paint shows real tickets.
 * Open orders and head seq come from one REPEATABLE READ read, so a screen that resumes from this snapshot's
 * (epoch, seq) gets exactly the changes after it.
 */
@Singleton
public class FeedSnapshots {

    @Inject
    FeedReader reader;

    /** Empty for an unknown location. */
    public Optional<FeedMessage.Snapshot> snapshot(String locationId, FeedView view) {
        return reader.openOrders(locationId)
                .map(open -> new FeedMessage.Snapshot(
                        open.head().epoch(), open.head().lastSeq(), Instant.now(), project(view, open.orders())));
    }

    /** In fire order, as the live feed sends its snapshots. */
    static List<ScreenOrder> project(FeedView view, List<OrderView> orders) {
        return orders.stream()
                .sorted(Comparator.comparing(OrderView::placedAt).thenComparingInt(OrderView::number))
                .map(o -> FeedProjection.project(view, o))
                .flatMap(Optional::stream)
                .toList();
    }
}
