package io.ticketrail.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.ticketrail.web.ProblemException;
import org.jboss.logging.Logger;

/**
 * The writer lanes of group commit: a few threads, each with a bounded queue, each applying everything queued in one
 * batch (OrderService runs a batch in one transaction). A location always maps to the same lane, so its commands
 * run in the order they were queued; locations of different lanes commit in parallel.
 */
@Singleton
class WriterLanes {

    private static final Logger LOG = Logger.getLogger(WriterLanes.class);

    /** Seconds a client should wait after a full queue: about one batch's commit on a busy box, rounded up. */
    static final int RETRY_AFTER_SECONDS = 1;

    /** How long an idle lane waits before it checks whether it should stop. */
    private static final Duration IDLE_CHECK = Duration.ofMillis(500);

    /** PostgreSQL's per-session cache of subtransaction ids (PGPROC_MAX_CACHED_SUBXIDS): see OrderConfig. */
    private static final int MAX_BATCH = 64;

    @Inject
    OrderConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    CommandRunner runner;

    private volatile Lane[] lanes;
    private volatile boolean stopping;

    /**
     * Queues a command in its location's lane, which runs it in a later batch; the stage
     * completes after that batch's transaction ended.
     *
     * @throws ProblemException 503 {@code write-queue-full} at once when the lane holds its bound already
     */
    CompletionStage<CommandResult> submit(QueuedCommand command) {
        Lane[] current = lanes;
        if (stopping || current == null || !current[laneOf(command.locationId())].queue.offer(command)) {
            throw queueFull();
        }
        return command.answer();
    }

    /** Commands waiting in every lane, not counting the batches being applied. */
    int queued() {
        Lane[] current = lanes;
        int total = 0;
        for (Lane lane : current == null ? new Lane[0] : current) {
            total += lane.queue.size();
        }
        return total;
    }

    /** Which lane a location's commands go to: tests use it to put locations in one batch. */
    int laneOf(String locationId) {
        return Math.floorMod(locationId.hashCode(), config.writers().lanes());
    }

    static ProblemException queueFull() {
        return new ProblemException(
                        503,
                        "write-queue-full",
                        "Too many commands waiting",
                        "The server has more commands waiting than it takes: this one was not run. Retry after "
                                + "Retry-After seconds with the same Idempotency-Key.")
                .with("retryAfterSeconds", RETRY_AFTER_SECONDS)
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    void start(@Observes StartupEvent event) {
        int batchSize = Math.max(1, Math.min(MAX_BATCH, config.writers().batchSize()));
        DistributionSummary batchSizes = DistributionSummary.builder("ticketrail.command.batch.size")
                .description("Commands applied in one transaction by a writer lane")
                .publishPercentileHistogram()
                .register(registry);
        Lane[] started = new Lane[config.writers().lanes()];
        for (int i = 0; i < started.length; i++) {
            started[i] = new Lane(i, config.writers().queueSize(), batchSize, batchSizes);
            Gauge.builder("ticketrail.command.queue", started[i].queue, BlockingQueue::size)
                    .description("Commands waiting in a writer lane")
                    .tag("lane", Integer.toString(i))
                    .register(registry);
            started[i].thread.start();
        }
        this.lanes = started;
    }

    /** Refuses new commands, lets every lane apply what it holds, and waits a bounded time for that. */
    @PreDestroy
    void stop() {
        stopping = true;
        Lane[] current = lanes;
        for (Lane lane : current == null ? new Lane[0] : current) {
            try {
                lane.thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Lane implements Runnable {

        final BlockingQueue<QueuedCommand> queue;
        final Thread thread;
        private final int batchSize;
        private final DistributionSummary batchSizes;

        Lane(int index, int queueSize, int batchSize, DistributionSummary batchSizes) {
            this.queue = new ArrayBlockingQueue<>(Math.max(1, queueSize));
            this.batchSize = batchSize;
            this.batchSizes = batchSizes;
            this.thread = new Thread(this, "ticketrail-writer-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            List<QueuedCommand> batch = new ArrayList<>(batchSize);
            while (!stopping || !queue.isEmpty()) {
                try {
                    QueuedCommand first = queue.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    batchSizes.record(batch.size());
                    apply(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    batch.clear();
                }
            }
        }

        /** No CDI request context around a batch: only a rules-cache miss needs one, and it opens its own. */
        private void apply(List<QueuedCommand> batch) {
            try {
                runner.runBatch(batch);
            } catch (RuntimeException | Error e) {
                // the runner answers every command itself; this is a bug, and no request may wait forever for it
                LOG.errorf(e, "A writer lane failed a batch of %d commands", batch.size());
                batch.forEach(command -> command.answer().completeExceptionally(e));
            }
        }
    }
}
