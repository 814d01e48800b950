package io.ticketrail.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

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
    private static final String UPDATE_ORDER = """
            update kitchen_order set location_id = ?, external_id = ?, number = ?, business_day = ?, channel = ?,
                table_label = ?, customer_name = ?, server_name = ?, guests = ?, priority = ?, status = ?, notes = ?,
                content_hash = ?, promised_at = ?, placed_at = ?, ready_at = ?, completed_at = ?, cancelled_at = ?,
                cancel_reason = ?, updated_at = ?, version = ?
            where id = ? and version = ?""";
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
    }

    Optional<Loaded> find(String locationId, UUID orderId) {
        return load(LOAD_BY_ID + ";\n" + LOAD_NOTICES_BY_ID, statement -> {
            statement.setObject(1, orderId);
            statement.setString(2, locationId);
            statement.setObject(3, orderId);
        });
    }

    Optional<Loaded> findByExternalId(String locationId, String externalId) {
        return load(LOAD_BY_EXTERNAL_ID + ";\n" + LOAD_NOTICES_BY_EXTERNAL_ID, statement -> {
            statement.setString(1, locationId);
            statement.setString(2, externalId);
            statement.setString(3, locationId);
            statement.setString(4, externalId);
        });
    }

    /**
     * Writes a new order, its items and its notices, in one round trip; its version is 0, as Hibernate's would be.
     */
    void insert(KitchenOrder order) {
        RoundTrip writes = new RoundTrip().add(INSERT_ORDER, (statement, first) -> {
            int next = bindOrder(statement, first, order);
            statement.setLong(next++, order.version);
            statement.setObject(next++, order.id);
            return next;
        });
        transaction.run(connection -> {
            addItems(writes, connection, order, order.items, INSERT_ITEM);
            addNotices(writes, order, order.notices);
            writes.execute(connection);
        });
    }

    /**
     * Writes back what a command changed: the order row (every command changes it: updatedAt) with its version one
     * up, the items that are new or differ from what was loaded, the notices added and the notices removed.
     */
    void save(Loaded loaded) {
        KitchenOrder order = loaded.order;
        List<OrderItem> added = new ArrayList<>();
        List<OrderItem> changed = new ArrayList<>();
        for (OrderItem item : order.items) {
            List<Object> before = loaded.items.get(item.id);
            if (before == null) {
                added.add(item);
            } else if (!before.equals(itemColumns(item))) {
                changed.add(item);
            }
        }
        Set<UUID> kept = new HashSet<>();
        List<OrderNotice> newNotices = new ArrayList<>();
        for (OrderNotice notice : order.notices) {
            if (loaded.notices.contains(notice.id)) {
                kept.add(notice.id);
            } else {
                newNotices.add(notice);
            }
        }
        UUID[] removed =
                loaded.notices.stream().filter(id -> !kept.contains(id)).toArray(UUID[]::new);
        RoundTrip writes = new RoundTrip().add(UPDATE_ORDER, (statement, first) -> {
            int next = bindOrder(statement, first, order);
            statement.setLong(next++, loaded.version + 1);
            statement.setObject(next++, order.id);
            statement.setLong(next++, loaded.version);
            return next;
        });
        transaction.run(connection -> {
            addItems(writes, connection, order, added, INSERT_ITEM);
            addItems(writes, connection, order, changed, UPDATE_ITEM);
            if (removed.length > 0) {
                writes.add(DELETE_NOTICES, (statement, first) -> {
                    statement.setObject(first, order.id);
                    statement.setArray(first + 1, connection.createArrayOf("uuid", removed));
                    return first + 2;
                });
            }
            addNotices(writes, order, newNotices);
            // the order's update first: the rest ran after it, in the same transaction, which a failure here aborts
            if (writes.execute(connection)[0] != 1) {
                throw new IllegalStateException("Order " + order.id + " changed under its location's lock");
            }
        });
        order.version = loaded.version + 1;
    }

    /** Sets a statement's parameters. */
    private interface Binding {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** The order with its items, then its notices: two statements of one text, so one round trip. */
    private Optional<Loaded> load(String sql, Binding binding) {
        return transaction.call(connection -> {
            KitchenOrder order = null;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binding.bind(statement);
                statement.execute();
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
                if (order == null) {
                    return Optional.empty();
                }
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("The order's notices did not come back with it");
                }
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        order.notices.add(readNotice(rs, order));
                    }
                }
            }
            return Optional.of(new Loaded(order));
        });
    }

    private static KitchenOrder readOrder(ResultSet rs) throws SQLException {
        KitchenOrder order = new KitchenOrder();
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
        OrderItem item = new OrderItem();
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
        OrderNotice notice = new OrderNotice();
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

    /** Binds every column of the order but its id and version, from {@code first} on; answers the next index. */
    private static int bindOrder(PreparedStatement statement, int first, KitchenOrder order) throws SQLException {
        statement.setString(first, order.locationId);
        statement.setString(first + 1, order.externalId);
        statement.setInt(first + 2, order.number);
        statement.setObject(first + 3, order.businessDay);
        statement.setString(first + 4, order.channel.name());
        statement.setString(first + 5, order.table);
        statement.setString(first + 6, order.customerName);
        statement.setString(first + 7, order.serverName);
        statement.setObject(first + 8, order.guests, Types.INTEGER);
        statement.setString(first + 9, order.priority.name());
        statement.setString(first + 10, order.status.name());
        statement.setString(first + 11, order.notes);
        statement.setString(first + 12, order.contentHash);
        SqlInstants.set(statement, first + 13, order.promisedAt);
        SqlInstants.set(statement, first + 14, order.placedAt);
        SqlInstants.set(statement, first + 15, order.readyAt);
        SqlInstants.set(statement, first + 16, order.completedAt);
        SqlInstants.set(statement, first + 17, order.cancelledAt);
        statement.setString(first + 18, order.cancelReason);
        SqlInstants.set(statement, first + 19, order.updatedAt);
        return first + 20;
    }

    /** One statement per item, inserting or updating: both take the columns in itemColumns' order, then the keys. */
    private static void addItems(
            RoundTrip writes, Connection connection, KitchenOrder order, List<OrderItem> items, String sql) {
        for (OrderItem item : items) {
            writes.add(sql, (statement, first) -> {
                List<Object> columns = itemColumns(item);
                for (int i = 0; i < columns.size(); i++) {
                    bind(connection, statement, first + i, columns.get(i));
                }
                int next = first + columns.size();
                statement.setObject(next++, order.id);
                statement.setObject(next++, item.id);
                return next;
            });
        }
    }

    private static void addNotices(RoundTrip writes, KitchenOrder order, List<OrderNotice> notices) {
        for (OrderNotice notice : notices) {
            writes.add(INSERT_NOTICE, (statement, first) -> {
                statement.setObject(first, notice.id);
                statement.setObject(first + 1, order.id);
                statement.setString(first + 2, notice.view);
                statement.setInt(first + 3, notice.position);
                statement.setString(first + 4, notice.kind.name());
                statement.setObject(first + 5, notice.itemId);
                statement.setString(first + 6, notice.itemName);
                statement.setObject(first + 7, notice.qty, Types.INTEGER);
                statement.setObject(first + 8, notice.previousQty, Types.INTEGER);
                statement.setString(first + 9, notice.text);
                statement.setObject(first + 10, notice.course, Types.INTEGER);
                SqlInstants.set(statement, first + 11, notice.createdAt);
                return first + 12;
            });
        }
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

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value instanceof List<?> list) {
            statement.setArray(index, connection.createArrayOf("text", list.toArray(String[]::new)));
        } else if (value instanceof Instant instant) {
            SqlInstants.set(statement, index, instant);
        } else if (value instanceof Enum<?> constant) {
            statement.setString(index, constant.name());
        } else if (value == null) {
            // only the nullable text and timestamp columns can be null; the server infers the type
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
