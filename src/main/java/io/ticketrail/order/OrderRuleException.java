package io.ticketrail.order;

import java.time.Duration;
import java.util.UUID;

import io.ticketrail.web.DomainException;

/** The order's other rules besides its state machine (IllegalTransitionException). */
final class OrderRuleException extends DomainException {

    private OrderRuleException(Kind kind, String rule, String title, String detail) {
        super(kind, rule, title, detail);
    }

    static OrderRuleException noItem(UUID orderId, UUID itemId) {
        return new OrderRuleException(
                Kind.NOT_FOUND, "not-found", "Not found", "Order " + orderId + " has no item " + itemId);
    }

    static OrderRuleException nothingToAcknowledge(int number, String view) {
        return new OrderRuleException(
                Kind.CONFLICT,
                "no-notices",
                "Nothing to acknowledge",
                "Order " + number + " has no notices for " + view);
    }

    /** @param what the item, station or order, as "item Fries" */
    static OrderRuleException recallWindowPassed(Duration window, String what) {
        return new OrderRuleException(
                Kind.CONFLICT,
                "recall-window-passed",
                "Recall window passed",
                "The recall window of " + window.toSeconds() + " s for " + what + " has passed");
    }
}
