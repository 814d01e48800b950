package io.ticketrail.access;

import java.util.UUID;

/**
 * A key, screen or manager session was revoked (or signed out), here or on another instance (NOTIFY on
 * {@link #CHANNEL}): forget it and close its feeds with 4401.
 */
public record AccessRevoked(UUID id) {

    public static final String CHANNEL = "ticketrail_access";
}
