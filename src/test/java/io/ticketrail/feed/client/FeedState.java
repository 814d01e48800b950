package io.ticketrail.feed.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client rules of protocol v1, free of any transport: what a screen holds and how each message changes it.
 * Apply a diff only when its {@code from} equals our seq; a diff with {@code to <= seq} is a duplicate; anything
 * else, a ping ahead of us, or another epoch means we missed something and must resume.
 */
public final class FeedState {

    public enum Outcome {
        /** The message was applied; the screen is at a new seq. */
        APPLIED,
        /** Already seen (at-least-once delivery); ignored. */
        DUPLICATE,
        /** Nothing to change (a ping at our seq). */
        IN_SYNC,
        /** Something was missed: reconnect and resume from {@link #seq()}. */
        RESUME,
        /** The server sent an error; it closes the connection next. */
        ERROR
    }

    private String epoch;
    private long seq = -1;
    private final Map<String, JsonNode> orders = new LinkedHashMap<>();
    private long applied;
    private long duplicates;
    private long resumes;

    public synchronized Outcome apply(JsonNode message) {
        Outcome outcome = switch (message.path("type").asText()) {
            case "snapshot" -> snapshot(message);
            case "diff" -> diff(message);
            case "ping" -> message.path("seq").asLong() > seq ? Outcome.RESUME : Outcome.IN_SYNC;
            case "error" -> Outcome.ERROR;
            default -> Outcome.IN_SYNC;
        };
        switch (outcome) {
            case APPLIED -> applied++;
            case DUPLICATE -> duplicates++;
            case RESUME -> resumes++;
            default -> {}
        }
        return outcome;
    }

    private Outcome snapshot(JsonNode message) {
        orders.clear();
        message.path("orders").forEach(order -> orders.put(order.path("id").asText(), order));
        epoch = message.path("epoch").asText();
        seq = message.path("seq").asLong();
        return Outcome.APPLIED;
    }

    private Outcome diff(JsonNode message) {
        if (epoch == null || !epoch.equals(message.path("epoch").asText())) {
            return Outcome.RESUME;
        }
        long from = message.path("from").asLong();
        long to = message.path("to").asLong();
        if (to <= seq) {
            return Outcome.DUPLICATE;
        }
        if (from != seq) {
            return Outcome.RESUME;
        }
        for (JsonNode change : message.path("changes")) {
            if ("upsert".equals(change.path("op").asText())) {
                JsonNode order = change.path("order");
                JsonNode known = orders.get(order.path("id").asText());
                // whole-order upserts are idempotent; a stale version never overwrites a newer one
                if (known == null
                        || known.path("version").asLong()
                                <= order.path("version").asLong()) {
                    orders.put(order.path("id").asText(), order);
                }
            } else if ("remove".equals(change.path("op").asText())) {
                orders.remove(change.path("orderId").asText());
            }
        }
        seq = to;
        return Outcome.APPLIED;
    }

    /** Where to resume from, once a snapshot has been applied. */
    public synchronized Optional<Position> position() {
        return epoch == null ? Optional.empty() : Optional.of(new Position(epoch, seq));
    }

    public record Position(String epoch, long seq) {}

    public synchronized long seq() {
        return seq;
    }

    public synchronized String epoch() {
        return epoch;
    }

    /** A copy of the orders this screen shows, by id. */
    public synchronized Map<String, JsonNode> orders() {
        return new LinkedHashMap<>(orders);
    }

    public synchronized long applied() {
        return applied;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long resumes() {
        return resumes;
    }
}
