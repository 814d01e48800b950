package io.ticketrail.feed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A location's feed work runs one task at a time, in the order it was handed in, whether a writer lane runs it on
 * its own thread or the feed's pool does: a diff sent out of order, or beside another, would reach screens wrong.
 */
class SerialExecutorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "feed-test"));
    private final SerialExecutor serial = new SerialExecutor(pool);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void anIdleExecutorRunsTheTaskOnTheCallersThread() {
        Thread caller = Thread.currentThread();

        serial.executeHereIfIdle(() -> ran.add(Thread.currentThread() == caller ? "here" : "pool"));

        assertThat(ran).containsExactly("here");
    }

    @Test
    void aTaskHandedInWhileAnotherRunsWaitsForItOnThePool() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serial.execute(() -> {
            started.countDown();
            waitFor(release);
            ran.add("first");
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread caller = Thread.currentThread();

        serial.executeHereIfIdle(
                () -> ran.add(Thread.currentThread() == caller ? "second here" : "second on the pool"));

        assertThat(ran).isEmpty();
        release.countDown();
        await().atMost(WAIT).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("first", "second on the pool");
    }

    @Test
    void tasksQueuedWhileOneRunsHereFollowItInOrder() throws InterruptedException {
        CountDownLatch queued = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            serial.execute(() -> ran.add("second"));
            serial.execute(() -> ran.add("third"));
            queued.countDown();
        });

        serial.executeHereIfIdle(() -> {
            other.start();
            waitFor(queued);
            ran.add("first");
        });

        await().atMost(WAIT).until(() -> ran.size() == 3);
        assertThat(ran).containsExactly("first", "second", "third");
    }

    @Test
    void aFailingTaskHereDoesNotReachTheCallerNorStopTheNextOnes() {
        serial.executeHereIfIdle(() -> {
            throw new IllegalStateException("a bug in one fan-out");
        });
        serial.executeHereIfIdle(() -> ran.add("next"));

        assertThat(ran).containsExactly("next");
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
