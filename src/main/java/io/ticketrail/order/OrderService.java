package io.ticketrail.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ticketrail.config.TransactionConnection;
import io.ticketrail.location.LocationRules;
import io.ticketrail.location.LocationService;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.EventType;
import io.ticketrail.log.StreamLock;
import io.ticketrail.web.DomainException;
import io.ticketrail.web.ProblemException;

/**
 * Every order command: lock the location's log, check, change the entities, append one event, in the transaction of
 * its writer lane's batch (CommandRunner). A command that throws changes nothing, appends nothing and notifies
 * nothing; its neighbours in the batch commit all the same.
 */
@Singleton
public class OrderService {

    @Inject
    OrderRows rows;

    @Inject
    TransactionConnection transaction;

    @Inject
    EventLog eventLog;

    @Inject
    LocationService locations;

    @Inject
    WriterLanes lanes;

    @Inject
    CommandRunner runner;

    @Inject
    OrderConfig config;

    @Inject
    OrderLimits limits;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    /** The actor of the courses timed fire sends. */
    static final String TIMED_FIRE = "system:timed-fire";
    /** The actor that acknowledges a cancelled order's notices nobody acknowledged in time. */
    static final String NOTICE_EXPIRY = "system:notice-expiry";

    private static final MessageDigest SHA_256 = lookUpSha256();

    private static final String NEXT_NUMBER = """
            insert into order_number_counter (location_id, business_day, last_number) values (?, ?, 1)
            on conflict (location_id, business_day)
            do update set last_number = order_number_counter.last_number + 1
            returning last_number""";

    private final Map<String, CommandMeters> meters = new ConcurrentHashMap<>();

    /** A step of a command that works on one existing order and names the event it appends. */
    private interface OrderChange {
        EventType apply(KitchenOrder order, LocationRules location, Instant now);
    }

    public CompletionStage<CommandResult> place(String locationId, PlaceOrderRequest request, CommandMeta meta) {
        OrderRows.Target target = OrderRows.Target.byExternalId(request.externalId());
        return execute("place", locationId, target, meta, (lock, atHand) -> {
            String contentHash = fingerprint(withDefaults(request));
            Optional<KitchenOrder> existing = atHand.found().map(loaded -> loaded.order);
            if (existing.isPresent()) {
                if (!existing.get().contentHash.equals(contentHash)) {
                    throw ProblemException.conflict(
                                    "external-id-conflict",
                                    "External id already used",
                                    "Order " + request.externalId() + " was already placed with different content")
                            .with("orderId", existing.get().id.toString());
                }
                return answer(OrderView.of(existing.get()));
            }
            LocationRules location = locations.rules(lock);
            Instant now = now();
            KitchenOrder order = Untracked.entity(new KitchenOrder());
            order.id = UUID.randomUUID();
            order.locationId = locationId;
            order.externalId = request.externalId();
            order.businessDay = businessDay(location, now);
            order.number = nextNumber(locationId, order.businessDay);
            order.channel = request.channel();
            order.table = request.table();
            order.customerName = request.customerName();
            order.serverName = request.serverName();
            order.guests = request.guests();
            order.priority = request.priority() != null ? request.priority() : Priority.NORMAL;
            order.status = OrderStatus.NEW;
            order.notes = request.notes();
            order.contentHash = contentHash;
            order.promisedAt = micros(request.promisedAt());
            order.placedAt = now;
            order.updatedAt = now;
            int firstCourse = request.items().stream()
                    .mapToInt(OrderService::courseOf)
                    .min()
                    .orElse(1);
            addItems(order, location, request.items(), firstCourse, false, now);
            rows.insert(atHand, order);
            return record(lock, order, EventType.ORDER_PLACED, meta, now).created();
        });
    }

    public CompletionStage<CommandResult> addItems(
            String locationId, UUID orderId, AddItemsRequest request, CommandMeta meta) {
        return change("add-items", locationId, orderId, meta, (order, location, now) -> {
            order.requireOpen("add items to");
            List<OrderItem> added = addItems(order, location, request.items(), order.highestFiredCourse(), true, now);
            order.itemsAdded(added, now);
            return EventType.ITEMS_ADDED;
        });
    }

    public CompletionStage<CommandResult> voidItem(
            String locationId, UUID orderId, UUID itemId, ReasonRequest request, CommandMeta meta) {
        return change("void-item", locationId, orderId, meta, (order, location, now) -> {
            order.voidItem(
                    order.item(itemId), request == null ? null : request.reason(), now, location.readyWhenItemsDone());
            return EventType.ITEM_VOIDED;
        });
    }

    public CompletionStage<CommandResult> changeItem(
            String locationId, UUID orderId, UUID itemId, ChangeItemRequest request, CommandMeta meta) {
        if (request == null || (request.qty() == null && request.notes() == null)) {
            throw ProblemException.invalid("body", "send qty, notes or both");
        }
        return change("change-item", locationId, orderId, meta, (order, location, now) -> {
            order.changeItem(order.item(itemId), request.qty(), request.notes(), now);
            return EventType.ITEM_CHANGED;
        });
    }

    public CompletionStage<CommandResult> acknowledge(
            String locationId, UUID orderId, AcknowledgeRequest request, CommandMeta meta) {
        String view = request.view().strip();
        return change("acknowledge", locationId, orderId, meta, (order, location, now) -> {
            boolean known = view.equals(OrderNotice.EXPO)
                    || (view.startsWith("station:") && location.hasPrepStation(view.substring(8)))
                    || order.notices.stream().anyMatch(n -> n.view.equals(view)); // a station removed since
            if (!known) {
                throw ProblemException.invalid(
                        "view", "must be expo or station:<id> of a PREP station of " + location.id());
            }
            meta.requireScreen(view);
            order.acknowledge(view);
            return EventType.NOTICES_ACKNOWLEDGED;
        });
    }

    public CompletionStage<CommandResult> fireCourse(String locationId, UUID orderId, int course, CommandMeta meta) {
        return change("fire-course", locationId, orderId, meta, (order, location, now) -> {
            order.fireCourse(course, now);
            return EventType.COURSE_FIRED;
        });
    }

    /**
     * Timed fire: fires the order's next held course if the location's delay has passed at {@code at}, as the
     * fire-course command would. Checked again under the location's lock, so of two replicas that both found it
     * due only the first fires it; empty when nothing was due any more.
     */
    Optional<OrderView> fireDueCourse(String locationId, UUID orderId, Instant at) {
        OrderRows.Target target = OrderRows.Target.byId(orderId);
        CommandMeta meta = CommandMeta.system(TIMED_FIRE);
        CommandResult result = executeNow("timed-fire", locationId, target, meta, (lock, atHand) -> {
            Optional<OrderRows.Loaded> found = atHand.found().filter(loaded -> loaded.order.status.isOpen());
            LocationRules location = locations.rules(lock);
            Optional<KitchenOrder.DueCourse> due = found.flatMap(
                            loaded -> location.courseFireDelay().flatMap(loaded.order::nextCourseDue))
                    .filter(d -> !d.at().isAfter(at));
            if (due.isEmpty()) {
                return null;
            }
            KitchenOrder order = found.get().order;
            Instant now = now();
            order.fireCourse(due.get().course(), now);
            order.touch(now);
            rows.save(found.get());
            return record(lock, order, EventType.COURSE_FIRED, meta, now);
        });
        return Optional.ofNullable(result).map(CommandResult::order);
    }

    /**
     * Acknowledges, as {@code system:notice-expiry}, every notice left on an order cancelled before {@code cutoff};
     * false when there was none any more (a screen was quicker).
     */
    boolean expireCancelledNotices(String locationId, UUID orderId, Instant cutoff) {
        CommandMeta meta = CommandMeta.system(NOTICE_EXPIRY);
        OrderRows.Target target = OrderRows.Target.byId(orderId);
        return executeNow("expire-notices", locationId, target, meta, (lock, atHand) -> {
                    Optional<OrderRows.Loaded> found = atHand.found()
                            .filter(loaded -> loaded.order.status == OrderStatus.CANCELLED
                                    && loaded.order.cancelledAt.isBefore(cutoff)
                                    && !loaded.order.notices.isEmpty());
                    if (found.isEmpty()) {
                        return null;
                    }
                    KitchenOrder order = found.get().order;
                    Instant now = now();
                    order.notices.clear();
                    order.touch(now);
                    rows.save(found.get());
                    return record(lock, order, EventType.NOTICES_ACKNOWLEDGED, meta, now);
                })
                != null;
    }

    /** Cancelled orders, by location, whose notices are older than the cancelled-notice lifetime at {@code at}. */
    @Transactional
    Map<String, List<UUID>> cancelledWithStaleNotices(Instant cutoff) {
        return KitchenOrder.listCancelledWithNoticesBefore(cutoff).stream()
                .collect(Collectors.groupingBy(o -> o.locationId, Collectors.mapping(o -> o.id, Collectors.toList())));
    }

    /** Open orders, by location, at locations with timed fire whose next course is due at {@code at}. */
    @Transactional
    Map<String, List<UUID>> dueForTimedFire(Map<String, Duration> delays, Instant at) {
        if (delays.isEmpty()) {
            return Map.of();
        }
        return KitchenOrder.listHoldingAt(delays.keySet()).stream()
                .filter(o -> o.nextCourseDue(delays.get(o.locationId))
                        .filter(d -> !d.at().isAfter(at))
                        .isPresent())
                .collect(Collectors.groupingBy(o -> o.locationId, Collectors.mapping(o -> o.id, Collectors.toList())));
    }

    public CompletionStage<CommandResult> startItem(String locationId, UUID orderId, UUID itemId, CommandMeta meta) {
        return change("start-item", locationId, orderId, meta, (order, location, now) -> {
            OrderItem item = order.item(itemId);
            meta.requireStation(item.station);
            order.startItem(item, now);
            return EventType.ITEM_STARTED;
        });
    }

    public CompletionStage<CommandResult> bumpItem(String locationId, UUID orderId, UUID itemId, CommandMeta meta) {
        return change("bump-item", locationId, orderId, meta, (order, location, now) -> {
            OrderItem item = order.item(itemId);
            meta.requireStation(item.station);
            order.bumpItem(item, now, location.readyWhenItemsDone());
            return EventType.ITEM_BUMPED;
        });
    }

    public CompletionStage<CommandResult> bumpStation(
            String locationId, UUID orderId, String stationId, CommandMeta meta) {
        return change("bump-station", locationId, orderId, meta, (order, location, now) -> {
            requireStation(location, stationId);
            meta.requireStation(stationId);
            order.bumpStation(stationId, now, location.readyWhenItemsDone());
            return EventType.STATION_BUMPED;
        });
    }

    public CompletionStage<CommandResult> recall(
            String locationId, UUID orderId, RecallRequest request, CommandMeta meta) {
        return change("recall", locationId, orderId, meta, (order, location, now) -> {
            if (request != null && request.itemId() != null) {
                OrderItem item = order.item(request.itemId());
                meta.requireStation(item.station);
                order.recallItem(item, now, location.recallWindow());
            } else if (request != null && request.stationId() != null) {
                requireStation(location, request.stationId());
                meta.requireStation(request.stationId());
                order.recallStation(request.stationId(), now, location.recallWindow());
            } else {
                meta.requireWholeOrder();
                order.recallReady(now, location.recallWindow());
            }
            return EventType.RECALLED;
        });
    }

    public CompletionStage<CommandResult> markReady(String locationId, UUID orderId, CommandMeta meta) {
        return change("ready", locationId, orderId, meta, (order, location, now) -> {
            order.markReady(now);
            return EventType.ORDER_READY;
        });
    }

    public CompletionStage<CommandResult> complete(String locationId, UUID orderId, CommandMeta meta) {
        return change("complete", locationId, orderId, meta, (order, location, now) -> {
            order.complete(now);
            return EventType.ORDER_COMPLETED;
        });
    }

    /** Undo of {@link #complete}: back to READY within the location's recall window. */
    public CompletionStage<CommandResult> reopen(String locationId, UUID orderId, CommandMeta meta) {
        return change("reopen", locationId, orderId, meta, (order, location, now) -> {
            order.reopen(now, location.recallWindow());
            return EventType.ORDER_REOPENED;
        });
    }

    public CompletionStage<CommandResult> cancel(
            String locationId, UUID orderId, ReasonRequest request, CommandMeta meta) {
        return change("cancel", locationId, orderId, meta, (order, location, now) -> {
            order.cancel(request == null ? null : request.reason(), now);
            return EventType.ORDER_CANCELLED;
        });
    }

    public CompletionStage<CommandResult> update(
            String locationId, UUID orderId, UpdateOrderRequest request, CommandMeta meta) {
        if (request == null || (request.priority() == null && request.promisedAt() == null)) {
            throw ProblemException.invalid("body", "send priority, promisedAt or both");
        }
        return change("update", locationId, orderId, meta, (order, location, now) -> {
            order.requireOpen("change");
            if (request.priority() != null) {
                order.priority = request.priority();
            }
            if (request.promisedAt() != null) {
                order.promisedAt = micros(request.promisedAt());
            }
            return EventType.ORDER_UPDATED;
        });
    }

    @Transactional
    public Optional<OrderView> find(String locationId, UUID orderId) {
        return KitchenOrder.findAt(locationId, orderId).map(OrderView::of);
    }

    /** The orders on some screen ({@link OrderView#onTheLine()}) in fire order, within the caller's transaction. */
    @Transactional
    public List<OrderView> listOnTheLine(String locationId) {
        return KitchenOrder.listOnTheLineAt(locationId).stream()
                .map(OrderView::of)
                .toList();
    }

    @Transactional
    public OrderPage list(String locationId, List<OrderStatus> statuses, int page, int size) {
        locations.rules(locationId);
        List<OrderView> orders = KitchenOrder.pageAt(locationId, statuses, page, size).stream()
                .map(OrderView::of)
                .toList();
        return new OrderPage(orders, page, size, KitchenOrder.countAt(locationId, statuses));
    }

    private CompletionStage<CommandResult> change(
            String command, String locationId, UUID orderId, CommandMeta meta, OrderChange change) {
        return execute(command, locationId, OrderRows.Target.byId(orderId), meta, (lock, atHand) -> {
            OrderRows.Loaded loaded = atHand.found()
                    .orElseThrow(() -> ProblemException.notFound("No order " + orderId + " at " + locationId));
            KitchenOrder order = loaded.order;
            meta.expectedVersion().filter(expected -> expected != order.version).ifPresent(expected -> {
                throw new ProblemException(
                                412,
                                "version-mismatch",
                                "Order changed",
                                "The order is at version " + order.version + ", not " + expected)
                        .with("currentVersion", order.version);
            });
            LocationRules location = locations.rules(lock);
            Instant now = now();
            EventType type = change.apply(order, location, now);
            order.touch(now);
            rows.save(loaded);
            return record(lock, order, type, meta, now);
        });
    }

    /**
     * Queues a command in its location's writer lane, which runs it after taking the location's lock (with the other
     * commands queued meanwhile, in one transaction), replays an Idempotency-Key's first answer instead of running
     * twice, and completes the stage after the commit; counts the outcome.
     *
     * @throws ProblemException 503 at once when the lane's queue is full
     */
    private CompletionStage<CommandResult> execute(
            String command, String locationId, OrderRows.Target target, CommandMeta meta, QueuedCommand.Body body) {
        Timer.Sample sample = Timer.start(registry);
        CompletionStage<CommandResult> answer;
        try {
            answer = lanes.submit(new QueuedCommand(locationId, target, meta, body));
        } catch (ProblemException busy) {
            count(command, sample, "queue-full");
            throw busy;
        }
        return answer.whenComplete((result, failure) -> count(command, sample, outcome(result, failure)));
    }

    /**
     * As {@link #execute}, on the caller's thread in a transaction of its own: for scheduled commands, which wait
     * for their answer anyway and keep their order with the lanes' batches through the location's lock.
     */
    private CommandResult executeNow(
            String command, String locationId, OrderRows.Target target, CommandMeta meta, QueuedCommand.Body body) {
        Timer.Sample sample = Timer.start(registry);
        CommandResult result = null;
        Throwable failure = null;
        try {
            result = runner.runAlone(new QueuedCommand(locationId, target, meta, body));
            return result;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            count(command, sample, outcome(result, failure));
        }
    }

    private static String outcome(CommandResult result, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ProblemException || cause instanceof DomainException) {
            return "rejected";
        }
        if (cause != null) {
            return "error";
        }
        // null: a scheduled command that found nothing left to do (timed fire)
        return result == null ? "skipped" : result.replayed() ? "replayed" : "ok";
    }

    private void count(String command, Timer.Sample sample, String outcome) {
        CommandMeters meters = this.meters.computeIfAbsent(command, CommandMeters::new);
        sample.stop(meters.duration);
        meters.outcomes.computeIfAbsent(outcome, meters::counter).increment();
    }

    /**
     * One command's meters, registered on its first run and kept, rather than looked up in the registry on every
     * command (which builds the meter's id and hashes its tags each time).
     */
    private final class CommandMeters {
        final String command;
        final Timer duration;
        final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

        CommandMeters(String command) {
            this.command = command;
            this.duration = Timer.builder("ticketrail.command.duration")
                    .description("Time to run and commit one order command")
                    .tag("command", command)
                    .publishPercentileHistogram()
                    .register(registry);
        }

        Counter counter(String outcome) {
            return Counter.builder("ticketrail.commands")
                    .description("Order commands by type and outcome")
                    .tag("command", command)
                    .tag("outcome", outcome)
                    .register(registry);
        }
    }

    /** PostgreSQL keeps microseconds: the event's copy of an order must equal what a later read returns. */
    static Instant now() {
        return micros(Instant.now());
    }

    /** A time from the client, cut to what PostgreSQL keeps, for the same reason as {@link #now()}. */
    private static Instant micros(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Appends the event of the change and answers with the same bytes: the order's view is encoded once for the
     * event's state, the HTTP answer and an Idempotency-Key's record.
     */
    private CommandResult record(StreamLock lock, KitchenOrder order, EventType type, CommandMeta meta, Instant now) {
        CommandResult result = answer(OrderView.of(order));
        if (type == EventType.ORDER_PLACED || type == EventType.ITEMS_ADDED) {
            limits.checkEvent(result.json());
        }
        long seq = eventLog.append(lock, type, order.id, order.version, result.json(), meta.actor(), now);
        return result.appended(new AppendedEvent(seq, type, now, result.order(), result.json()));
    }

    private CommandResult answer(OrderView view) {
        return CommandResult.ok(view, OrderJson.encode(json, view));
    }

    private List<OrderItem> addItems(
            KitchenOrder order,
            LocationRules location,
            List<ItemRequest> requests,
            int firedCourse,
            boolean afterPlacement,
            Instant now) {
        List<OrderItem> added = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ItemRequest request = requests.get(i);
            OrderItem item = Untracked.entity(new OrderItem());
            item.id = UUID.randomUUID();
            item.name = request.name().trim();
            item.qty = request.qty();
            item.category = request.category();
            item.station = stationFor(location, request, i);
            item.modifiers = request.modifiers() == null
                    ? new String[0]
                    : request.modifiers().toArray(String[]::new);
            item.allergens = request.allergens() == null
                    ? new String[0]
                    : request.allergens().toArray(String[]::new);
            item.notes = request.notes();
            item.course = courseOf(request);
            item.status = item.course <= firedCourse ? ItemStatus.QUEUED : ItemStatus.HELD;
            item.firedAt = item.status == ItemStatus.QUEUED ? now : null;
            item.changed = afterPlacement;
            order.addItem(item);
            added.add(item);
        }
        limits.check(order);
        return added;
    }

    /** The request with its defaults spelled out, so a retry that spells them out is still the same order. */
    private static PlaceOrderRequest withDefaults(PlaceOrderRequest r) {
        return new PlaceOrderRequest(
                r.externalId(),
                r.channel(),
                r.table(),
                r.customerName(),
                r.serverName(),
                r.guests(),
                r.priority() == null ? Priority.NORMAL : r.priority(),
                r.promisedAt(),
                r.notes(),
                r.items().stream()
                        .map(i -> new ItemRequest(
                                i.name(),
                                i.qty(),
                                i.category(),
                                i.station(),
                                i.modifiers() == null ? List.of() : i.modifiers(),
                                i.notes(),
                                i.allergens() == null ? List.of() : i.allergens(),
                                courseOf(i)))
                        .toList());
    }

    private static String stationFor(LocationRules location, ItemRequest request, int index) {
        if (request.station() == null) {
            return location.routeCategory(request.category());
        }
        if (!location.hasPrepStation(request.station())) {
            throw ProblemException.invalid(
                    "items[" + index + "].station", "is not a PREP station of location " + location.id());
        }
        return request.station();
    }

    private static void requireStation(LocationRules location, String stationId) {
        if (!location.hasStation(stationId)) {
            throw ProblemException.notFound("No station " + stationId + " at " + location.id());
        }
    }

    private static int courseOf(ItemRequest item) {
        return item.course() == null ? 1 : item.course();
    }

    private LocalDate businessDay(LocationRules location, Instant now) {
        ZonedDateTime local = now.atZone(location.zone());
        return local.toLocalTime().isBefore(config.businessDayStartsAt())
                ? local.toLocalDate().minusDays(1)
                : local.toLocalDate();
    }

    /** The business day's next order number. */
    private int nextNumber(String locationId, LocalDate businessDay) {
        return transaction.call(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(NEXT_NUMBER)) {
                statement.setString(1, locationId);
                statement.setObject(2, businessDay);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** SHA-256 of the request as JSON: equal for equal requests, whatever their whitespace on the wire. */
    String fingerprint(Object request) {
        try {
            return HexFormat.of()
                    .formatHex(sha256().digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not fingerprint a request", e);
        }
    }

    /**
     * A fresh SHA-256 digest, cloned from one looked up once: the provider lookup behind getInstance cost more than
     * hashing a placement (docs/performance.md, "Projections without streams").
     */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUpSha256();
        }
    }

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
