package io.ticketrail.order;

/** What changed on a ticket after it reached the line; each kind is a banner a cook must acknowledge. */
public enum NoticeKind {
    /** An item added to an order already on the line. */
    ADDED,
    /** An item taken off the order, with the reason. */
    VOIDED,
    /** An item's quantity changed: {@code previousQty} to {@code qty}. */
    QTY_CHANGED,
    /** An item's note changed; {@code text} is the new note (null when removed). */
    NOTE_CHANGED,
    /** A held course was sent to the kitchen. */
    COURSE_FIRED,
    /** The whole order was cancelled, with the reason. */
    CANCELLED
}
