package io.ticketrail.feed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonParser;
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

    @Test
    void theScreensOwnAcknowledgementsAreReadWithoutAJsonParser() {
        // what ui/src/feed.js sends (JSON.stringify: no whitespace), with and without a page
        for (String text : new String[] {
            "{\"type\":\"ack\",\"seq\":42,\"page\":\"2 of 3\"}",
            "{\"type\":\"ack\",\"seq\":0,\"page\":null}",
            "{\"type\":\"ack\",\"seq\":7}",
            " {\n\"seq\" : 7 ,\t\"type\":\"ack\" }\r\n"
        }) {
            assertThat(AckScanner.scan(text))
                    .as(text)
                    .isNotSameAs(AckScanner.UNDECIDED)
                    .isPresent();
        }
    }

    /**
     * The scanner answers exactly as the JSON parser would, on the strict mapper the feed uses, whatever it is
     * given: acknowledgements in any field order and spacing, with odd pages, numbers, extra or repeated fields,
     * and cut or garbled text.
     */
    @Test
    void theScannerAndTheJsonParserAgreeOnEveryText() {
        ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        String[] spaces = {"", " ", "\n", "\t ", "\r\n"};
        String[] types = {"\"ack\"", "\"hello\"", "\"ac\\u006b\"", "null", "1", "[\"ack\"]", "\"ack"};
        String[] seqs = {
            "0",
            "42",
            "-1",
            "-0",
            "007",
            "4.5",
            "1e3",
            "\"4\"",
            "999999999999999999",
            "9999999999999999999",
            "99999999999999999999",
            "null",
            "true",
            "12x"
        };
        String[] pages = {
            "null",
            "\"2 of 3\"",
            "\"\"",
            "\"a\\\"b\"",
            "\"tab\there\"",
            "\"caf\u00e9 \u2615\"",
            "\"" + "x".repeat(300) + "\"",
            "3",
            "true",
            "{\"a\":1}",
            "nul"
        };
        Random random = new Random(20261206);
        int decided = 0;
        for (int i = 0; i < 20_000; i++) {
            List<String> fields = new ArrayList<>();
            if (random.nextInt(8) > 0) {
                fields.add("\"type\"" + pick(random, spaces) + ":" + pick(random, spaces) + pick(random, types));
            }
            if (random.nextInt(8) > 0) {
                fields.add("\"seq\":" + pick(random, spaces) + pick(random, seqs));
            }
            if (random.nextBoolean()) {
                fields.add("\"page\":" + pick(random, pages));
            }
            if (random.nextInt(6) == 0) {
                fields.add(random.nextBoolean() ? "\"extra\":{\"seq\":9}" : "\"seq\":5");
            }
            Collections.shuffle(fields, random);
            StringBuilder text = new StringBuilder(pick(random, spaces)).append('{');
            for (int f = 0; f < fields.size(); f++) {
                text.append(f == 0 ? "" : pick(random, spaces) + ",")
                        .append(pick(random, spaces))
                        .append(fields.get(f));
            }
            text.append(pick(random, spaces)).append('}').append(random.nextInt(10) == 0 ? "}" : pick(random, spaces));
            String message = text.toString();
            if (random.nextInt(10) == 0) {
                message = message.substring(0, random.nextInt(message.length() + 1)); // cut anywhere
            }
            if (AckScanner.scan(message) != AckScanner.UNDECIDED) {
                decided++;
            }
            assertThat(FeedRequest.ack(strict, message)).as(message).isEqualTo(FeedRequest.parsedAck(strict, message));
        }
        assertThat(decided).as("texts the scanner decided itself").isGreaterThan(500);
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
