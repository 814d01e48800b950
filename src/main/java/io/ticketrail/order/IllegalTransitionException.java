package io.ticketrail.order;

import io.ticketrail.web.DomainException;

/** The order's or item's state forbids the command; names that state, so a screen can show why its tap did nothing. */
final class IllegalTransitionException extends DomainException {

    private IllegalTransitionException(String detail, Enum<?> currentStatus) {
        super(Kind.CONFLICT, "illegal-transition", "Illegal transition", detail);
        with("currentStatus", currentStatus.name());
    }

    static IllegalTransitionException order(KitchenOrder order, String command) {
        return new IllegalTransitionException("Cannot " + command + " an order that is " + order.status, order.status);
    }

    static DomainException item(OrderItem item, String command) {
        return new IllegalTransitionException(
                        "Cannot " + command + " item " + item.id + " (" + item.name + ") that is " + item.status,
                        item.status)
                .with("itemId", item.id.toString());
    }

    static IllegalTransitionException of(String detail, Enum<?> currentStatus) {
        return new IllegalTransitionException(detail, currentStatus);
    }
}
