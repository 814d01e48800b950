package io.ticketrail.config;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver's statement cache finds a statement by its text: a combination sent again must be the very same
 * String, so that the lookup is an identity check rather than a comparison of a kilobyte of SQL per round trip.
 */
class RoundTripTextTest {

    private static final String LOCK = "select seq from event_stream where location_id = ? for update";
    private static final String LOAD = "select * from kitchen_order where id = ?";

    private final RoundTrip.Texts texts = new RoundTrip.Texts(2);

    @Test
    void theSameStatementsGiveTheSameTextEachTime() {
        String first = texts.of(new ArrayList<>(List.of(LOCK, LOAD)));
        String again = texts.of(new ArrayList<>(List.of(LOCK, LOAD)));

        assertThat(first).isEqualTo(LOCK + ";\n" + LOAD);
        assertThat(again).isSameAs(first);
    }

    @Test
    void statementsInAnotherOrderAreAnotherText() {
        assertThat(texts.of(List.of(LOCK, LOAD))).isEqualTo(LOCK + ";\n" + LOAD);
        assertThat(texts.of(List.of(LOAD, LOCK))).isEqualTo(LOAD + ";\n" + LOCK);
    }

    @Test
    void pastTheBoundCombinationsAreJoinedEachTimeAndTheRememberedOnesStay() {
        String remembered = texts.of(List.of(LOCK));
        texts.of(List.of(LOAD));

        String third = texts.of(List.of(LOCK, LOAD));

        assertThat(third).isEqualTo(LOCK + ";\n" + LOAD);
        assertThat(texts.of(List.of(LOCK, LOAD))).isEqualTo(third).isNotSameAs(third);
        assertThat(texts.of(List.of(LOCK))).isSameAs(remembered);
    }
}
