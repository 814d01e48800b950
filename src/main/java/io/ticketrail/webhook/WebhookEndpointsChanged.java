package io.ticketrail.webhook;

/**
 * An endpoint of this location was registered, resumed or deleted here: delivery should look now, not at its next
 * poll.
 */
record WebhookEndpointsChanged(String locationId) {}
