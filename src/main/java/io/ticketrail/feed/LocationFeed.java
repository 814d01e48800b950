package io.ticketrail.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.ticketrail.log.StoredEvent;
import io.ticketrail.log.StreamHead;
import io.ticketrail.order.AppendedEvent;
import io.ticketrail.order.OrderView;

/**
 * The live state of one location on this instance: the orders on the line ({@link OrderView#onTheLine()}) as of
 * {@code processed}, and its screens grouped by view. Everything here runs on the location's serial executor, so a join reads and answers while no
 * live event is being sent: the joiner's catch-up ends exactly where the live stream goes on, with nothing sent
 * twice and nothing skipped.
 *
 * <p>All screens of a group are at the group's {@code lastSentTo}; that is what lets one encoded diff serve them
 * all. When a screen joins ahead of its group, the group is first moved up with an empty diff.
 */
final class LocationFeed {

    /** Events read and fanned out per round, also bounded in bytes (diffBytes): bounds one diff's size. */
    private static final int BATCH = 500;

    private final String locationId;
    private final FeedDispatcher dispatcher;
    private final SerialExecutor serial;
    private final AtomicBoolean dispatchQueued = new AtomicBoolean();
    /** Set by a wake-up that must read (poll, database back, a commit that may not have happened). */
    private final AtomicBoolean readWanted = new AtomicBoolean();
    /** The highest head a NOTIFY named. */
    private final AtomicLong notifiedHead = new AtomicLong();
    /**
     * The highest head one of this instance's commits said it is about to hand over ({@link #promise}): a NOTIFY
     * up to it needs no read, since the hand-off, or the read that follows a failed commit, will come anyway.
     */
    private final AtomicLong promised = new AtomicLong();

    private final SendBudget budget;
    /** Which orders the last entries changed: a screen that missed a few resumes without a read. */
    private final RecentEntries recent;

    private final Map<FeedView, Group> groups = new HashMap<>();
    // model and processed change only on the serial executor; volatile because the listener and poll threads read
    // them (isActive, processed) to decide whether a wake-up is needed, and a stale null would skip it until a poll
    /** Orders on the line as of {@code processed}; null while no screen is connected. */
    private volatile Map<UUID, OrderView> model;

    // volatile for the same reason: the poll compares them with the table's head
    private volatile UUID epoch;
    private volatile long processed;

    private static final class Group {
        final List<Screen> members = new ArrayList<>();
        long lastSentTo;
    }

    /** Where a resuming screen says it is. */
    record Resume(UUID epoch, long seq) {}

    LocationFeed(String locationId, FeedDispatcher dispatcher) {
        this.locationId = locationId;
        this.dispatcher = dispatcher;
        this.serial = new SerialExecutor(dispatcher.pool());
        this.budget =
                new SendBudget(dispatcher.config().sendQueueBytesPerLocation().asLongValue());
        this.recent = new RecentEntries(
                Math.min(RecentEntries.MOST, dispatcher.config().maxCatchUp()));
    }

    /** Bytes unsent to this location's screens on this instance. */
    SendBudget budget() {
        return budget;
    }

    void join(Screen screen, Optional<Resume> resume) {
        serial.execute(() -> doJoin(screen, resume));
    }

    void leave(Screen screen) {
        serial.execute(() -> {
            Group group = groups.get(screen.view);
            if (group != null && group.members.remove(screen) && group.members.isEmpty()) {
                groups.remove(screen.view);
            }
            unloadIfUnwatched();
        });
    }

    /** With no screen left the model goes: wake-ups and polls then skip this location (isActive). */
    private void unloadIfUnwatched() {
        if (groups.isEmpty()) {
            model = null;
        }
    }

    /** The log may have moved: read it. Several wake-ups before the read runs collapse into one read. */
    void wake() {
        readWanted.set(true);
        scheduleRead();
    }

    /**
     * A NOTIFY named {@code head}: read up to it unless this feed has it already, or this instance's own commit
     * promised it (then its hand-off brings it without a read).
     */
    void notified(long head) {
        if (head <= Math.max(processed, promised.get())) {
            return;
        }
        notifiedHead.accumulateAndGet(head, Math::max);
        scheduleRead();
    }

    private void scheduleRead() {
        if (dispatchQueued.compareAndSet(false, true)) {
            serial.execute(() -> {
                dispatchQueued.set(false);
                boolean wanted = readWanted.getAndSet(false);
                // a hand-off that ran since the NOTIFY may have brought everything it named: then nothing to read
                if (model != null && (wanted || notifiedHead.get() > Math.max(processed, promised.get()))) {
                    dispatchAvailable();
                }
            });
        }
    }

    /** One of this instance's commands is about to commit with this head (OwnCommits.committing). */
    void promise(long head) {
        promised.accumulateAndGet(head, Math::max);
    }

    /**
     * This instance's command committed these events, in seq order (OwnCommits.committed); fanned out on the
     * calling thread when {@code here} and no other work of this location's is queued or running.
     */
    void handOff(UUID committedEpoch, List<AppendedEvent> events, boolean here) {
        Runnable task = () -> {
            if (model == null) {
                return;
            }
            try {
                applyOwn(committedEpoch, events);
            } catch (RuntimeException e) {
                // not sent: the poll must see this head as unsent again, and read it
                promised.set(0);
                throw e;
            }
        };
        if (here) {
            serial.executeHereIfIdle(task);
        } else {
            serial.execute(task);
        }
    }

    /**
     * A promised commit rolled back, or may not have committed: a NOTIFY held back for it is read now, and later ones
     * are no longer held back.
     */
    void abandon() {
        promised.set(0);
        wake();
    }

    /**
     * The head this instance already sent, without a read: a screen behind it learns of a loss on the wire, and the
     * log itself is read whenever a NOTIFY or the listener's poll (more often than pings) finds it past that head.
     */
    void ping() {
        serial.execute(() -> {
            if (model == null) {
                return;
            }
            Instant down = dispatcher.databaseDownSince();
            // while the database is away a ping would tell the screen it is live: it hears why it is not instead
            sendToAll(dispatcher.encode(
                    down == null
                            ? new FeedMessage.Ping(processed, Instant.now())
                            : FeedMessage.Status.unreachable(down)));
        });
    }

    /**
     * This instance lost or found its database: every screen here hears it now rather than at its next missed
     * ping. Once it is back, a ping says where the log stands here, and a read sends what was committed meanwhile.
     */
    void databaseChanged() {
        serial.execute(() -> {
            if (model == null) {
                return;
            }
            Instant down = dispatcher.databaseDownSince();
            if (down != null) {
                sendToAll(dispatcher.encode(FeedMessage.Status.unreachable(down)));
                return;
            }
            sendToAll(dispatcher.encode(FeedMessage.Status.reachable()));
            sendToAll(dispatcher.encode(new FeedMessage.Ping(processed, Instant.now())));
            wake();
        });
    }

    /** The same message to every screen here, each group first moved up to {@code processed}. */
    private void sendToAll(EncodedMessage message) {
        for (Group group : groups.values()) {
            align(group);
            group.members.forEach(screen -> screen.send(message, epoch, processed));
        }
    }

    /** Closes every screen; completes once their close frames are out. */
    CompletableFuture<Void> closeAll(int code, String reason) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        serial.execute(() -> {
            List<CompletableFuture<Void>> closing = new ArrayList<>();
            groups.values()
                    .forEach(g -> g.members.forEach(
                            s -> closing.add(s.close(code, reason, null).toCompletableFuture())));
            groups.clear();
            model = null;
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .whenComplete((ok, failure) -> closed.complete(null));
        });
        return closed;
    }

    boolean isActive() {
        return model != null;
    }

    /**
     * True when the table's head is past what this feed sent and what a commit of this instance is about to hand
     * over, or is behind it, or is another log (reset, restored) altogether.
     */
    boolean isBehindOrElsewhere(StreamHead head) {
        return isActive()
                && (head.lastSeq() < processed
                        || head.lastSeq() > Math.max(processed, promised.get())
                        || !head.epoch().equals(epoch));
    }

    String locationId() {
        return locationId;
    }

    private void doJoin(Screen screen, Optional<Resume> resume) {
        try {
            tryJoin(screen, resume);
        } catch (RuntimeException e) {
            // e.g. no database connection in time: a screen left without answer would wait in silence, so it is
            // closed and comes back by itself
            Group group = groups.get(screen.view);
            if (group != null && group.members.isEmpty()) {
                groups.remove(screen.view);
            }
            // the load may have succeeded: do not keep a model nobody watches until a close callback comes
            unloadIfUnwatched();
            screen.close(CloseCodes.RESYNC, "try again", "Could not serve this screen now; reconnect to resume");
            throw e;
        }
    }

    private void tryJoin(Screen screen, Optional<Resume> resume) {
        if (screen.isClosed()) {
            return;
        }
        if (!dispatcher.isAccepting()) {
            // said hello after shutdown began: send it on to another instance now rather than strand it here
            screen.close(CloseCodes.GOING_AWAY, "server shutting down", null);
            return;
        }
        if (model == null) {
            if (!load()) {
                screen.close(CloseCodes.RESYNC, "location gone", "This location no longer exists");
                return;
            }
            // a NOTIFY that came while the model was being read was not acted on; a loaded model needs no read, as
            // every later entry has its hand-off, NOTIFY or poll on the way, and a resuming screen then costs none
            dispatchAvailable();
        }
        Group group = groups.computeIfAbsent(screen.view, v -> {
            Group created = new Group();
            created.lastSentTo = processed;
            return created;
        });
        align(group);
        if (resume.isPresent()
                && canCatchUp(resume.get())
                && catchUp(screen, resume.get().seq())) {
            dispatcher.metrics().resumed("catch-up");
        } else {
            screen.send(dispatcher.encode(snapshot(screen.view)), epoch, processed);
            dispatcher.metrics().resumed(resume.isPresent() ? "snapshot" : "new");
        }
        group.members.add(screen);
    }

    private boolean canCatchUp(Resume resume) {
        return resume.epoch().equals(epoch)
                && resume.seq() <= processed
                && processed - resume.seq() <= dispatcher.config().maxCatchUp();
    }

    /** Sends the entries after {@code seq} as one diff; false when retention removed some of them. */
    private boolean catchUp(Screen screen, long seq) {
        if (seq == processed) {
            screen.send(dispatcher.encode(new FeedMessage.Ping(processed, Instant.now())), epoch, processed);
            return true;
        }
        Optional<LinkedHashMap<UUID, Long>> touched =
                recent.changedAfter(seq, processed).or(() -> touchedInTheLog(seq));
        if (touched.isEmpty()) {
            return false;
        }
        List<FeedMessage.Change> changes = new ArrayList<>();
        touched.get().forEach((orderId, version) -> {
            Optional<ScreenOrder> shown = FeedProjection.project(screen.view, model.get(orderId));
            changes.add(
                    shown.map(FeedMessage.Change::upsert).orElseGet(() -> FeedMessage.Change.remove(orderId, version)));
        });
        screen.send(
                dispatcher.encode(new FeedMessage.Diff(epoch, seq, processed, Instant.now(), changes)),
                epoch,
                processed);
        return true;
    }

    /**
     * The orders changed after {@code seq}, each with its last version, read from the log; empty when retention
     * removed some of those entries.
     */
    private Optional<LinkedHashMap<UUID, Long>> touchedInTheLog(long seq) {
        List<StoredEvent> events = dispatcher.reader().touched(locationId, seq, processed, (int) (processed - seq));
        if (!contiguous(events, seq) || events.get(events.size() - 1).seq() != processed) {
            return Optional.empty();
        }
        LinkedHashMap<UUID, Long> touched = new LinkedHashMap<>();
        events.stream().filter(e -> e.type().changesOrder()).forEach(e -> {
            touched.remove(e.orderId());
            touched.put(e.orderId(), e.orderVersion());
        });
        return Optional.of(touched);
    }

    private FeedMessage.Snapshot snapshot(FeedView view) {
        return new FeedMessage.Snapshot(
                epoch, processed, Instant.now(), FeedSnapshots.project(view, List.copyOf(model.values())));
    }

    /** Moves a group that fell behind (its view skipped the last entries) up to {@code processed}. */
    private void align(Group group) {
        if (group.lastSentTo < processed && !group.members.isEmpty()) {
            EncodedMessage empty = dispatcher.encode(
                    new FeedMessage.Diff(epoch, group.lastSentTo, processed, Instant.now(), List.of()));
            group.members.forEach(screen -> screen.send(empty, epoch, processed));
        }
        group.lastSentTo = processed;
    }

    private boolean load() {
        Optional<FeedReader.OpenOrders> open = dispatcher.reader().openOrders(locationId);
        if (open.isEmpty()) {
            return false;
        }
        model = new HashMap<>();
        open.get().orders().forEach(o -> model.put(o.id(), o));
        epoch = open.get().head().epoch();
        processed = open.get().head().lastSeq();
        recent.startAt(processed);
        // seqs of an earlier epoch (or of a restored log) say nothing about this one
        promised.set(0);
        notifiedHead.set(0);
        return true;
    }

    /**
     * Reads and fans out every committed event after {@code processed}. When the log is no longer the one the
     * screens follow (a new epoch, or a head behind {@code processed}: restored to an earlier point), every screen
     * gets a snapshot of the log as it is now; its seq may be lower than the screen's, which is why a screen takes
     * a snapshot whatever its position, and why "no events after {@code processed}" is never taken as "in sync".
     */
    private void dispatchAvailable() {
        while (true) {
            Optional<List<StoredEvent>> read = dispatcher
                    .reader()
                    .eventsInEpoch(
                            locationId,
                            epoch,
                            processed,
                            Long.MAX_VALUE,
                            BATCH,
                            dispatcher.config().diffBytes().asLongValue());
            if (read.isEmpty()) {
                resync();
                return;
            }
            List<StoredEvent> events = read.get();
            if (events.isEmpty()) {
                return;
            }
            if (!contiguous(events, processed)) {
                resync();
                return;
            }
            // decode the whole batch first: a failure must leave the model as it was, so a retry sends the same removes
            fanOut(
                    events,
                    events.stream()
                            .map(e -> e.type().changesOrder() ? dispatcher.decode(e.state()) : null)
                            .toList());
            long bytes = events.stream()
                    .mapToLong(e -> SendBudget.utf8Length(e.state()))
                    .sum();
            if (events.size() < BATCH && bytes < dispatcher.config().diffBytes().asLongValue()) {
                // cut by neither bound: that was the end of the log
                return;
            }
        }
    }

    /**
     * This instance's own committed events, without reading them back: applied when they go on exactly from
     * {@code processed} in the same epoch; those at or below it came with an earlier read already. Anything else (an
     * event of another instance or of a scheduled job in between, a new epoch) is a hole: the log is read instead,
     * in a task of its own, since this may run on a writer lane, which must not wait for a read.
     */
    private void applyOwn(UUID committedEpoch, List<AppendedEvent> events) {
        int first = 0;
        while (first < events.size() && events.get(first).seq() <= processed) {
            first++;
        }
        if (!committedEpoch.equals(epoch)
                || (first < events.size() && events.get(first).seq() != processed + 1)) {
            wake();
            return;
        }
        // cut as a read of the log is cut (BATCH, diffBytes), so a diff is as large either way
        long maxBytes = dispatcher.config().diffBytes().asLongValue();
        while (first < events.size()) {
            List<StoredEvent> part = new ArrayList<>();
            List<OrderView> states = new ArrayList<>();
            long bytes = 0;
            while (first < events.size() && part.size() < BATCH && (part.isEmpty() || bytes < maxBytes)) {
                AppendedEvent event = events.get(first++);
                OrderView order = event.order();
                part.add(new StoredEvent(
                        event.seq(), event.type(), order.id(), order.version(), null, event.occurredAt(), null));
                states.add(order);
                bytes += event.json().length;
            }
            if (!contiguous(part, processed)) {
                wake();
                return;
            }
            fanOut(part, states);
        }
    }

    /** Folds a batch of events (with each one's order, null for an entry no view shows) into the model and sends it. */
    private void fanOut(List<StoredEvent> events, List<OrderView> states) {
        Map<UUID, OrderView> before = new LinkedHashMap<>();
        Map<UUID, OrderView> after = new LinkedHashMap<>();
        fold(model, events, states, before, after);
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            recent.add(event.seq(), states.get(i) == null ? null : event.orderId(), event.orderVersion());
        }
        long to = events.get(events.size() - 1).seq();
        Instant newest = events.get(events.size() - 1).occurredAt();
        List<EncodedDiff> encoded = new ArrayList<>(groups.size());
        int sent = 0;
        for (Map.Entry<FeedView, Group> entry : groups.entrySet()) {
            List<FeedMessage.Change> changes = FeedProjection.changes(entry.getKey(), before, after);
            Group group = entry.getValue();
            if (changes.isEmpty()) {
                continue;
            }
            EncodedMessage diff = encode(encoded, group.lastSentTo, to, changes);
            group.members.forEach(screen -> screen.send(diff, epoch, to));
            group.lastSentTo = to;
            sent += group.members.size();
        }
        if (sent > 0) {
            dispatcher.metrics().diffsSent(sent, newest);
        }
        processed = to;
    }

    /** A diff encoded in this round, for the next view that has the same changes from the same seq. */
    private record EncodedDiff(long from, List<FeedMessage.Change> changes, EncodedMessage message) {}

    /** Views that show the same (front of house and manager) share one encoded diff; comparing costs less. */
    private EncodedMessage encode(List<EncodedDiff> encoded, long from, long to, List<FeedMessage.Change> changes) {
        for (EncodedDiff done : encoded) {
            if (done.from() == from && done.changes().equals(changes)) {
                return done.message();
            }
        }
        EncodedMessage message = dispatcher.encode(new FeedMessage.Diff(epoch, from, to, Instant.now(), changes));
        encoded.add(new EncodedDiff(from, changes, message));
        return message;
    }

    /**
     * Applies a batch to the model and records, per order it touches, the state before the batch ({@code null}:
     * not on the line) and after it. {@code states} holds each event's decoded order, {@code null} for an entry no
     * view shows (an alarm or print entry), which still moves every view's position.
     */
    static void fold(
            Map<UUID, OrderView> model,
            List<StoredEvent> events,
            List<OrderView> states,
            Map<UUID, OrderView> before,
            Map<UUID, OrderView> after) {
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            OrderView state = states.get(i);
            if (state == null) {
                continue;
            }
            // containsKey, not putIfAbsent: a stored null (not on the line before the batch) must stay
            if (!before.containsKey(event.orderId())) {
                before.put(event.orderId(), model.get(event.orderId()));
            }
            after.remove(event.orderId());
            after.put(event.orderId(), state);
            if (state.onTheLine()) {
                model.put(event.orderId(), state);
            } else {
                model.remove(event.orderId());
            }
        }
    }

    /** The log moved under us (retention, reset): start over from the table and give every screen a snapshot. */
    private void resync() {
        if (!load()) {
            closeAll(CloseCodes.RESYNC, "location gone");
            return;
        }
        groups.forEach((view, group) -> {
            EncodedMessage snapshot = dispatcher.encode(snapshot(view));
            group.members.forEach(screen -> screen.send(snapshot, epoch, processed));
            group.lastSentTo = processed;
        });
        dispatcher.metrics().resumed("reload");
    }

    private static boolean contiguous(List<StoredEvent> events, long after) {
        long expected = after + 1;
        for (StoredEvent event : events) {
            if (event.seq() != expected++) {
                return false;
            }
        }
        return !events.isEmpty();
    }
}
