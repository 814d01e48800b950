package io.ticketrail.order;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static io.ticketrail.order.Tickets.PLACED;
import static io.ticketrail.order.Tickets.item;
import static io.ticketrail.order.Tickets.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Courses: firing by hand, the timed fire's rule (when the next course is due), and the items' fire times. */
class CourseFiringTest {

    private static final Duration DELAY = Duration.ofMinutes(8);

    @Test
    void firingACourseQueuesItsHeldItemsWithTheirFireTimeAndTellsTheirStationsAndExpo() {
        OrderItem soup = item("Soup", "stove");
        OrderItem steak = item("Steak", "grill", 2, ItemStatus.HELD);
        OrderItem salad = item("Salad", "cold", 2, ItemStatus.HELD);
        OrderItem cake = item("Cake", "pastry", 3, ItemStatus.HELD);
        KitchenOrder order = order(soup, steak, salad, cake);
        Instant fired = PLACED.plusSeconds(600);

        order.fireCourse(2, fired);

        assertThat(steak.status).isEqualTo(ItemStatus.QUEUED);
        assertThat(steak.firedAt).isEqualTo(fired);
        assertThat(salad.firedAt).isEqualTo(fired);
        assertThat(cake.status).as("a later course stays held").isEqualTo(ItemStatus.HELD);
        assertThat(cake.firedAt).isNull();
        assertThat(order.highestFiredCourse()).isEqualTo(2);
        assertThat(order.notices).extracting(n -> n.view).containsExactly("station:grill", "station:cold", "expo");
        assertThat(order.notices).allSatisfy(n -> {
            assertThat(n.kind).isEqualTo(NoticeKind.COURSE_FIRED);
            assertThat(n.course).isEqualTo(2);
        });
    }

    @Test
    void aCourseWithNothingHeldCannotBeFired() {
        OrderItem soup = item("Soup", "stove");
        KitchenOrder order = order(soup, item("Steak", "grill", 2, ItemStatus.HELD));
        order.fireCourse(2, PLACED.plusSeconds(60));

        assertThatThrownBy(() -> order.fireCourse(2, PLACED.plusSeconds(120)))
                .hasMessageContaining("Course 2 of order 7 has no held items");
        assertThatThrownBy(() -> order.fireCourse(1, PLACED.plusSeconds(120))).hasMessageContaining("Course 1");
        assertThat(order.notices).hasSize(2); // the first fire's only
    }

    @Test
    void theNextCourseIsDueItsDelayAfterTheLastItemOfTheEarlierCoursesWasBumped() {
        OrderItem soup = item("Soup", "stove");
        OrderItem bread = item("Bread", "cold");
        OrderItem steak = item("Steak", "grill", 2, ItemStatus.HELD);
        KitchenOrder order = order(soup, bread, steak);
        Instant soupDone = PLACED.plusSeconds(300);
        Instant breadDone = PLACED.plusSeconds(420);

        assertThat(order.nextCourseDue(DELAY)).as("course 1 still cooking").isEmpty();
        order.bumpItem(soup, soupDone, false);
        assertThat(order.nextCourseDue(DELAY)).as("the bread is not done").isEmpty();
        order.bumpItem(bread, breadDone, false);

        assertThat(order.nextCourseDue(DELAY)).contains(new KitchenOrder.DueCourse(2, breadDone.plus(DELAY)));
    }

    @Test
    void aVoidedItemDoesNotHoldBackTheNextCourseAndNothingIsDueOnceAllIsFired() {
        OrderItem soup = item("Soup", "stove");
        OrderItem bread = item("Bread", "cold");
        OrderItem steak = item("Steak", "grill", 2, ItemStatus.HELD);
        KitchenOrder order = order(soup, bread, steak);
        Instant soupDone = PLACED.plusSeconds(300);
        order.bumpItem(soup, soupDone, false);
        order.voidItem(bread, "out of bread", PLACED.plusSeconds(400), false);

        assertThat(order.nextCourseDue(DELAY)).contains(new KitchenOrder.DueCourse(2, soupDone.plus(DELAY)));

        order.fireCourse(2, soupDone.plus(DELAY));
        assertThat(order.nextCourseDue(DELAY)).isEmpty();
    }

    @Test
    void placementFiresTheLowestCourseEvenWhenAllOfItsItemsWereVoided() {
        OrderItem soup = item("Soup", "stove");
        KitchenOrder order = order(soup, item("Steak", "grill", 2, ItemStatus.HELD));
        order.voidItem(soup, "guest changed mind", PLACED.plusSeconds(30), false);

        // a re-rung course-1 item goes straight to the kitchen instead of sitting held where no screen fires it
        assertThat(order.highestFiredCourse()).isEqualTo(1);
    }
}
