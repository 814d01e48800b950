package io.ticketrail.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ticketrail.access.AccessRevoked;
import io.ticketrail.log.LogReader;
import io.ticketrail.log.StoredEvent;
import io.ticketrail.log.StreamHead;
import org.jboss.logging.Logger;

/**
 * Webhooks out, from the log: at least once and in seq order per endpoint. On the leader only, a loop wakes on
 * the log's NOTIFY (or every poll interval) and gives each endpoint with new events a turn on a bounded pool: read
 * the events after its cursor, skip the types it did not ask for, POST the others one at a time, and move the
 * cursor in the database after each 2xx. A failure ends the turn and sets the endpoint's backoff. An endpoint has
 * at most one turn at a time (its order), and a turn holds one slot of the pool, so a slow or dead receiver delays
 * only itself. Nothing here runs on a command's path: commands only NOTIFY, as they always did.
 */
@Singleton
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    /**
     * How long the loop waits on the lock connection at a time while it LISTENs, so a finished turn's follow-up is
     * not late. Not listening, it parks until the next poll or {@link #wake}: a wait on the connection with nothing
     * to hear cost a socket timeout ten times a second (most of this thread's CPU, on every leader, idle or not).
     */
    private static final int WAIT_MILLIS = 100;

    @Inject
    WebhookLeader leader;

    @Inject
    WebhookLedger ledger;

    @Inject
    WebhookSender sender;

    @Inject
    LogReader reader;

    @Inject
    WebhookConfig config;

    @Inject
    MeterRegistry registry;

    private final Set<UUID> inTurn = ConcurrentHashMap.newKeySet();
    /** A turn stopped with events left (its batch was full): look again without waiting for a wake-up. */
    private final AtomicBoolean again = new AtomicBoolean();

    /**
     * The last round found no endpoint that could take a delivery now (none, all paused or backing off). A new
     * event does not change that, so the loop then does not even LISTEN ({@link WebhookLeader#hearWakeUps}): at
     * 1,000 commands/s the log NOTIFYs hundreds of times a second. What can change it is time (a backoff ends, a
     * paused count moves) and an endpoint registered or resumed: the poll interval sees both, and this instance's
     * own changes clear the flag at once ({@link #onEndpointsChanged}).
     */
    private volatile boolean nothingDue;

    private final AtomicLong paused = new AtomicLong();
    /** Credentials revoked (any instance's NOTIFY), to pause the endpoints they registered: see {@link #run()}. */
    private final Queue<UUID> revoked = new ConcurrentLinkedQueue<>();

    private volatile boolean running;
    /** Read by {@link #wake} from other threads. */
    private volatile Thread loop;

    private ExecutorService turns;

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("ticketrail.webhooks.paused", paused, AtomicLong::get)
                .description("Webhook endpoints paused after failing too long (as the delivering instance saw them)")
                .register(registry);
        start();
    }

    /**
     * A revoked key's endpoints stop receiving: the integrator lost its access, so it loses the pushed order data
     * too. Queued here and written by the loop, never on the listener's thread that fired this.
     */
    void onRevoked(@Observes AccessRevoked event) {
        revoked.add(event.id());
        LockSupport.unpark(loop);
    }

    /** After the commit, so the round that follows sees the new endpoint. */
    void onEndpointsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) WebhookEndpointsChanged event) {
        nothingDue = false;
        wake();
    }

    /** Another round now, whether the loop waits on the connection or is parked. */
    private void wake() {
        again.set(true);
        LockSupport.unpark(loop);
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts delivering (when this instance wins the lock); tests restart it to show no event is lost. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        turns = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "webhook-turn");
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::run, "webhook-loop");
        loop.setDaemon(true);
        loop.start();
    }

    /** Stops delivering and gives up the lock; a POST in flight is abandoned (it is sent again, at least once). */
    synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (turns != null) {
            turns.shutdownNow();
        }
        leader.release();
    }

    private void run() {
        long pollNanos = config.pollInterval().toNanos();
        long lastRound = 0;
        long lastCheck = 0;
        while (running) {
            pauseRevoked();
            // a lost connection shows at the wait below; the check each poll interval also finds a half-open one
            if (!leader.leading() || System.nanoTime() - lastCheck >= pollNanos) {
                lastCheck = System.nanoTime();
                if (!leader.lead()) {
                    if (!pause()) {
                        return;
                    }
                    continue;
                }
            }
            boolean woken = false;
            boolean workWaiting = again.get() || !revoked.isEmpty();
            if (!workWaiting && leader.listening()) {
                woken = leader.awaitWake(WAIT_MILLIS);
            } else if (!workWaiting) {
                // nothing on the connection can wake the loop (see nothingDue): only the next poll, wake() or stop()
                LockSupport.parkNanos(this, pollNanos - (System.nanoTime() - lastRound));
            }
            boolean polled = System.nanoTime() - lastRound >= pollNanos;
            if ((woken && !nothingDue) || again.getAndSet(false) || polled) {
                lastRound = System.nanoTime();
                try {
                    round();
                } catch (RuntimeException e) {
                    LOG.debug("Webhook round failed; the next one retries", e);
                }
            }
        }
    }

    /** On every instance, leading or not: each hears every revocation, and the update is the same from any. */
    private void pauseRevoked() {
        for (UUID id = revoked.poll(); id != null; id = revoked.poll()) {
            try {
                ledger.pauseRegisteredBy("key:" + id, "The key that registered it was revoked");
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not pause the webhook endpoints of revoked key %s", id);
            }
        }
    }

    private void round() {
        WebhookLedger.Round round = ledger.round(Instant.now());
        paused.set(round.paused());
        List<WebhookLedger.Due> due = round.due();
        nothingDue = due.isEmpty();
        leader.hearWakeUps(!nothingDue);
        if (due.isEmpty()) {
            return;
        }
        Map<String, StreamHead> heads = reader.streamHeads(
                due.stream().map(WebhookLedger.Due::locationId).distinct().toList());
        for (WebhookLedger.Due endpoint : due) {
            StreamHead head = heads.get(endpoint.locationId());
            boolean behind = head != null
                    && (!head.epoch().equals(endpoint.cursorEpoch()) || head.lastSeq() != endpoint.deliveredSeq());
            if (behind && inTurn.add(endpoint.id())) {
                try {
                    turns.execute(() -> turn(endpoint.id()));
                } catch (RejectedExecutionException e) {
                    inTurn.remove(endpoint.id()); // stopping
                }
            }
        }
    }

    /**
     * The endpoint and its head are read again here, inside the turn: what the round read may be older than the
     * cursor a turn that just ended moved, and starting from it would send that turn's last event again.
     */
    private void turn(UUID id) {
        try {
            Optional<WebhookLedger.Due> endpoint = ledger.current(id);
            if (endpoint.isPresent()) {
                StreamHead head = reader.streamHeads(List.of(endpoint.get().locationId()))
                        .get(endpoint.get().locationId());
                if (head != null) {
                    deliver(endpoint.get(), head);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the cursor says where the next deliverer starts
        } catch (RuntimeException e) {
            LOG.warnf(e, "Webhook turn of %s failed; the next round retries", id);
        } finally {
            inTurn.remove(id);
        }
    }

    private void deliver(WebhookLedger.Due endpoint, StreamHead head) throws InterruptedException {
        long cursor = endpoint.deliveredSeq();
        if (!head.epoch().equals(endpoint.cursorEpoch()) || head.lastSeq() < cursor) {
            ledger.restart(
                    endpoint.id(),
                    head,
                    head.lastSeq(),
                    "The location's log was reset or restored; delivery goes on from seq " + head.lastSeq());
            return;
        }
        if (!head.retainsAfter(cursor)) {
            long from = head.minRetainedSeq() - 1;
            ledger.restart(
                    endpoint.id(),
                    head,
                    from,
                    "Events " + (cursor + 1) + " to " + from + " expired before they could be delivered");
            cursor = from;
        }
        List<StoredEvent> events =
                reader.events(endpoint.locationId(), cursor, head.lastSeq(), config.batch(), 4L * 1024 * 1024);
        long passed = cursor;
        for (StoredEvent event : events) {
            Optional<WebhookSender.Outgoing> outgoing = sender.outgoing(endpoint.locationId(), head.epoch(), event)
                    .filter(o -> Webhooks.wants(endpoint.eventTypes(), o.type()));
            if (outgoing.isEmpty()) {
                passed = event.seq();
                continue;
            }
            if (!leader.leading()) {
                return; // another instance delivers from the cursor now
            }
            if (passed > cursor) {
                ledger.advance(endpoint.id(), passed, null);
                cursor = passed;
            }
            WebhookSender.Outcome outcome = sender.send(endpoint, outgoing.get());
            if (!outcome.delivered()) {
                registry.counter("ticketrail.webhooks.deliveries", "outcome", "failed")
                        .increment();
                if (ledger.failed(endpoint.id(), outcome.status(), outcome.error())) {
                    LOG.warnf("Webhook endpoint %s paused: %s", endpoint.id(), outcome.error());
                }
                return;
            }
            registry.counter("ticketrail.webhooks.deliveries", "outcome", "delivered")
                    .increment();
            ledger.advance(endpoint.id(), event.seq(), outcome.status());
            cursor = event.seq();
            passed = cursor;
        }
        if (passed > cursor) {
            ledger.advance(endpoint.id(), passed, null);
        }
        if (!events.isEmpty() && events.get(events.size() - 1).seq() < head.lastSeq()) {
            wake();
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(config.pollInterval().toMillis());
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
