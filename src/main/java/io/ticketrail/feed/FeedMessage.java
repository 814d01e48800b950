package io.ticketrail.feed;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** Protocol v1, server to screen (docs/protocol.md). Each record serialises with its {@code type} first. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public sealed interface FeedMessage {

    @JsonTypeName("snapshot")
    record Snapshot(UUID epoch, long seq, Instant serverTime, List<ScreenOrder> orders) implements FeedMessage {}

    @JsonTypeName("diff")
    record Diff(UUID epoch, long from, long to, Instant serverTime, List<Change> changes) implements FeedMessage {}

    @JsonTypeName("ping")
    record Ping(long seq, Instant serverTime) implements FeedMessage {}

    /**
     * Whether this instance reaches its database (docs/protocol.md, "Database status"): sent at once when that
     * changes, and in place of each ping while it does not. {@code since} is when the outage was first seen.
     */
    @JsonTypeName("status")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String database, Instant since, Instant serverTime) implements FeedMessage {

        static Status unreachable(Instant since) {
            return new Status("unreachable", since, Instant.now());
        }

        static Status reachable() {
            return new Status("reachable", null, Instant.now());
        }
    }

    @JsonTypeName("error")
    record Error(int code, String message) implements FeedMessage {}

    /** {@code upsert} carries the whole projected order; {@code remove} its id and the version that removed it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Change(String op, ScreenOrder order, UUID orderId, Long version) {

        static Change upsert(ScreenOrder order) {
            return new Change("upsert", order, null, null);
        }

        static Change remove(UUID orderId, long version) {
            return new Change("remove", null, orderId, version);
        }
    }
}
