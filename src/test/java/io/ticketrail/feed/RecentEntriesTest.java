package io.ticketrail.feed;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a location's feed remembers of its last entries answers a catch-up only where it holds every missed entry. */
class RecentEntriesTest {

    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();

    @Test
    void eachOrderChangedAfterThePositionComesOnceWithItsLastVersionInTheOrderOfItsLastChange() {
        RecentEntries recent = new RecentEntries(10);
        recent.startAt(4);
        recent.add(5, first, 1);
        recent.add(6, second, 1);
        recent.add(7, null, 0); // an alarm: no order
        recent.add(8, first, 2);

        assertThat(recent.changedAfter(4, 8))
                .hasValueSatisfying(
                        changed -> assertThat(changed).containsExactly(Map.entry(second, 1L), Map.entry(first, 2L)));
        assertThat(recent.changedAfter(6, 8))
                .hasValueSatisfying(changed -> assertThat(changed).containsExactly(Map.entry(first, 2L)));
        assertThat(recent.changedAfter(8, 8))
                .hasValueSatisfying(changed -> assertThat(changed).isEmpty());
    }

    @Test
    void aPositionBeforeWhatIsHeldOrAnotherHeadIsNotAnswered() {
        RecentEntries recent = new RecentEntries(2);
        recent.startAt(4);
        recent.add(5, first, 1);
        recent.add(6, second, 1);
        recent.add(7, first, 2); // 5 falls out: held are 6 and 7

        assertThat(recent.changedAfter(5, 7)).isPresent();
        assertThat(recent.changedAfter(4, 7)).isEmpty();
        assertThat(recent.changedAfter(3, 7)).isEmpty();
        assertThat(recent.changedAfter(5, 8)).isEmpty();
        assertThat(recent.changedAfter(8, 8)).isEmpty();
    }

    @Test
    void anEntryThatDoesNotFollowTheLastStartsOver() {
        RecentEntries recent = new RecentEntries(10);
        recent.startAt(4);
        recent.add(5, first, 1);
        recent.add(9, second, 3);

        assertThat(recent.changedAfter(4, 9)).isEmpty();
        assertThat(recent.changedAfter(8, 9))
                .hasValueSatisfying(changed -> assertThat(changed).containsOnlyKeys(second));
    }

    @Test
    void afterGoingRoundManyTimesTheLastEntriesAreHeldAndNothingOlder() {
        RecentEntries recent = new RecentEntries(3);
        recent.startAt(0);
        for (long seq = 1; seq <= 10; seq++) {
            recent.add(seq, seq % 2 == 0 ? first : second, seq);
        }

        assertThat(recent.changedAfter(7, 10))
                .hasValueSatisfying(
                        changed -> assertThat(changed).containsExactly(Map.entry(second, 9L), Map.entry(first, 10L)));
        assertThat(recent.changedAfter(6, 10)).isEmpty();
    }

    @Test
    void startingOverForgetsWhatTheRingStillHolds() {
        RecentEntries recent = new RecentEntries(10);
        recent.startAt(4);
        recent.add(5, first, 1);
        recent.add(6, first, 2);
        recent.startAt(6); // the model loaded again
        recent.add(7, second, 1);

        assertThat(recent.changedAfter(6, 7))
                .hasValueSatisfying(changed -> assertThat(changed).containsOnlyKeys(second));
        assertThat(recent.changedAfter(5, 7)).isEmpty();
    }
}
