package io.ticketrail.feed;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.access.AccessConfig;
import io.ticketrail.access.Caller;

/**
 * Feeds per credential on this instance, WebSocket and SSE together, counted at admission. A WebSocket is admitted
 * by the upgrade check and exists only later, when it opens: counting only open feeds let 18 parallel upgrades pass a
 * limit of 4. So admission takes a slot at once, and the feed that opens turns it into an open one; a slot whose
 * upgrade never completes is given back after {@link #ADMITTED_FOR_NANOS}.
 */
@Singleton
class FeedSlots {

    /** An admitted upgrade opens within milliseconds; this is only for one whose client vanished meanwhile. */
    static final long ADMITTED_FOR_NANOS = 30_000_000_000L;

    private static final class Owner {
        int open;
        final ArrayDeque<Long> admitted = new ArrayDeque<>();

        void forgetStale(long now) {
            while (!admitted.isEmpty() && now - admitted.peekFirst() > ADMITTED_FOR_NANOS) {
                admitted.pollFirst();
            }
        }

        int count() {
            return open + admitted.size();
        }
    }

    private final Map<UUID, Owner> owners = new HashMap<>();

    @Inject
    AccessConfig config;

    /**
     * Takes a slot for a feed about to open; false when the credential has its most already: a paired screen
     * {@code connections-per-device}, a manager session {@code connections-per-session} (0: no limit, for the
     * benchmark's one session behind thousands of screens and for the tests).
     */
    boolean admit(Caller who) {
        int limit = switch (who.kind()) {
            case DEVICE -> config.limits().connectionsPerDevice();
            case MANAGER -> config.limits().connectionsPerSession();
            case KEY -> -1;
        };
        return admit(who.id(), limit == 0 ? Integer.MAX_VALUE : Math.max(limit, 0));
    }

    synchronized boolean admit(UUID owner, int limit) {
        Owner slots = owners.computeIfAbsent(owner, o -> new Owner());
        slots.forgetStale(System.nanoTime());
        if (slots.count() >= limit) {
            return false;
        }
        slots.admitted.addLast(System.nanoTime());
        return true;
    }

    /** The admitted feed opened: its slot is now an open one. */
    synchronized void opened(UUID owner) {
        Owner slots = owners.computeIfAbsent(owner, o -> new Owner());
        slots.admitted.pollFirst();
        slots.open++;
    }

    synchronized void closed(UUID owner) {
        Owner slots = owners.get(owner);
        if (slots != null) {
            slots.open = Math.max(0, slots.open - 1);
            if (slots.count() == 0) {
                owners.remove(owner);
            }
        }
    }

    synchronized int count(UUID owner) {
        Owner slots = owners.get(owner);
        return slots == null ? 0 : slots.count();
    }
}
