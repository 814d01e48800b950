package io.ticketrail.order;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.ticketrail.log.StreamLock;

/**
 * A command waiting in its writer lane: what it does under its location's lock, and the answer its HTTP request is
 * waiting for, completed only after the transaction that ran it has committed (or certainly not).
 */
record QueuedCommand(
        String locationId,
        CommandMeta meta,
        Function<StreamLock, CommandResult> body,
        CompletableFuture<CommandResult> answer) {

    QueuedCommand(String locationId, CommandMeta meta, Function<StreamLock, CommandResult> body) {
        this(locationId, meta, body, new CompletableFuture<>());
    }
}
