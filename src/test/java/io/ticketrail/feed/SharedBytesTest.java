package io.ticketrail.feed;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.feed.client.FeedClient;
import io.ticketrail.testsupport.Screens;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.item;
import static io.ticketrail.testsupport.Api.orderOf;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A view group's diff is encoded once and the same bytes are written to each of its screens: every screen must still
 * read the whole message, multi-byte text intact, also when it spans several WebSocket frames.
 */
@QuarkusTest
class SharedBytesTest extends WithScreens {

    private static final String DESSERT = "Crème brûlée 🍰";

    @Test
    void everyScreenOfAGroupReadsTheSameMultiByteTextFromOneEncoding() {
        String location = createLocation();
        List<FeedClient> expos = IntStream.range(0, 4)
                .mapToObj(i -> screens.connect(base, location, "view=expo"))
                .toList();
        await().atMost(WAIT).until(() -> expos.stream().allMatch(s -> s.state().seq() == 0));

        String small = placedId(location, orderOf(List.of(item(DESSERT, "burgers"))));
        // 600 modifiers of 120 bytes: a diff of more than one 64 KiB frame
        String modifier = String.join("", Collections.nCopies(6, DESSERT + " "));
        Map<String, Object> heavyItem = Map.of(
                "name", DESSERT, "qty", 1, "category", "burgers", "modifiers", Collections.nCopies(20, modifier));
        String large = placedId(location, orderOf(Collections.nCopies(30, heavyItem)));

        await().atMost(WAIT).until(() -> expos.stream().allMatch(s -> s.state().seq() == 2));
        List<JsonNode> first = expos.get(0).receivedExceptPings();
        assertThat(first).extracting(m -> m.path("type").asText()).containsExactly("snapshot", "diff", "diff");
        assertThat(first.get(2).toString().getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThan(TextFrames.MAX_FRAME);
        for (FeedClient expo : expos) {
            List<JsonNode> messages = expo.receivedExceptPings();
            // each screen's own snapshot aside, every screen got the first one's diffs, serverTime included
            assertThat(messages.subList(1, messages.size())).isEqualTo(first.subList(1, first.size()));
            JsonNode heavy = expo.state().orders().get(large);
            assertThat(heavy.path("items")).hasSize(30);
            heavy.path("items").forEach(i -> {
                assertThat(i.path("name").asText()).isEqualTo(DESSERT);
                assertThat(i.path("modifiers")).hasSize(20);
                i.path("modifiers").forEach(m -> assertThat(m.asText()).isEqualTo(modifier));
            });
            assertThat(expo.state()
                            .orders()
                            .get(small)
                            .path("items")
                            .get(0)
                            .path("name")
                            .asText())
                    .isEqualTo(DESSERT);
        }
        assertThat(expos.get(0).state().orders()).isEqualTo(Screens.projectedFromDb(location, "view=expo"));
        assertThat(TextFrames.isUnavailable())
                .as("feed messages written as encoded bytes")
                .isFalse();
    }
}
