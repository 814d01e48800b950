package io.ticketrail.feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ticketrail.order.KitchenOrder;
import io.ticketrail.order.OrderItem;
import io.ticketrail.order.OrderView;
import org.junit.jupiter.api.Test;

import static io.ticketrail.order.Tickets.PLACED;
import static io.ticketrail.order.Tickets.bump;
import static io.ticketrail.order.Tickets.item;
import static io.ticketrail.order.Tickets.order;
import static io.ticketrail.order.Tickets.view;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a screen is sent for a batch of events: for each order the batch touched, its before (the state the view
 * last had, or null) and after. A whole-order upsert while the view shows it, a remove when it stops showing it,
 * and nothing where the view shows it neither before nor after.
 */
class FeedDiffTest {

    private static final FeedView GRILL = new FeedView(ViewKind.STATION, "grill");
    private static final FeedView EXPO = new FeedView(ViewKind.EXPO, null);

    @Test
    void aNewOrderIsOneUpsertOfTheWholeProjectedOrderWithItsVersion() {
        KitchenOrder order = order(item("Burger", "grill"), item("Fries", "fry"));
        OrderView placed = view(order, 1);

        List<FeedMessage.Change> changes = FeedProjection.changes(GRILL, before(order.id, null), after(placed));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo("upsert");
            assertThat(c.order())
                    .isEqualTo(FeedProjection.project(GRILL, placed).orElseThrow());
            assertThat(c.order().version()).isEqualTo(1);
        });
    }

    @Test
    void anOrderLeavingTheViewIsARemoveAtItsNewVersion() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger, item("Fries", "fry"));
        OrderView placed = view(order, 1);
        bump(order, burger, PLACED.plusSeconds(60));
        OrderView bumped = view(order, 2);

        assertThat(FeedProjection.changes(GRILL, before(order.id, placed), after(bumped)))
                .containsExactly(FeedMessage.Change.remove(order.id, 2));
        assertThat(FeedProjection.changes(EXPO, before(order.id, placed), after(bumped)))
                .as("expo still shows it, with the grill's progress")
                .singleElement()
                .satisfies(
                        c -> assertThat(c.order().stations()).contains(new ScreenOrder.StationProgress("grill", 1, 1)));
    }

    @Test
    void anOrderTheViewShowsNeitherBeforeNorAfterSendsNothing() {
        OrderItem fries = item("Fries", "fry");
        KitchenOrder order = order(fries);
        OrderView placed = view(order, 1);
        bump(order, fries, PLACED.plusSeconds(60));

        assertThat(FeedProjection.changes(GRILL, before(order.id, null), after(placed)))
                .isEmpty();
        assertThat(FeedProjection.changes(GRILL, before(order.id, placed), after(view(order, 2))))
                .isEmpty();
    }

    @Test
    void onlyTheOrdersTheBatchTouchedAreInTheDiffInTheOrderTheyWereTouched() {
        KitchenOrder first = order(item("Burger", "grill"));
        KitchenOrder second = order(item("Steak", "grill"));
        Map<UUID, OrderView> before = new LinkedHashMap<>();
        before.put(second.id, view(second, 3));
        before.put(first.id, null);
        Map<UUID, OrderView> after = new LinkedHashMap<>();
        after.put(second.id, view(second, 4));
        after.put(first.id, view(first, 1));

        assertThat(FeedProjection.changes(GRILL, before, after))
                .extracting(c -> c.order().id())
                .containsExactly(second.id, first.id);
    }

    private static Map<UUID, OrderView> before(UUID id, OrderView state) {
        Map<UUID, OrderView> before = new LinkedHashMap<>();
        before.put(id, state);
        return before;
    }

    private static Map<UUID, OrderView> after(OrderView state) {
        return Map.of(state.id(), state);
    }
}
