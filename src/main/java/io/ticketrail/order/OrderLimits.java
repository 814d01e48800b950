package io.ticketrail.order;

import java.util.List;
import java.util.stream.Stream;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.web.Problem;
import io.ticketrail.web.ProblemException;

/**
 * The size of one order, whatever number of requests built it up. Every event stores and every diff sends the
 * whole order, so an order without a bound is a bound on nothing: it would let one location fill every screen's
 * queue and the event log. Checked inside the command's transaction, so a refusal writes nothing.
 */
@Singleton
class OrderLimits {

    @Inject
    OrderConfig config;

    /**
     * Checked where an order grows (placed, items added); other commands change a few fields of bounded size.
     *
     * @throws ProblemException 422 naming {@code items} when the order as changed is past a limit
     */
    void check(KitchenOrder order) {
        OrderConfig.Limits limits = config.limits();
        int items = order.items.size();
        if (items > limits.itemsPerOrder()) {
            throw tooLarge("an order holds at most " + limits.itemsPerOrder() + " items; this one would hold " + items);
        }
        int modifiers = order.items.stream().mapToInt(i -> i.modifiers.length).sum();
        if (modifiers > limits.modifiersPerOrder()) {
            throw tooLarge("an order holds at most " + limits.modifiersPerOrder() + " modifiers; this one would hold "
                    + modifiers);
        }
        long text = textOf(order);
        if (text > limits.textPerOrder()) {
            throw tooLarge("an order holds at most " + limits.textPerOrder()
                    + " characters of text; this one would hold " + text);
        }
    }

    /**
     * Checked on the bytes the event stores, where an order grew (placed, items added): escapes and multi-byte
     * characters make the JSON larger than the text, and the event itself is what every diff carries.
     *
     * @throws ProblemException 422 naming {@code items}; the command's transaction then writes nothing
     */
    void checkEvent(byte[] event) {
        int limit = config.limits().eventBytes();
        if (event.length > limit) {
            throw tooLarge(
                    "an order's event is at most " + limit + " bytes of JSON; this one would be " + event.length);
        }
    }

    private static long textOf(KitchenOrder order) {
        long text = length(order.externalId)
                + length(order.table)
                + length(order.customerName)
                + length(order.serverName)
                + length(order.notes)
                + length(order.cancelReason);
        for (OrderItem item : order.items) {
            text += length(item.name)
                    + length(item.category)
                    + length(item.station)
                    + length(item.notes)
                    + length(item.voidReason)
                    + Stream.of(item.modifiers, item.allergens)
                            .flatMap(Stream::of)
                            .mapToLong(OrderLimits::length)
                            .sum();
        }
        return text;
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }

    private static ProblemException tooLarge(String message) {
        return new ProblemException(
                422,
                "order-too-large",
                "Order too large",
                "items: " + message,
                List.of(new Problem.FieldError("items", message)));
    }
}
