package io.ticketrail.order;

import io.ticketrail.web.ProblemException;

/** 409 naming the state that forbids the command, so a screen can show why its tap did nothing. */
final class IllegalTransitionException {

    private IllegalTransitionException() {}

    static ProblemException order(KitchenOrder order, String command) {
        return ProblemException.conflict(
                        "illegal-transition",
                        "Illegal transition",
                        "Cannot " + command + " an order that is " + order.status)
                .with("currentStatus", order.status.name());
    }

    static ProblemException item(OrderItem item, String command) {
        return ProblemException.conflict(
                        "illegal-transition",
                        "Illegal transition",
                        "Cannot " + command + " item " + item.id + " (" + item.name + ") that is " + item.status)
                .with("currentStatus", item.status.name())
                .with("itemId", item.id.toString());
    }

    static ProblemException of(String detail, Enum<?> currentStatus) {
        return ProblemException.conflict("illegal-transition", "Illegal transition", detail)
                .with("currentStatus", currentStatus.name());
    }
}
