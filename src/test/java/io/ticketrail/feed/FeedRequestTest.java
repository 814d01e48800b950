package io.ticketrail.feed;

import io.ticketrail.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The view a screen names in its feed URL's query string. Plain JUnit. */
class FeedRequestTest {

    @Test
    void aStationViewNamesItsStationPercentEncodedOrNot() {
        assertThat(FeedRequest.view("view=station&station=grill")).isEqualTo(new FeedView(ViewKind.STATION, "grill"));
        assertThat(FeedRequest.view("station=cold%20side&view=station"))
                .isEqualTo(new FeedView(ViewKind.STATION, "cold side"));
        assertThat(FeedRequest.view("view=expo")).isEqualTo(new FeedView(ViewKind.EXPO, null));
    }

    @Test
    void theFirstValueOfARepeatedNameCounts() {
        assertThat(FeedRequest.view("view=foh&view=expo")).isEqualTo(new FeedView(ViewKind.FOH, null));
    }

    @Test
    void noViewIsRefusedNamingTheField() {
        for (String query : new String[] {null, "", "view", "view=", "station=grill"}) {
            assertThatThrownBy(() -> FeedRequest.view(query))
                    .as(query)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.toProblem().errors()).extracting("field").containsExactly("view");
                    });
        }
    }
}
