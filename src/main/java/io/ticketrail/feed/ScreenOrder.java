package io.ticketrail.feed;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ticketrail.order.Channel;
import io.ticketrail.order.ItemStatus;
import io.ticketrail.order.OrderStatus;
import io.ticketrail.order.OrderView;
import io.ticketrail.order.Priority;

/**
 * An order as one view shows it. A station view carries its own items in full and only counts the others; expo,
 * front of house and manager carry every item and each station's progress. {@code firedAt} is when the ticket's
 * latest items were sent to the kitchen (its current course): screens order tickets and run timers from it.
 * {@code notices} are the view's own unacknowledged notices (a station's, or expo's); null on front of house and
 * manager.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScreenOrder(
        UUID id,
        String externalId,
        int number,
        Channel channel,
        String table,
        String customerName,
        String serverName,
        Integer guests,
        Priority priority,
        OrderStatus status,
        Instant placedAt,
        Instant firedAt,
        Instant promisedAt,
        Instant readyAt,
        Instant completedAt,
        long version,
        String notes,
        List<Item> items,
        Integer otherItems,
        List<StationProgress> stations,
        List<OrderView.NoticeView> notices) {

    /** @param voidReason why a VOIDED item was taken off, if the POS said */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            UUID id,
            String name,
            int qty,
            List<String> modifiers,
            String notes,
            List<String> allergens,
            int course,
            String station,
            ItemStatus status,
            boolean changed,
            String voidReason,
            Instant firedAt) {}

    /** Items of one station that are still live (not voided), and how many of them are done. */
    public record StationProgress(String station, int total, int done) {}
}
