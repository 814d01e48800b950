package io.ticketrail.order;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;

/**
 * An order and its state machine. Named KitchenOrder because ORDER is a reserved word in SQL and JPQL. Every
 * transition checks its precondition and throws a 409 naming the current state; the caller appends the event.
 */
@Entity
@Table(name = "kitchen_order")
public class KitchenOrder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "location_id", nullable = false)
    public String locationId;

    @Column(name = "external_id", nullable = false)
    public String externalId;

    @Column(nullable = false)
    public int number;

    @Column(name = "business_day", nullable = false)
    public LocalDate businessDay;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "table_label")
    public String table;

    @Column(name = "customer_name")
    public String customerName;

    @Column(name = "server_name")
    public String serverName;

    public Integer guests;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    public String notes;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(name = "promised_at")
    public Instant promisedAt;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;

    @Column(name = "ready_at")
    public Instant readyAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<OrderItem> items = new ArrayList<>();

    /** Changes a screen has not acknowledged yet; see {@link #onTheLine()}. */
    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<OrderNotice> notices = new ArrayList<>();

    /**
     * The order with its items, in one query: every caller builds the order's view. The notices stay a lazy second
     * read: fetching two lists together is a cartesian product Hibernate refuses (and usually there are none).
     */
    public static Optional<KitchenOrder> findAt(String locationId, UUID orderId) {
        return find(
                        "from KitchenOrder o left join fetch o.items where o.id = ?1 and o.locationId = ?2",
                        orderId,
                        locationId)
                .singleResultOptional();
    }

    public static Optional<KitchenOrder> findByExternalId(String locationId, String externalId) {
        return find("locationId = ?1 and externalId = ?2", locationId, externalId)
                .firstResultOptional();
    }

    /** Cancelled orders whose cards some screen still has not acknowledged, cancelled before {@code cutoff}. */
    static List<KitchenOrder> listCancelledWithNoticesBefore(Instant cutoff) {
        return list(
                "status = :cancelled and cancelledAt < :cutoff and id in (select n.order.id from OrderNotice n)",
                Parameters.with("cancelled", OrderStatus.CANCELLED).and("cutoff", cutoff));
    }

    /** Open orders at these locations with a course still held: what timed fire looks at. */
    static List<KitchenOrder> listHoldingAt(Collection<String> locationIds) {
        return list(
                "select distinct o from KitchenOrder o join o.items i where o.locationId in :locations"
                        + " and o.status in :open and i.status = :held",
                Parameters.with("locations", locationIds)
                        .and("open", OrderStatus.OPEN)
                        .and("held", ItemStatus.HELD));
    }

    /**
     * The orders screens show, in fire order: the open ones, and the cancelled ones whose CANCELLED card a screen
     * has not acknowledged yet. The same rule as {@link OrderView#onTheLine()}, as a query.
     */
    public static List<KitchenOrder> listOnTheLineAt(String locationId) {
        return list(
                "locationId = :location and (status in :open or (status = :cancelled"
                        + " and id in (select n.order.id from OrderNotice n))) order by placedAt, number",
                Parameters.with("location", locationId)
                        .and("open", OrderStatus.OPEN)
                        .and("cancelled", OrderStatus.CANCELLED));
    }

    public static List<KitchenOrder> pageAt(String locationId, List<OrderStatus> statuses, int page, int size) {
        return find(
                        "locationId = :location and status in :statuses order by placedAt desc, number desc",
                        Parameters.with("location", locationId).and("statuses", statuses))
                .page(Page.of(page, size))
                .list();
    }

    public static long countAt(String locationId, List<OrderStatus> statuses) {
        return count(
                "locationId = :location and status in :statuses",
                Parameters.with("location", locationId).and("statuses", statuses));
    }

    OrderItem item(UUID itemId) {
        return items.stream()
                .filter(i -> i.id.equals(itemId))
                .findFirst()
                .orElseThrow(() -> OrderRuleException.noItem(id, itemId));
    }

    void requireOpen(String command) {
        if (!status.isOpen()) {
            throw IllegalTransitionException.order(this, command);
        }
    }

    /** The highest course whose items have been sent to the kitchen; items of later courses are held. */
    int highestFiredCourse() {
        int fired = items.stream()
                .filter(i -> i.status != ItemStatus.HELD && i.status != ItemStatus.VOIDED)
                .mapToInt(i -> i.course)
                .max()
                .orElse(0);
        // placement fires the lowest course, even if all of its items were voided since: a re-rung item of that
        // course must go straight to the kitchen, not sit HELD where no screen can fire it
        int placedFirst = items.stream().mapToInt(i -> i.course).min().orElse(0);
        return Math.max(fired, placedFirst);
    }

    void addItem(OrderItem item) {
        item.order = this;
        item.position = items.size();
        items.add(item);
    }

    /** The next course to fire by itself and when: {@code delay} after every earlier course was bumped. */
    record DueCourse(int course, Instant at) {}

    /** Empty while nothing is held, or an earlier course is still cooking. */
    Optional<DueCourse> nextCourseDue(Duration delay) {
        OptionalInt next = items.stream()
                .filter(i -> i.status == ItemStatus.HELD)
                .mapToInt(i -> i.course)
                .min();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        List<OrderItem> earlier = items.stream()
                .filter(i -> i.course < next.getAsInt() && i.status != ItemStatus.VOIDED)
                .toList();
        if (earlier.isEmpty() || earlier.stream().anyMatch(i -> i.status != ItemStatus.DONE)) {
            return Optional.empty();
        }
        Instant bumped = earlier.stream()
                .map(i -> i.doneAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return Optional.of(new DueCourse(next.getAsInt(), bumped.plus(delay)));
    }

    /** Items added to a ready order still have to be cooked, so the order is not ready any more. */
    void itemsAdded(List<OrderItem> added, Instant now) {
        added.forEach(item -> noticeOfItem(NoticeKind.ADDED, item, item.status.isOnTheStation(), now));
        settle(now, false);
    }

    /** A new quantity or note on an item still to cook; a done item is changed by adding another one. */
    void changeItem(OrderItem item, Integer qty, String note, Instant now) {
        requireOpen("change an item of");
        if (!item.status.isPending()) {
            throw IllegalTransitionException.item(item, "change");
        }
        boolean onScreen = item.status.isOnTheStation();
        if (qty != null && qty != item.qty) {
            int previous = item.qty;
            item.qty = qty;
            noticeOfItem(NoticeKind.QTY_CHANGED, item, onScreen, now).forEach(n -> n.previousQty = previous);
        }
        if (note != null) {
            String next = note.isBlank() ? null : note.strip();
            if (!Objects.equals(next, item.notes)) {
                item.notes = next;
                noticeOfItem(NoticeKind.NOTE_CHANGED, item, onScreen, now).forEach(n -> n.text = next);
            }
        }
        item.changed = true;
    }

    void startItem(OrderItem item, Instant now) {
        requireOpen("start an item of");
        item.start(now);
        settle(now, false);
    }

    void bumpItem(OrderItem item, Instant now, boolean autoReady) {
        requireOpen("bump an item of");
        item.bump(now);
        settle(now, autoReady);
    }

    void bumpStation(String station, Instant now, boolean autoReady) {
        requireOpen("bump a station of");
        List<OrderItem> cooking = items.stream()
                .filter(i -> i.station.equals(station))
                .filter(i -> i.status == ItemStatus.QUEUED || i.status == ItemStatus.IN_PROGRESS)
                .toList();
        if (cooking.isEmpty()) {
            throw IllegalTransitionException.of("Order " + number + " has no items to bump at " + station, status);
        }
        cooking.forEach(i -> i.bump(now));
        settle(now, autoReady);
    }

    /** Voiding every item leaves the order open: a POS often voids and re-rings, and cancel is its own command. */
    void voidItem(OrderItem item, String reason, Instant now, boolean autoReady) {
        requireOpen("void an item of");
        // a done item is expo's to pull from the pass; a held one no station has seen yet
        boolean onScreen = item.status.isOnTheStation();
        item.voidIt(reason, now);
        noticeOfItem(NoticeKind.VOIDED, item, onScreen, now).forEach(n -> n.text = reason);
        settle(now, autoReady);
    }

    void fireCourse(int course, Instant now) {
        requireOpen("fire a course of");
        List<OrderItem> held = items.stream()
                .filter(i -> i.course == course && i.status == ItemStatus.HELD)
                .toList();
        if (held.isEmpty()) {
            throw IllegalTransitionException.of(
                    "Course " + course + " of order " + number + " has no held items", status);
        }
        held.forEach(i -> i.fire(now));
        List<String> views = new ArrayList<>();
        held.stream().map(i -> OrderNotice.stationView(i.station)).distinct().forEach(views::add);
        views.add(OrderNotice.EXPO);
        views.forEach(view -> notice(view, NoticeKind.COURSE_FIRED, null, now).course = course);
        settle(now, false);
    }

    void recallItem(OrderItem item, Instant now, Duration window) {
        requireOpen("recall an item of");
        if (item.status != ItemStatus.DONE) {
            throw IllegalTransitionException.item(item, "recall");
        }
        requireWithin(window, item.doneAt, now, "item " + item.name);
        item.recall();
        settle(now, false);
    }

    /** Recalls the station's last bump: the items it finished together, at the same instant. */
    void recallStation(String station, Instant now, Duration window) {
        requireOpen("recall a station of");
        Optional<Instant> lastBump = items.stream()
                .filter(i -> i.station.equals(station) && i.status == ItemStatus.DONE)
                .map(i -> i.doneAt)
                .max(Comparator.naturalOrder());
        if (lastBump.isEmpty()) {
            throw IllegalTransitionException.of("Order " + number + " has no bumped items at " + station, status);
        }
        requireWithin(window, lastBump.get(), now, "station " + station);
        items.stream()
                .filter(i -> i.station.equals(station) && i.status == ItemStatus.DONE)
                .filter(i -> i.doneAt.equals(lastBump.get()))
                .forEach(OrderItem::recall);
        settle(now, false);
    }

    /** Takes a ready order back onto expo; it stays there until expo marks it ready again. */
    void recallReady(Instant now, Duration window) {
        if (status != OrderStatus.READY) {
            throw IllegalTransitionException.order(this, "recall");
        }
        requireWithin(window, readyAt, now, "order " + number);
        status = OrderStatus.IN_PROGRESS;
        readyAt = null;
    }

    void markReady(Instant now) {
        if (status != OrderStatus.NEW && status != OrderStatus.IN_PROGRESS) {
            throw IllegalTransitionException.order(this, "mark ready");
        }
        long pending = items.stream().filter(i -> i.status.isPending()).count();
        if (liveItemCount() == 0) {
            throw IllegalTransitionException.of(
                    "Order " + number + " has no items left: add items or cancel it", status);
        }
        if (pending > 0) {
            throw IllegalTransitionException.of("Order " + number + " still has " + pending + " items not done", status)
                    .with("pendingItems", pending);
        }
        status = OrderStatus.READY;
        readyAt = now;
    }

    void complete(Instant now) {
        if (status != OrderStatus.READY) {
            throw IllegalTransitionException.order(this, "complete");
        }
        status = OrderStatus.COMPLETED;
        completedAt = now;
        // served: nothing is left for a cook to act on, and a completed order is on no screen to acknowledge it
        notices.clear();
    }

    /**
     * Undoes a mis-tapped Served or Picked up: the order is READY again, with its first ready time, so front of
     * house and the board show it as they did. Only within the recall window after completion.
     */
    void reopen(Instant now, Duration window) {
        if (status != OrderStatus.COMPLETED) {
            throw IllegalTransitionException.order(this, "reopen");
        }
        requireWithin(window, completedAt, now, "order " + number);
        status = OrderStatus.READY;
        completedAt = null;
    }

    void cancel(String reason, Instant now) {
        requireOpen("cancel");
        // the stations cooking something for it, and expo, keep a CANCELLED card until they acknowledge it
        List<String> views = new ArrayList<>();
        items.stream()
                .filter(i -> i.status.isOnTheStation())
                .map(i -> OrderNotice.stationView(i.station))
                .distinct()
                .forEach(views::add);
        views.add(OrderNotice.EXPO);
        views.forEach(view -> notice(view, NoticeKind.CANCELLED, null, now).text = reason);
        status = OrderStatus.CANCELLED;
        cancelReason = reason;
        cancelledAt = now;
    }

    /**
     * Clears one screen's notices on this order; a cancelled order then leaves that screen.
     *
     * @param view {@code station:<id>} or {@code expo}
     */
    void acknowledge(String view) {
        if (!notices.removeIf(n -> n.view.equals(view))) {
            throw OrderRuleException.nothingToAcknowledge(number, view);
        }
    }

    /** Every command changes updatedAt, so the order's version moves even when only an item changed. */
    void touch(Instant now) {
        updatedAt = now;
    }

    /**
     * Derives the order's status from its items after an item changed. Only a bump or a void makes an order ready
     * by itself, so an order recalled from ready stays with expo until expo marks it ready again.
     */
    private void settle(Instant now, boolean autoReady) {
        boolean allDone = liveItemCount() > 0 && items.stream().noneMatch(i -> i.status.isPending());
        boolean anyProgress =
                items.stream().anyMatch(i -> i.status == ItemStatus.IN_PROGRESS || i.status == ItemStatus.DONE);
        if (status == OrderStatus.READY && !allDone) {
            status = OrderStatus.IN_PROGRESS;
            readyAt = null;
        }
        if (status == OrderStatus.NEW && anyProgress) {
            status = OrderStatus.IN_PROGRESS;
        }
        if (autoReady && allDone && status != OrderStatus.READY) {
            status = OrderStatus.READY;
            readyAt = now;
        }
    }

    /** A notice of an item's change for expo, and for its station when the station shows the item. */
    private List<OrderNotice> noticeOfItem(NoticeKind kind, OrderItem item, boolean stationSees, Instant now) {
        List<OrderNotice> made = new ArrayList<>();
        if (stationSees) {
            made.add(notice(OrderNotice.stationView(item.station), kind, item, now));
        }
        made.add(notice(OrderNotice.EXPO, kind, item, now));
        return made;
    }

    private OrderNotice notice(String view, NoticeKind kind, OrderItem item, Instant now) {
        OrderNotice notice = Untracked.entity(new OrderNotice());
        notice.id = UUID.randomUUID();
        notice.order = this;
        notice.view = view;
        notice.position = notices.stream().mapToInt(n -> n.position + 1).max().orElse(0);
        notice.kind = kind;
        notice.createdAt = now;
        if (item != null) {
            notice.itemId = item.id;
            notice.itemName = item.name;
            notice.qty = item.qty;
            notice.course = item.course;
        }
        notices.add(notice);
        return notice;
    }

    private long liveItemCount() {
        return items.stream().filter(i -> i.status != ItemStatus.VOIDED).count();
    }

    private static void requireWithin(Duration window, Instant since, Instant now, String what) {
        if (since == null || Duration.between(since, now).compareTo(window) > 0) {
            throw OrderRuleException.recallWindowPassed(window, what);
        }
    }
}
