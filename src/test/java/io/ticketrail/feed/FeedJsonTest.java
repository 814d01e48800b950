package io.ticketrail.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.web.RandomRecords;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Diffs and snapshots written field by field are, byte for byte, what the application's ObjectMapper writes for
 * them: every screen parses these messages (docs/protocol.md), {@code type} first.
 */
@QuarkusTest
class FeedJsonTest {

    @Inject
    ObjectMapper json;

    @Test
    void randomDiffsAndSnapshotsReadAsTheMapperWritesThem() throws Exception {
        RandomRecords random = new RandomRecords(20261206);
        for (int i = 0; i < 1_500; i++) {
            assertSameAsMapper(random.next(FeedMessage.Diff.class));
            assertSameAsMapper(random.next(FeedMessage.Snapshot.class));
        }
    }

    @Test
    void theRarerMessagesStillReadAsBefore() throws Exception {
        Instant at = Instant.parse("2026-12-06T16:40:00.123Z");
        assertSameAsMapper(new FeedMessage.Ping(41, at));
        assertSameAsMapper(new FeedMessage.Error(4403, "forbidden"));
        assertSameAsMapper(FeedMessage.Status.reachable());
        UUID order = new UUID(1, 2);
        String diff = new String(
                FeedJson.encode(
                        json,
                        new FeedMessage.Diff(new UUID(3, 4), 7, 8, at, List.of(FeedMessage.Change.remove(order, 5)))),
                StandardCharsets.UTF_8);
        assertThat(diff)
                .isEqualTo("{\"type\":\"diff\",\"epoch\":\"00000000-0000-0003-0000-000000000004\",\"from\":7,"
                        + "\"to\":8,\"serverTime\":\"2026-12-06T16:40:00.123Z\",\"changes\":[{\"op\":\"remove\","
                        + "\"orderId\":\"00000000-0000-0001-0000-000000000002\",\"version\":5}]}");
    }

    private void assertSameAsMapper(FeedMessage message) throws Exception {
        byte[] expected = json.writeValueAsBytes(message);
        byte[] written = FeedJson.encode(json, message);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(written).isEqualTo(expected);
    }
}
