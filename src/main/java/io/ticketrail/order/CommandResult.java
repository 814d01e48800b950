package io.ticketrail.order;

/** What a command answers: 201 for a new order, 200 otherwise; replayed when it came from an Idempotency-Key. */
public record CommandResult(int status, OrderView order, boolean replayed) {

    static CommandResult ok(OrderView order) {
        return new CommandResult(200, order, false);
    }
}
