package io.ticketrail.feed.client;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketrail.feed.client.FeedState.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The client rules of protocol v1 (docs/protocol.md), message by message, without a server. */
class FeedStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EPOCH = UUID.randomUUID().toString();
    private static final String A = UUID.randomUUID().toString();
    private static final String B = UUID.randomUUID().toString();

    @Test
    void aSnapshotSetsThePositionAndTheOrders() {
        FeedState state = new FeedState();
        assertThat(state.position()).isEmpty();

        assertThat(state.apply(snapshot(EPOCH, 3, order(A, 2, "NEW")))).isEqualTo(Outcome.APPLIED);

        assertThat(state.position()).contains(new FeedState.Position(EPOCH, 3));
        assertThat(state.orders()).containsOnlyKeys(A);
    }

    @Test
    void aDiffFromOurSeqIsAppliedAndMovesUsToItsTo() {
        FeedState state = at(3, order(A, 2, "NEW"));

        assertThat(state.apply(diff(EPOCH, 3, 5, upsert(A, 3, "IN_PROGRESS"), upsert(B, 0, "NEW"))))
                .isEqualTo(Outcome.APPLIED);

        assertThat(state.seq()).isEqualTo(5);
        assertThat(state.orders()).containsOnlyKeys(A, B);
        assertThat(state.orders().get(A).path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void anEmptyDiffStillMovesUsUp() {
        FeedState state = at(3, order(A, 2, "NEW"));

        assertThat(state.apply(diff(EPOCH, 3, 7))).isEqualTo(Outcome.APPLIED);

        assertThat(state.seq()).isEqualTo(7);
        assertThat(state.orders()).containsOnlyKeys(A);
    }

    @Test
    void aDuplicateDiffIsIgnored() {
        FeedState state = at(3);
        JsonNode diff = diff(EPOCH, 3, 4, upsert(A, 0, "NEW"));
        state.apply(diff);
        state.apply(diff(EPOCH, 4, 5, remove(A, 1)));

        assertThat(state.apply(diff)).isEqualTo(Outcome.DUPLICATE);

        assertThat(state.seq()).isEqualTo(5);
        assertThat(state.orders()).isEmpty();
        assertThat(state.duplicates()).isEqualTo(1);
    }

    @Test
    void aGapTriggersAResumeAndChangesNothing() {
        FeedState state = at(3, order(A, 2, "NEW"));

        assertThat(state.apply(diff(EPOCH, 4, 6, upsert(B, 0, "NEW")))).isEqualTo(Outcome.RESUME);

        assertThat(state.position()).contains(new FeedState.Position(EPOCH, 3));
        assertThat(state.orders()).containsOnlyKeys(A);
        assertThat(state.resumes()).isEqualTo(1);
    }

    @Test
    void anotherEpochTriggersAResumeAndTheNextSnapshotReplacesTheState() {
        FeedState state = at(3, order(A, 2, "NEW"));
        String reset = UUID.randomUUID().toString();

        assertThat(state.apply(diff(reset, 3, 4, upsert(B, 0, "NEW")))).isEqualTo(Outcome.RESUME);
        assertThat(state.orders()).containsOnlyKeys(A);

        assertThat(state.apply(snapshot(reset, 1, order(B, 0, "NEW")))).isEqualTo(Outcome.APPLIED);

        assertThat(state.position()).contains(new FeedState.Position(reset, 1));
        assertThat(state.orders()).containsOnlyKeys(B);
    }

    @Test
    void aPingAheadOfUsTriggersAResume() {
        FeedState state = at(3);

        assertThat(state.apply(ping(4))).isEqualTo(Outcome.RESUME);
        assertThat(state.seq()).isEqualTo(3);
    }

    @Test
    void aPingAtOrBehindUsIsInSync() {
        FeedState state = at(3);

        assertThat(state.apply(ping(3))).isEqualTo(Outcome.IN_SYNC);
        assertThat(state.apply(ping(2))).isEqualTo(Outcome.IN_SYNC);
    }

    @Test
    void aDiffBeforeAnySnapshotTriggersAResume() {
        FeedState state = new FeedState();

        assertThat(state.apply(diff(EPOCH, 0, 1, upsert(A, 0, "NEW")))).isEqualTo(Outcome.RESUME);
        assertThat(state.position()).isEmpty();
    }

    @Test
    void aStaleUpsertNeverOverwritesANewerVersion() {
        FeedState state = at(3, order(A, 5, "READY"));

        assertThat(state.apply(diff(EPOCH, 3, 4, upsert(A, 4, "IN_PROGRESS")))).isEqualTo(Outcome.APPLIED);

        assertThat(state.seq()).isEqualTo(4);
        assertThat(state.orders().get(A).path("version").asLong()).isEqualTo(5);
        assertThat(state.orders().get(A).path("status").asText()).isEqualTo("READY");
    }

    @Test
    void anUpsertOfTheSameVersionIsIdempotent() {
        FeedState state = at(3, order(A, 5, "READY"));

        state.apply(diff(EPOCH, 3, 4, upsert(A, 5, "READY")));

        assertThat(state.orders().get(A)).isEqualTo(order(A, 5, "READY"));
    }

    @Test
    void aRemoveTakesTheOrderOffAndARemoveOfAnUnknownOrderIsHarmless() {
        FeedState state = at(3, order(A, 2, "NEW"), order(B, 0, "NEW"));

        assertThat(state.apply(
                        diff(EPOCH, 3, 5, remove(A, 3), remove(UUID.randomUUID().toString(), 1))))
                .isEqualTo(Outcome.APPLIED);

        assertThat(state.orders()).containsOnlyKeys(B);
        assertThat(state.seq()).isEqualTo(5);
    }

    @Test
    void anErrorSaysTheServerClosesNext() {
        FeedState state = at(3);

        assertThat(state.apply(message("error").put("code", 4409).put("message", "too slow")))
                .isEqualTo(Outcome.ERROR);
        assertThat(state.seq()).isEqualTo(3);
    }

    private static FeedState at(long seq, JsonNode... orders) {
        FeedState state = new FeedState();
        state.apply(snapshot(EPOCH, seq, orders));
        return state;
    }

    private static JsonNode snapshot(String epoch, long seq, JsonNode... orders) {
        ObjectNode snapshot = message("snapshot").put("epoch", epoch).put("seq", seq);
        snapshot.putArray("orders").addAll(List.of(orders));
        return snapshot;
    }

    private static JsonNode diff(String epoch, long from, long to, JsonNode... changes) {
        ObjectNode diff = message("diff").put("epoch", epoch).put("from", from).put("to", to);
        diff.putArray("changes").addAll(List.of(changes));
        return diff;
    }

    private static JsonNode ping(long seq) {
        return message("ping").put("seq", seq);
    }

    private static JsonNode upsert(String id, long version, String status) {
        ObjectNode change = JSON.createObjectNode().put("op", "upsert");
        change.set("order", order(id, version, status));
        return change;
    }

    private static JsonNode remove(String id, long version) {
        return JSON.createObjectNode().put("op", "remove").put("orderId", id).put("version", version);
    }

    private static JsonNode order(String id, long version, String status) {
        return JSON.createObjectNode().put("id", id).put("version", version).put("status", status);
    }

    private static ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type).put("serverTime", "2026-11-22T20:00:00Z");
    }
}
