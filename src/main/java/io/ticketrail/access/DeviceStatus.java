package io.ticketrail.access;

/** Where a screen is in its pairing; stored by name in device.status. */
public enum DeviceStatus {
    /** It shows its pairing code and waits for a manager. */
    PENDING,
    /** A manager gave it a location, views and actions; it has not collected its token yet. */
    APPROVED,
    /** It collected its token (once, with the claim secret only it knows). */
    ACTIVE,
    /** Refused from then on. */
    REVOKED
}
