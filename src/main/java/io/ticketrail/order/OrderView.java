package io.ticketrail.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An order as every API answer and every event carries it. Field names are part of the contract. */
public record OrderView(
        UUID id,
        String locationId,
        String externalId,
        int number,
        Channel channel,
        String table,
        String customerName,
        String serverName,
        Integer guests,
        Priority priority,
        OrderStatus status,
        long version,
        Instant placedAt,
        Instant promisedAt,
        Instant readyAt,
        Instant completedAt,
        Instant cancelledAt,
        String cancelReason,
        Instant updatedAt,
        String notes,
        List<ItemView> items,
        List<NoticeView> notices) {

    public OrderView {
        // events written before notices existed carry none
        notices = notices == null ? List.of() : notices;
    }

    public record ItemView(
            UUID id,
            String name,
            int qty,
            String category,
            String station,
            ItemStatus status,
            List<String> modifiers,
            List<String> allergens,
            String notes,
            int course,
            boolean changed,
            String voidReason,
            Instant firedAt,
            Instant startedAt,
            Instant doneAt) {

        static ItemView of(OrderItem item) {
            return new ItemView(
                    item.id,
                    item.name,
                    item.qty,
                    item.category,
                    item.station,
                    item.status,
                    Arrays.asList(item.modifiers),
                    Arrays.asList(item.allergens),
                    item.notes,
                    item.course,
                    item.changed,
                    item.voidReason,
                    item.firedAt,
                    item.startedAt,
                    item.doneAt);
        }
    }

    /**
     * A change that one screen has not acknowledged yet.
     *
     * @param view the screen that must acknowledge it: {@code station:<id>} or {@code expo}
     * @param qty the item's quantity (after the change)
     * @param previousQty QTY_CHANGED only: the quantity before
     * @param text a void's or cancel's reason, or NOTE_CHANGED's new note
     * @param course COURSE_FIRED: the fired course; an item's notice: the item's course
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoticeView(
            UUID id,
            String view,
            NoticeKind kind,
            UUID itemId,
            String itemName,
            Integer qty,
            Integer previousQty,
            String text,
            Integer course,
            Instant at) {

        static NoticeView of(OrderNotice notice) {
            return new NoticeView(
                    notice.id,
                    notice.view,
                    notice.kind,
                    notice.itemId,
                    notice.itemName,
                    notice.qty,
                    notice.previousQty,
                    notice.text,
                    notice.course,
                    notice.createdAt);
        }
    }

    /**
     * On some screen: open, or cancelled while a screen has not acknowledged its CANCELLED card. The feed keeps
     * exactly these orders; {@link KitchenOrder#listOnTheLineAt} is the same rule as a query.
     */
    public boolean onTheLine() {
        return status.isOpen() || (status == OrderStatus.CANCELLED && !notices.isEmpty());
    }

    /** The notices one screen must acknowledge. */
    public List<NoticeView> noticesFor(String view) {
        List<NoticeView> own = null;
        for (NoticeView notice : notices) {
            if (notice.view().equals(view)) {
                if (own == null) {
                    own = new ArrayList<>();
                }
                own.add(notice);
            }
        }
        // most orders have none: no list built then
        return own == null ? List.of() : Collections.unmodifiableList(own);
    }

    public static OrderView of(KitchenOrder order) {
        return new OrderView(
                order.id,
                order.locationId,
                order.externalId,
                order.number,
                order.channel,
                order.table,
                order.customerName,
                order.serverName,
                order.guests,
                order.priority,
                order.status,
                order.version,
                order.placedAt,
                order.promisedAt,
                order.readyAt,
                order.completedAt,
                order.cancelledAt,
                order.cancelReason,
                order.updatedAt,
                order.notes,
                order.items.stream().map(ItemView::of).toList(),
                order.notices.stream().map(NoticeView::of).toList());
    }
}
