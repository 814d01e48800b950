package io.ticketrail.order;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.config.Pending;
import io.ticketrail.config.RoundTrip;
import io.ticketrail.config.SqlArrays;
import io.ticketrail.config.SqlInstants;
import io.ticketrail.config.TransactionConnection;

/**
 * An order, its items and its notices as a command reads and writes them: plain statements on the transaction's
 * connection, no Hibernate session. The entities stay the model of record (the rest of the application reads them
 * through Panache); here they are plain objects that a command changes through their own methods, and
 * {@link #save} writes back the order row and only the item and notice rows that changed. A session would load
 * them into its persistence context, dirty-check them at flush and bind every column of every update through its
 * metadata: a third of a writer lane's CPU (docs/performance.md, "A command without the Hibernate session").
 *
 * <p>Every caller holds its location's stream lock, which serialises the commands of an order, so the version
 * check in the order's update can only fail on a bug, and says so.
 */
@Singleton
class OrderRows {

    private static final String ORDER_COLUMNS = """
            o.id, o.location_id, o.external_id, o.number, o.business_day, o.channel, o.table_label, o.customer_name,
            o.server_name, o.guests, o.priority, o.status, o.notes, o.content_hash, o.promised_at, o.placed_at,
            o.ready_at, o.completed_at, o.cancelled_at, o.cancel_reason, o.updated_at, o.version""";
    private static final String ITEM_COLUMNS = """
            i.id, i.position, i.name, i.qty, i.category, i.station_id, i.status, i.modifiers, i.allergens, i.notes,
            i.course, i.changed, i.void_reason, i.fired_at, i.started_at, i.done_at, i.voided_at""";
    private static final int ITEM_FIRST_COLUMN = 23;

    // the order and its items in one statement; no order, no row
    private static final String LOAD_BY_ID = "select " + ORDER_COLUMNS + ", " + ITEM_COLUMNS
            + " from kitchen_order o left join order_item i on i.order_id = o.id"
            + " where o.id = ? and o.location_id = ? order by i.position";
    private static final String LOAD_BY_EXTERNAL_ID = "select " + ORDER_COLUMNS + ", " + ITEM_COLUMNS
            + " from kitchen_order o left join order_item i on i.order_id = o.id"
            + " where o.location_id = ? and o.external_id = ? order by i.position";
    private static final String NOTICE_COLUMNS =
            "select id, view, position, kind, item_id, item_name, qty, previous_qty, text, course, created_at";
    // the notices go in the same round trip as the order and its items: the second statement of each text
    private static final String LOAD_NOTICES_BY_ID =
            NOTICE_COLUMNS + " from order_notice where order_id = ? order by position";
    private static final String LOAD_NOTICES_BY_EXTERNAL_ID = NOTICE_COLUMNS + " from order_notice where order_id ="
            + " (select id from kitchen_order where location_id = ? and external_id = ?) order by position";

    private static final String INSERT_ORDER = """
            insert into kitchen_order (location_id, external_id, number, business_day, channel, table_label,
                customer_name, server_name, guests, priority, status, notes, content_hash, promised_at, placed_at,
                ready_at, completed_at, cancelled_at, cancel_reason, updated_at, version, id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    // the update touches no row if the version moved: the statement then fails the transaction, before its COMMIT
    private static final String UPDATE_ORDER = """
            with changed as (
            update kitchen_order set location_id = ?, external_id = ?, number = ?, business_day = ?, channel = ?,
                table_label = ?, customer_name = ?, server_name = ?, guests = ?, priority = ?, status = ?, notes = ?,
                content_hash = ?, promised_at = ?, placed_at = ?, ready_at = ?, completed_at = ?, cancelled_at = ?,
                cancel_reason = ?, updated_at = ?, version = ?
            where id = ? and version = ?
            returning 1)
            select ticketrail_expect_rows(count(*), 1, ?) from changed""";
    private static final String INSERT_ITEM = """
            insert into order_item (position, name, qty, category, station_id, status, modifiers, allergens, notes,
                course, changed, void_reason, fired_at, started_at, done_at, voided_at, order_id, id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String UPDATE_ITEM = """
            update order_item set position = ?, name = ?, qty = ?, category = ?, station_id = ?, status = ?,
                modifiers = ?, allergens = ?, notes = ?, course = ?, changed = ?, void_reason = ?, fired_at = ?,
                started_at = ?, done_at = ?, voided_at = ?
            where order_id = ? and id = ?""";
    private static final String INSERT_NOTICE = """
            insert into order_notice (id, order_id, view, position, kind, item_id, item_name, qty, previous_qty,
                text, course, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String DELETE_NOTICES = "delete from order_notice where order_id = ? and id = any(?)";

    @Inject
    TransactionConnection transaction;

    /** An order as loaded, with what its rows held then, so {@link #save} writes only what changed. */
    static final class Loaded {
        final KitchenOrder order;
        private final long version;
        private final Map<UUID, List<Object>> items = new HashMap<>();
        private final Set<UUID> notices = new HashSet<>();

        private Loaded(KitchenOrder order) {
            this.order = order;
            this.version = order.version;
            order.items.forEach(item -> items.put(item.id, itemColumns(item)));
            order.notices.forEach(notice -> notices.add(notice.id));
        }

        /**
         * The order as its command left it and as a read would now return it, its items and notices in their
         * positions' order: the baseline of the next command's {@link #save}, for KnownOrders to keep.
         */
        Loaded committed() {
            order.items.sort(Comparator.comparingInt(item -> item.position));
            order.notices.sort(Comparator.comparingInt(notice -> notice.position));
            return new Loaded(order);
        }
    }

    /**
     * The order a command works on: as found under its location's lock (or kept, KnownOrders), and the one it
     * placed, if it placed one. After the commit, KnownOrders keeps {@link #after()}.
     */
    static final class AtHand {
        private final Optional<Loaded> found;
        private Loaded placed;

        AtHand(Optional<Loaded> found) {
            this.found = found;
        }

        Optional<Loaded> found() {
            return found;
        }

        /** The order as the command leaves it: the one it placed, else the one it found. */
        Optional<Loaded> after() {
            return placed != null ? Optional.of(placed) : found;
        }
    }

    /** Which order a command works on: by its id, or by the POS's external id (a placement, or its retry). */
    record Target(UUID id, String externalId) {

        static Target byId(UUID id) {
            return new Target(id, null);
        }

        static Target byExternalId(String externalId) {
            return new Target(null, externalId);
        }
    }

    /**
     * The order with its items and its notices, read in one round trip with whatever the transaction queued before
     * it, such as its location's lock (TransactionConnection.readLater).
     */
    Pending<Optional<Loaded>> findLater(String locationId, Target target) {
        return target.id() != null
                ? transaction.readLater(
                        LOAD_BY_ID + ";\n" + LOAD_NOTICES_BY_ID,
                        binding(List.of(target.id(), locationId, target.id())),
                        OrderRows::read)
                : transaction.readLater(
                        LOAD_BY_EXTERNAL_ID + ";\n" + LOAD_NOTICES_BY_EXTERNAL_ID,
                        binding(List.of(locationId, target.externalId(), locationId, target.externalId())),
                        OrderRows::read);
    }

    /**
     * Writes a new order, its items and its notices; its version is 0, as Hibernate's would be. The writes are
     * deferred (TransactionConnection.defer): they go together, with the command's other writes, in one round trip.
     * The order is the one the command at hand placed.
     */
    void insert(AtHand atHand, KitchenOrder order) {
        deferRow(INSERT_ORDER, withKeys(orderColumns(order), order.version, order.id));
        for (OrderItem item : order.items) {
            deferRow(INSERT_ITEM, withKeys(itemColumns(item), order.id, item.id));
        }
        order.notices.forEach(notice -> deferRow(INSERT_NOTICE, noticeColumns(order.id, notice)));
        atHand.placed = new Loaded(order);
    }

    /**
     * Writes back what a command changed: the order row (every command changes it: updatedAt) with its version one
     * up, the items that are new or differ from what was loaded, the notices added and the notices removed; as the
     * values are now, deferred as {@link #insert}'s are.
     */
    void save(Loaded loaded) {
        KitchenOrder order = loaded.order;
        UUID orderId = order.id;
        deferRow(
                UPDATE_ORDER,
                withKeys(
                        orderColumns(order),
                        loaded.version + 1,
                        orderId,
                        loaded.version,
                        "Order " + orderId + " changed under its location's lock"));
        for (OrderItem item : order.items) {
            List<Object> before = loaded.items.get(item.id);
            List<Object> now = itemColumns(item);
            if (before == null) {
                deferRow(INSERT_ITEM, withKeys(now, orderId, item.id));
            } else if (!before.equals(now)) {
                deferRow(UPDATE_ITEM, withKeys(now, orderId, item.id));
            }
        }
        Set<UUID> kept = new HashSet<>();
        for (OrderNotice notice : order.notices) {
            if (loaded.notices.contains(notice.id)) {
                kept.add(notice.id);
            } else {
                deferRow(INSERT_NOTICE, noticeColumns(orderId, notice));
            }
        }
        UUID[] removed =
                loaded.notices.stream().filter(id -> !kept.contains(id)).toArray(UUID[]::new);
        if (removed.length > 0) {
            deferRow(DELETE_NOTICES, Arrays.asList(orderId, removed));
        }
        order.version = loaded.version + 1;
    }

    private void deferRow(String sql, List<Object> values) {
        transaction.defer(sql, binding(values));
    }

    /** Binds the values, taken when the write was made, in order from the part's first parameter. */
    private static RoundTrip.Part binding(List<Object> values) {
        return (statement, first) -> {
            for (int i = 0; i < values.size(); i++) {
                bind(statement, first + i, values.get(i));
            }
            return first + values.size();
        };
    }

    private static List<Object> withKeys(List<Object> columns, Object... keys) {
        List<Object> values = new ArrayList<>(columns.size() + keys.length);
        values.addAll(columns);
        values.addAll(Arrays.asList(keys));
        return values;
    }

    /** The order with its items, then its notices: the two statements of a find. */
    private static Optional<Loaded> read(PreparedStatement statement) throws SQLException {
        KitchenOrder order = null;
        try (ResultSet rs = statement.getResultSet()) {
            while (rs.next()) {
                if (order == null) {
                    order = readOrder(rs);
                }
                if (rs.getObject(ITEM_FIRST_COLUMN) != null) {
                    order.items.add(readItem(rs, order));
                }
            }
        }
        // the notices' statement ran whether or not the order exists; its result is this part's last
        if (!statement.getMoreResults()) {
            throw new IllegalStateException("The order's notices did not come back with it");
        }
        try (ResultSet rs = statement.getResultSet()) {
            while (order != null && rs.next()) {
                order.notices.add(readNotice(rs, order));
            }
        }
        return order == null ? Optional.empty() : Optional.of(new Loaded(order));
    }

    private static KitchenOrder readOrder(ResultSet rs) throws SQLException {
        KitchenOrder order = Untracked.entity(new KitchenOrder());
        order.id = rs.getObject(1, UUID.class);
        order.locationId = rs.getString(2);
        order.externalId = rs.getString(3);
        order.number = rs.getInt(4);
        order.businessDay = rs.getObject(5, LocalDate.class);
        order.channel = Channel.valueOf(rs.getString(6));
        order.table = rs.getString(7);
        order.customerName = rs.getString(8);
        order.serverName = rs.getString(9);
        order.guests = rs.getObject(10, Integer.class);
        order.priority = Priority.valueOf(rs.getString(11));
        order.status = OrderStatus.valueOf(rs.getString(12));
        order.notes = rs.getString(13);
        order.contentHash = rs.getString(14);
        order.promisedAt = instant(rs, 15);
        order.placedAt = instant(rs, 16);
        order.readyAt = instant(rs, 17);
        order.completedAt = instant(rs, 18);
        order.cancelledAt = instant(rs, 19);
        order.cancelReason = rs.getString(20);
        order.updatedAt = instant(rs, 21);
        order.version = rs.getLong(22);
        return order;
    }

    private static OrderItem readItem(ResultSet rs, KitchenOrder order) throws SQLException {
        int c = ITEM_FIRST_COLUMN;
        OrderItem item = Untracked.entity(new OrderItem());
        item.order = order;
        item.id = rs.getObject(c, UUID.class);
        item.position = rs.getInt(c + 1);
        item.name = rs.getString(c + 2);
        item.qty = rs.getInt(c + 3);
        item.category = rs.getString(c + 4);
        item.station = rs.getString(c + 5);
        item.status = ItemStatus.valueOf(rs.getString(c + 6));
        item.modifiers = (String[]) rs.getArray(c + 7).getArray();
        item.allergens = (String[]) rs.getArray(c + 8).getArray();
        item.notes = rs.getString(c + 9);
        item.course = rs.getInt(c + 10);
        item.changed = rs.getBoolean(c + 11);
        item.voidReason = rs.getString(c + 12);
        item.firedAt = instant(rs, c + 13);
        item.startedAt = instant(rs, c + 14);
        item.doneAt = instant(rs, c + 15);
        item.voidedAt = instant(rs, c + 16);
        return item;
    }

    private static OrderNotice readNotice(ResultSet rs, KitchenOrder order) throws SQLException {
        OrderNotice notice = Untracked.entity(new OrderNotice());
        notice.order = order;
        notice.id = rs.getObject(1, UUID.class);
        notice.view = rs.getString(2);
        notice.position = rs.getInt(3);
        notice.kind = NoticeKind.valueOf(rs.getString(4));
        notice.itemId = rs.getObject(5, UUID.class);
        notice.itemName = rs.getString(6);
        notice.qty = rs.getObject(7, Integer.class);
        notice.previousQty = rs.getObject(8, Integer.class);
        notice.text = rs.getString(9);
        notice.course = rs.getObject(10, Integer.class);
        notice.createdAt = instant(rs, 11);
        return notice;
    }

    /** The order's columns but its version and id, in the order of INSERT_ORDER and UPDATE_ORDER. */
    private static List<Object> orderColumns(KitchenOrder order) {
        return Arrays.asList(
                order.locationId,
                order.externalId,
                order.number,
                order.businessDay,
                order.channel,
                order.table,
                order.customerName,
                order.serverName,
                order.guests,
                order.priority,
                order.status,
                order.notes,
                order.contentHash,
                order.promisedAt,
                order.placedAt,
                order.readyAt,
                order.completedAt,
                order.cancelledAt,
                order.cancelReason,
                order.updatedAt);
    }

    /** Every column of INSERT_NOTICE, in its order. */
    private static List<Object> noticeColumns(UUID orderId, OrderNotice notice) {
        return Arrays.asList(
                notice.id,
                orderId,
                notice.view,
                notice.position,
                notice.kind,
                notice.itemId,
                notice.itemName,
                notice.qty,
                notice.previousQty,
                notice.text,
                notice.course,
                notice.createdAt);
    }

    /**
     * An item's columns but its keys, in the order of INSERT_ITEM and UPDATE_ITEM: compared with the loaded ones to
     * find the items a command changed, and bound to write them. Arrays as lists, so equals compares contents.
     */
    private static List<Object> itemColumns(OrderItem item) {
        return Arrays.asList(
                item.position,
                item.name,
                item.qty,
                item.category,
                item.station,
                item.status,
                Arrays.asList(item.modifiers.clone()),
                Arrays.asList(item.allergens.clone()),
                item.notes,
                item.course,
                item.changed,
                item.voidReason,
                item.firedAt,
                item.startedAt,
                item.doneAt,
                item.voidedAt);
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof List<?> list) {
            SqlArrays.setText(statement, index, list);
        } else if (value instanceof UUID[] ids) {
            statement.setArray(index, statement.getConnection().createArrayOf("uuid", ids));
        } else if (value instanceof Instant instant) {
            SqlInstants.set(statement, index, instant);
        } else if (value instanceof Enum<?> constant) {
            statement.setString(index, constant.name());
        } else if (value == null) {
            // only nullable columns can be null; the server infers the type from the column
            statement.setNull(index, Types.NULL);
        } else {
            statement.setObject(index, value);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
