package io.ticketrail.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.restassured.response.Response;
import io.ticketrail.testsupport.Db;

import static org.awaitility.Awaitility.await;

/**
 * Stops a writer lane where a test wants it: holds a location's stream row, as a long transaction would, sends one
 * command there (the lane takes it and waits for the row), then queues the commands that must form the next batch,
 * one by one so their order in it is known. {@link #close} lets the lane go.
 */
final class HeldLane implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final WriterLanes lanes;
    private final Connection holder;
    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final int queuedBefore;
    private final CompletableFuture<Response> blocker;
    private int queued;

    /** Holds {@code location}'s row and sends {@code blocker} (a command at that location) into its lane. */
    HeldLane(WriterLanes lanes, String location, Supplier<Response> blocker) throws SQLException {
        this.lanes = lanes;
        this.queuedBefore = lanes.queued();
        this.holder = Db.connect();
        holder.setAutoCommit(false);
        try (PreparedStatement lock =
                holder.prepareStatement("select last_seq from location_stream where location_id = ? for update")) {
            lock.setString(1, location);
            lock.executeQuery().close();
        }
        CompletableFuture<Response> first = send(blocker);
        await().atMost(WAIT).until(() -> waitingForARowLock() || first.isDone());
        if (first.isDone()) {
            throw new IllegalStateException(
                    "the blocker was answered without waiting: " + first.join().asString());
        }
        this.blocker = first;
    }

    CompletableFuture<Response> blocker() {
        return blocker;
    }

    /** Queues a command behind the held one and waits until the lane holds it, so the batch keeps this order. */
    CompletableFuture<Response> queue(Supplier<Response> command) {
        CompletableFuture<Response> answer = send(command);
        queued++;
        await().atMost(WAIT).until(() -> lanes.queued() - queuedBefore >= queued || answer.isDone());
        return answer;
    }

    private CompletableFuture<Response> send(Supplier<Response> command) {
        return CompletableFuture.supplyAsync(command, senders);
    }

    private static boolean waitingForARowLock() throws SQLException {
        try (Connection c = Db.connect();
                PreparedStatement waiting = c.prepareStatement(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like ?")) {
            waiting.setString(1, "%location_stream%for update%");
            var rs = waiting.executeQuery();
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** Lets the lane go; idempotent, so a test may release it early inside its try-with-resources. */
    @Override
    public void close() throws SQLException {
        if (holder.isClosed()) {
            return;
        }
        try {
            holder.rollback();
            holder.close();
        } finally {
            senders.shutdown();
        }
    }
}
