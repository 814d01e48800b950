package io.ticketrail.order;

import java.util.concurrent.CompletableFuture;

import io.ticketrail.log.StreamLock;

/**
 * A command waiting in its writer lane: the order it works on, what it does with it under its location's lock, and
 * the answer its HTTP request is waiting for, completed only after the transaction that ran it has committed (or
 * certainly not).
 */
record QueuedCommand(
        String locationId,
        OrderRows.Target target,
        CommandMeta meta,
        Body body,
        CompletableFuture<CommandResult> answer) {

    /** What the command does under its location's lock, given the order at hand: as found under it, if it exists. */
    interface Body {
        CommandResult apply(StreamLock lock, OrderRows.AtHand order);
    }

    QueuedCommand(String locationId, OrderRows.Target target, CommandMeta meta, Body body) {
        this(locationId, target, meta, body, new CompletableFuture<>());
    }
}
