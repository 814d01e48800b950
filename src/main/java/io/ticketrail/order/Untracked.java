package io.ticketrail.order;

import org.hibernate.engine.spi.SelfDirtinessTracker;

/**
 * Orders, items and notices that a command builds or reads with plain JDBC and writes back the same way
 * (OrderRows): no Hibernate session ever sees them, yet the enhanced entity's every field write would record its
 * name for a session's dirty check, in an array copied one element longer each time (docs/performance.md,
 * "Encodings and allocations on the command path"). Such an entity must not be handed to a session afterwards:
 * the session would find nothing dirty.
 */
final class Untracked {

    private Untracked() {}

    static <T> T entity(T entity) {
        // the interface is added by Hibernate's build-time enhancement, so the check is at run time
        if (entity instanceof SelfDirtinessTracker tracker) {
            tracker.$$_hibernate_suspendDirtyTracking(true);
        }
        return entity;
    }
}
