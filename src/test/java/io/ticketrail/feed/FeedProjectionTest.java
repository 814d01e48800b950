package io.ticketrail.feed;

import java.time.Instant;
import java.util.Optional;

import io.ticketrail.order.ItemStatus;
import io.ticketrail.order.KitchenOrder;
import io.ticketrail.order.OrderItem;
import io.ticketrail.order.OrderStatus;
import io.ticketrail.order.OrderView;
import org.junit.jupiter.api.Test;

import static io.ticketrail.order.Tickets.PLACED;
import static io.ticketrail.order.Tickets.acknowledge;
import static io.ticketrail.order.Tickets.bump;
import static io.ticketrail.order.Tickets.cancel;
import static io.ticketrail.order.Tickets.fireCourse;
import static io.ticketrail.order.Tickets.item;
import static io.ticketrail.order.Tickets.order;
import static io.ticketrail.order.Tickets.view;
import static io.ticketrail.order.Tickets.voidItem;
import static org.assertj.core.api.Assertions.assertThat;

/** What each view shows of an order's state: a pure function, the same on every instance and at every seq. */
class FeedProjectionTest {

    private static final FeedView GRILL = new FeedView(ViewKind.STATION, "grill");
    private static final FeedView FRY = new FeedView(ViewKind.STATION, "fry");
    private static final FeedView EXPO = new FeedView(ViewKind.EXPO, null);
    private static final FeedView FOH = new FeedView(ViewKind.FOH, null);
    private static final FeedView MANAGER = new FeedView(ViewKind.MANAGER, null);

    @Test
    void aStationSeesItsOwnItemsInFullAndOnlyCountsTheOthers() {
        OrderItem burger = item("Burger", "grill");
        OrderItem fries = item("Fries", "fry");
        OrderItem rings = item("Onion rings", "fry");
        KitchenOrder order = order(burger, fries, rings);
        voidItem(order, rings, PLACED.plusSeconds(10));

        ScreenOrder grill = project(GRILL, order).orElseThrow();

        assertThat(grill.items()).extracting(ScreenOrder.Item::name).containsExactly("Burger");
        assertThat(grill.otherItems()).as("the voided rings do not count").isEqualTo(1);
        assertThat(grill.stations()).isNull();
        assertThat(grill.notices()).isEmpty();
        assertThat(project(FRY, order).orElseThrow().notices())
                .as("fry must see that its rings were voided")
                .extracting(OrderView.NoticeView::itemName)
                .containsExactly("Onion rings");
    }

    @Test
    void aStationStopsSeeingAnOrderOnceItsItemsAreDoneAndNeverSeesOnlyHeldOnes() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger, item("Fries", "fry"), item("Cake", "pastry", 2, ItemStatus.HELD));

        assertThat(project(new FeedView(ViewKind.STATION, "pastry"), order)).isEmpty();
        assertThat(project(new FeedView(ViewKind.STATION, "bar"), order)).isEmpty();

        bump(order, burger, PLACED.plusSeconds(60));
        assertThat(project(GRILL, order)).isEmpty();
        assertThat(project(FRY, order)).isPresent();
    }

    @Test
    void expoSeesEveryOpenOrderWithEachStationsProgressReadyOnesIncluded() {
        OrderItem burger = item("Burger", "grill");
        OrderItem fries = item("Fries", "fry");
        OrderItem rings = item("Onion rings", "fry");
        KitchenOrder order = order(burger, fries, rings);
        bump(order, fries, PLACED.plusSeconds(30));
        voidItem(order, rings, PLACED.plusSeconds(40));

        ScreenOrder expo = project(EXPO, order).orElseThrow();

        assertThat(expo.items()).hasSize(3);
        assertThat(expo.otherItems()).isNull();
        assertThat(expo.stations())
                .containsExactly(
                        new ScreenOrder.StationProgress("grill", 1, 0), new ScreenOrder.StationProgress("fry", 1, 1));

        bump(order, burger, PLACED.plusSeconds(50));
        order.status = OrderStatus.READY;
        assertThat(project(EXPO, order)).as("expo's recently-ready strip").isPresent();
        order.status = OrderStatus.COMPLETED;
        assertThat(project(EXPO, order)).isEmpty();
    }

    @Test
    void aCancelledOrderStaysOnExpoAndTheCookingStationUntilEachAcknowledgesIt() {
        KitchenOrder order = order(item("Burger", "grill"), item("Fries", "fry"));
        cancel(order, PLACED.plusSeconds(60));

        assertThat(project(EXPO, order)).isPresent();
        assertThat(project(GRILL, order).orElseThrow().notices()).hasSize(1);
        assertThat(project(FOH, order)).as("front of house drops it at once").isEmpty();
        assertThat(project(MANAGER, order)).isEmpty();

        acknowledge(order, "station:grill");
        assertThat(project(GRILL, order)).isEmpty();
        assertThat(project(EXPO, order)).isPresent();
        acknowledge(order, "expo");
        acknowledge(order, "station:fry");
        assertThat(project(EXPO, order)).isEmpty();
    }

    @Test
    void frontOfHouseAndManagerSeeOpenOrdersWithoutNotices() {
        OrderItem fries = item("Fries", "fry");
        KitchenOrder order = order(item("Burger", "grill"), fries);
        voidItem(order, fries, PLACED.plusSeconds(5));

        for (FeedView view : new FeedView[] {FOH, MANAGER}) {
            ScreenOrder shown = project(view, order).orElseThrow();
            assertThat(shown.items()).hasSize(2);
            assertThat(shown.stations()).hasSize(1);
            assertThat(shown.notices()).as(view.tag()).isNull();
        }
    }

    @Test
    void aTicketsTimerStartsWhenItsLatestCourseWasFiredAndStationsCountTheirOwnItemsOnly() {
        OrderItem soup = item("Soup", "stove");
        OrderItem steak = item("Steak", "grill", 2, ItemStatus.HELD);
        KitchenOrder order = order(soup, steak);

        assertThat(project(EXPO, order).orElseThrow().firedAt())
                .as("the held steak has no fire time yet")
                .isEqualTo(PLACED);

        Instant fired = PLACED.plusSeconds(900);
        fireCourse(order, 2, fired);

        assertThat(project(EXPO, order).orElseThrow().firedAt()).isEqualTo(fired);
        assertThat(project(GRILL, order).orElseThrow().firedAt()).isEqualTo(fired);
        assertThat(project(new FeedView(ViewKind.STATION, "stove"), order)
                        .orElseThrow()
                        .firedAt())
                .isEqualTo(PLACED);
    }

    @Test
    void anOrderWithoutFireTimesRunsFromPlacement() {
        OrderItem burger = item("Burger", "grill");
        burger.firedAt = null; // written before items had a fire time
        assertThat(project(GRILL, order(burger)).orElseThrow().firedAt()).isEqualTo(PLACED);
    }

    @Test
    void nothingIsShownOfNoOrder() {
        assertThat(FeedProjection.project(EXPO, null)).isEmpty();
        assertThat(FeedProjection.shows(EXPO, null)).isFalse();
    }

    /** Every projection here also checks that the diff's cheaper question, whether the view shows it, agrees. */
    private static Optional<ScreenOrder> project(FeedView view, KitchenOrder order) {
        OrderView state = view(order, 1);
        Optional<ScreenOrder> shown = FeedProjection.project(view, state);
        assertThat(FeedProjection.shows(view, state))
                .as("whether %s shows the order, as its projection says", view.tag())
                .isEqualTo(shown.isPresent());
        return shown;
    }
}
