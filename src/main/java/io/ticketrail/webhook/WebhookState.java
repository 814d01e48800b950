package io.ticketrail.webhook;

/** ACTIVE endpoints are delivered; a PAUSED one waits, its cursor kept, until it is resumed. */
public enum WebhookState {
    ACTIVE,
    PAUSED
}
