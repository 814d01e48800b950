package io.ticketrail.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketrail.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The view a screen names in its feed URL's query string, and its acknowledgements. Plain JUnit. */
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

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAcknowledgementGivesItsSeqAndPage() {
        assertThat(FeedRequest.ack(JSON, "{\"type\":\"ack\",\"seq\":42}")).contains(new FeedRequest.Ack(42, null));
        assertThat(FeedRequest.ack(JSON, "{\"seq\":7,\"page\":\"2 of 3\",\"type\":\"ack\"}"))
                .contains(new FeedRequest.Ack(7, "2 of 3"));
        assertThat(FeedRequest.ack(JSON, "{\"type\":\"ack\",\"seq\":0,\"page\":null}"))
                .contains(new FeedRequest.Ack(0, null));
        // fields it does not know, nested or not, are passed over; a repeated field counts as last written
        assertThat(FeedRequest.ack(
                        JSON, "{\"type\":\"ack\",\"extra\":{\"seq\":9,\"a\":[1,{\"b\":2}]},\"seq\":3,\"seq\":5}"))
                .contains(new FeedRequest.Ack(5, null));
        assertThat(FeedRequest.ack(JSON, "{\"type\":\"ack\",\"seq\":1,\"page\":\"" + "x".repeat(500) + "\"}"))
                .hasValueSatisfying(ack -> assertThat(ack.page()).hasSize(FeedRequest.MAX_PAGE));
    }

    @Test
    void anythingElseIsNoAcknowledgement() {
        for (String text : new String[] {
            "",
            "ack",
            "[]",
            "{\"type\":\"ack\"}",
            "{\"type\":\"ack\",\"seq\":-1}",
            "{\"type\":\"ack\",\"seq\":\"4\"}",
            "{\"type\":\"ack\",\"seq\":4.5}",
            "{\"type\":\"ack\",\"seq\":99999999999999999999}",
            "{\"type\":\"hello\",\"seq\":4}",
            "{\"type\":[\"ack\"],\"seq\":4}",
            "{\"type\":\"ack\",\"seq\":4",
            "{\"type\":\"ack\",\"seq\":4,}"
        }) {
            assertThat(FeedRequest.ack(JSON, text)).as(text).isEmpty();
        }
    }
}
