package io.ticketrail.feed;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.order.AppendedEvent;
import io.ticketrail.order.OrderView;
import io.ticketrail.order.OwnCommits;
import io.ticketrail.web.DatabaseHealth;

/**
 * Fan-out on this instance: an index location -> view -> screens. A wake-up touches only the screens of its
 * location, so the cost of an event is O(screens of that location), never O(all connections).
 */
@Singleton
public class FeedDispatcher implements OwnCommits {

    @Inject
    FeedConfig config;

    @Inject
    FeedReader reader;

    @Inject
    FeedMetrics metrics;

    @Inject
    ObjectMapper json;

    @Inject
    FeedSlots slots;

    @Inject
    ScreenWatch watch;

    @Inject
    DatabaseHealth health;

    private final ConcurrentHashMap<String, LocationFeed> feeds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Set<Screen>> byOwner = new ConcurrentHashMap<>();
    /**
     * The fan-out threads stay a pool of our own: each location's work runs on one of them at a time (SerialExecutor)
     * and may wait on the database, so it must neither share the scheduler's threads nor the event loop.
     */
    private ExecutorService pool;

    /**
     * The log's states were written by this application's own encoder: the request parser's duplicate-key check
     * (it keeps every key of every object seen) has nothing to find there.
     */
    private ObjectReader stateReader;

    private volatile boolean accepting = true;
    private SendBudget budget;

    @PostConstruct
    void start() {
        budget = new SendBudget(config.sendQueueBytesTotal().asLongValue());
        stateReader = json.readerFor(OrderView.class).without(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(config.workerThreads(), r -> {
            Thread t = new Thread(r, "feed-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Every screen gets the head seq every ping-interval; each location's ping only queues work on its lane. */
    @Scheduled(
            every = "${ticketrail.feed.ping-interval}",
            delayed = "${ticketrail.feed.ping-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void ping() {
        feeds.values().forEach(LocationFeed::ping);
    }

    /** The database went away or came back: every location's screens on this instance are told at once. */
    void databaseChanged(@Observes DatabaseHealth.Change change) {
        feeds.values().forEach(LocationFeed::databaseChanged);
    }

    /** When this instance found its database away, or null while it reaches it. */
    Instant databaseDownSince() {
        return health.downSince();
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** A new screen; it is sent nothing until it says hello and {@link #join} runs. */
    Screen open(String locationId, FeedView view, ScreenSink sink, String transport, UUID owner) {
        return open(UUID.randomUUID(), locationId, view, sink, transport, owner);
    }

    /** The same, under an id the screen chose (SSE: it names it again in its REST acknowledgements). */
    Screen open(UUID id, String locationId, FeedView view, ScreenSink sink, String transport, UUID owner) {
        Screen.Bounds bounds = new Screen.Bounds(
                config.sendQueueBound(),
                config.sendQueueBytes().asLongValue(),
                feed(locationId).budget(),
                budget);
        Screen[] self = new Screen[1];
        self[0] = new Screen(
                id,
                locationId,
                view,
                sink,
                transport,
                owner,
                bounds,
                () -> {
                    metrics.tooSlow(self[0]);
                    leave(self[0]);
                },
                watch);
        metrics.opened(self[0]);
        slots.opened(owner);
        byOwner.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(self[0]);
        return self[0];
    }

    /** How many screens of one location are open on this instance. */
    public long openScreens(String locationId) {
        return byOwner.values().stream()
                .flatMap(Set::stream)
                .filter(screen -> screen.locationId.equals(locationId))
                .count();
    }

    Set<UUID> owners() {
        return Set.copyOf(byOwner.keySet());
    }

    /** Closes every feed opened with a credential that is no longer good (revoked, expired, signed out). */
    void closeAllOf(UUID owner, int code, String reason, String error) {
        Set<Screen> screens = byOwner.remove(owner);
        if (screens != null) {
            // each transport's close callback then calls closed(), as for any other close
            screens.forEach(screen -> screen.close(code, reason, error));
        }
    }

    void join(Screen screen, Optional<LocationFeed.Resume> resume) {
        feed(screen.locationId).join(screen, resume);
    }

    private LocationFeed feed(String locationId) {
        return feeds.computeIfAbsent(locationId, id -> new LocationFeed(id, this));
    }

    /** Whether this instance follows the location's log: it has a screen there, or is letting one in. */
    boolean isActive(String locationId) {
        LocationFeed feed = feeds.get(locationId);
        return feed != null && feed.isActive();
    }

    /** Called once per screen when its connection ends, whoever ended it. */
    void leave(Screen screen) {
        LocationFeed feed = feeds.get(screen.locationId);
        if (feed != null) {
            feed.leave(screen);
        }
    }

    void closed(Screen screen) {
        Set<Screen> screens = byOwner.get(screen.owner);
        if (screens != null && screens.remove(screen) && screens.isEmpty()) {
            byOwner.remove(screen.owner, screens);
        }
        metrics.closed(screen);
        slots.closed(screen.owner);
        screen.closedForPresence();
        leave(screen);
    }

    /** The screen says it applied and drew everything up to {@code seq} (docs/protocol.md, "Acknowledgements"). */
    void acked(Screen screen, long seq, String page) {
        screen.acked(seq, page);
    }

    /** A NOTIFY arrived: {@code locationId:seq}. */
    public void wake(String locationId, long seq) {
        LocationFeed feed = feeds.get(locationId);
        if (feed != null && feed.isActive()) {
            feed.notified(seq);
        }
    }

    @Override
    public void committing(String locationId, long head) {
        LocationFeed feed = feeds.get(locationId);
        if (feed != null && feed.isActive()) {
            feed.promise(head);
        }
    }

    @Override
    public void committed(String locationId, UUID epoch, List<AppendedEvent> events, boolean mayUseCaller) {
        LocationFeed feed = feeds.get(locationId);
        if (feed != null && feed.isActive()) {
            feed.handOff(epoch, events, mayUseCaller);
        }
    }

    @Override
    public void notCommitted(String locationId) {
        LocationFeed feed = feeds.get(locationId);
        if (feed != null) {
            feed.abandon();
        }
    }

    /**
     * The safety net: compare every active location with its head in the table, one query for all. A head in
     * another epoch, or behind what was sent (a restored log), wakes the feed too: its read then resyncs.
     */
    public void catchUpAll() {
        var active = feeds.values().stream()
                .filter(LocationFeed::isActive)
                .map(LocationFeed::locationId)
                .toList();
        if (active.isEmpty()) {
            return;
        }
        reader.heads(active).forEach((locationId, head) -> {
            LocationFeed feed = feeds.get(locationId);
            if (feed != null && feed.isBehindOrElsewhere(head)) {
                feed.wake();
            }
        });
    }

    /** Rolling deploy, first step: new screens are refused (503) and go to another instance; open ones stay. */
    public void refuseNew() {
        accepting = false;
    }

    /** Rolling deploy: refuse new screens, close the open ones with 1001 so they resume on another instance. */
    public CompletableFuture<Void> shutdown() {
        refuseNew();
        return CompletableFuture.allOf(feeds.values().stream()
                .map(feed -> feed.closeAll(CloseCodes.GOING_AWAY, "server shutting down"))
                .toArray(CompletableFuture[]::new));
    }

    public boolean isAccepting() {
        return accepting;
    }

    EncodedMessage encode(FeedMessage message) {
        try {
            return new EncodedMessage(FeedJson.encode(json, message));
        } catch (IOException e) {
            throw new IllegalStateException("Could not encode a feed message", e);
        }
    }

    OrderView decode(String state) {
        try {
            return stateReader.readValue(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable order state in the event log", e);
        }
    }

    FeedConfig config() {
        return config;
    }

    FeedReader reader() {
        return reader;
    }

    FeedMetrics metrics() {
        return metrics;
    }

    ExecutorService pool() {
        return pool;
    }
}
