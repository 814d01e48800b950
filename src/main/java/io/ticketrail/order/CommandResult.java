package io.ticketrail.order;

/**
 * What a command answers: 201 for a new order, 200 otherwise; replayed when it came from an Idempotency-Key.
 *
 * @param json the order's view as JSON, encoded once: the event's state, the answer's body and the idempotency
 *     record are these bytes
 * @param appended the event the command appended; null when it appended none (a replay, nothing left to do)
 */
public record CommandResult(int status, OrderView order, byte[] json, boolean replayed, AppendedEvent appended) {

    static CommandResult ok(OrderView order, byte[] json) {
        return new CommandResult(200, order, json, false, null);
    }

    static CommandResult replayed(int status, OrderView order, byte[] json) {
        return new CommandResult(status, order, json, true, null);
    }

    CommandResult created() {
        return new CommandResult(201, order, json, replayed, appended);
    }

    CommandResult appended(AppendedEvent event) {
        return new CommandResult(status, order, json, replayed, event);
    }
}
