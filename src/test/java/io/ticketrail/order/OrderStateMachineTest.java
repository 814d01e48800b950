package io.ticketrail.order;

import java.time.Duration;
import java.time.Instant;

import io.ticketrail.web.DomainException;
import org.junit.jupiter.api.Test;

import static io.ticketrail.order.Tickets.PLACED;
import static io.ticketrail.order.Tickets.item;
import static io.ticketrail.order.Tickets.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order and item state machine on its own: legal transitions, and the 409 every illegal one answers. */
class OrderStateMachineTest {

    private static final Instant T1 = PLACED.plusSeconds(60);
    private static final Instant T2 = PLACED.plusSeconds(120);
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void startingAnItemPutsANewOrderInProgress() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger, item("Fries", "fry"));

        order.startItem(burger, T1);

        assertThat(burger.status).isEqualTo(ItemStatus.IN_PROGRESS);
        assertThat(burger.startedAt).isEqualTo(T1);
        assertThat(order.status).isEqualTo(OrderStatus.IN_PROGRESS);
    }

    @Test
    void bumpingTheLastItemMakesTheOrderReadyOnlyWhenAutoReady() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder withExpo = order(burger);
        withExpo.bumpItem(burger, T1, false);
        assertThat(withExpo.status).as("expo confirms").isEqualTo(OrderStatus.IN_PROGRESS);

        OrderItem fries = item("Fries", "fry");
        KitchenOrder withoutExpo = order(fries);
        withoutExpo.bumpItem(fries, T1, true);
        assertThat(withoutExpo.status).isEqualTo(OrderStatus.READY);
        assertThat(withoutExpo.readyAt).isEqualTo(T1);
    }

    @Test
    void recallingAnItemOfAReadyOrderTakesTheOrderBackInProgress() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger);
        order.startItem(burger, T1);
        order.bumpItem(burger, T1, true);

        order.recallItem(burger, T2, WINDOW);

        assertThat(burger.status).as("it had been started").isEqualTo(ItemStatus.IN_PROGRESS);
        assertThat(burger.doneAt).isNull();
        assertThat(order.status).isEqualTo(OrderStatus.IN_PROGRESS);
        assertThat(order.readyAt).isNull();
    }

    @Test
    void markReadyNeedsEveryItemDone() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger, item("Fries", "fry"));
        order.bumpItem(burger, T1, false);

        assertThatThrownBy(() -> order.markReady(T2)).isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.getMessage()).contains("1 items not done");
        });
        assertThat(order.status).isEqualTo(OrderStatus.IN_PROGRESS);
    }

    @Test
    void readyThenCompletedThenReopenedWithinTheWindowIsReadyAgainWithItsFirstReadyTime() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger);
        order.bumpItem(burger, T1, false);
        order.markReady(T1);
        order.complete(T2);
        assertThat(order.status).isEqualTo(OrderStatus.COMPLETED);

        order.reopen(T2.plusSeconds(30), WINDOW);

        assertThat(order.status).isEqualTo(OrderStatus.READY);
        assertThat(order.readyAt).isEqualTo(T1);
        assertThat(order.completedAt).isNull();
    }

    @Test
    void reopeningAfterTheWindowIsRefused() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger);
        order.bumpItem(burger, T1, true);
        order.complete(T1);

        assertThatThrownBy(() -> order.reopen(T1.plus(WINDOW).plusSeconds(1), WINDOW))
                .isInstanceOfSatisfying(OrderRuleException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                    assertThat(e.rule()).isEqualTo("recall-window-passed");
                });
        assertThat(order.status).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void illegalItemTransitionsAreRefusedAndChangeNothing() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger, item("Fries", "fry"));
        order.bumpItem(burger, T1, false);

        assertIllegal(() -> order.startItem(burger, T2)); // done: only recall brings it back
        assertIllegal(() -> order.bumpItem(burger, T2, false));
        assertThat(burger.status).isEqualTo(ItemStatus.DONE);
        assertThat(burger.doneAt).isEqualTo(T1);

        OrderItem held = item("Cake", "grill", 2, ItemStatus.HELD);
        order.addItem(held);
        assertIllegal(() -> order.startItem(held, T2)); // a held course is fired first
        assertIllegal(() -> order.recallItem(held, T2, WINDOW));

        order.voidItem(held, "guest left", T2, false);
        assertIllegal(() -> order.voidItem(held, "again", T2, false));
        assertThat(held.voidReason).isEqualTo("guest left");
    }

    @Test
    void illegalOrderTransitionsNameTheCurrentStatus() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger);

        assertIllegal(() -> order.complete(T1)); // NEW: not ready yet
        assertIllegal(() -> order.reopen(T1, WINDOW));
        assertIllegal(() -> order.recallReady(T1, WINDOW));

        order.cancel("walked out", T1);
        assertThat(order.status).isEqualTo(OrderStatus.CANCELLED);
        assertThatThrownBy(() -> order.bumpItem(burger, T2, true))
                .isInstanceOfSatisfying(
                        IllegalTransitionException.class,
                        e -> assertThat(e.facts()).containsEntry("currentStatus", "CANCELLED"));
        assertIllegal(() -> order.cancel("again", T2));
        assertIllegal(() -> order.markReady(T2));
        assertThat(burger.status).isEqualTo(ItemStatus.QUEUED);
    }

    @Test
    void aCancelLeavesACardForTheStationsCookingAndForExpo() {
        OrderItem burger = item("Burger", "grill");
        KitchenOrder order = order(burger, item("Cake", "pastry", 2, ItemStatus.HELD));

        order.cancel("walked out", T1);

        assertThat(order.notices)
                .extracting(n -> n.view)
                .containsExactly("station:grill", "expo"); // pastry never saw its held cake
        assertThat(order.notices).allSatisfy(n -> assertThat(n.kind).isEqualTo(NoticeKind.CANCELLED));
    }

    @Test
    void completingClearsTheNoticesAndAcknowledgingWhatIsNotThereIsRefused() {
        OrderItem burger = item("Burger", "grill");
        OrderItem fries = item("Fries", "fry");
        KitchenOrder order = order(burger, fries);
        order.voidItem(fries, "no potatoes", T1, false);
        assertThat(order.notices).extracting(n -> n.view).containsExactly("station:fry", "expo");

        order.acknowledge("station:fry");
        assertThat(order.notices).extracting(n -> n.view).containsExactly("expo");
        assertThatThrownBy(() -> order.acknowledge("station:fry"))
                .isInstanceOfSatisfying(
                        OrderRuleException.class, e -> assertThat(e.rule()).isEqualTo("no-notices"));

        order.bumpItem(burger, T2, true);
        order.complete(T2);
        assertThat(order.notices).isEmpty();
    }

    private static void assertIllegal(Runnable transition) {
        assertThatThrownBy(transition::run).isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            assertThat(e.facts()).containsKey("currentStatus");
        });
    }
}
