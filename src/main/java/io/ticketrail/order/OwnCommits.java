package io.ticketrail.order;

import java.util.List;
import java.util.UUID;

/**
 * Told of the events this instance commits, so that its feed fans them out without reading them back. The log
 * stays the truth: a listener that misses a call, or finds a hole, reads the log as for any other writer's event.
 */
public interface OwnCommits {

    /** Just before the commit: the location's head will be {@code head} if it commits. */
    void committing(String locationId, long head);

    /**
     * After the commit: the transaction's events at the location, in seq order. {@code mayUseCaller}: the caller can
     * spend the fan-out's time on its own thread (its commands are answered, and they touched this location alone),
     * which spares another thread's wake-up; otherwise this returns at once.
     */
    void committed(String locationId, UUID epoch, List<AppendedEvent> events, boolean mayUseCaller);

    /** The transaction rolled back, or its outcome is unknown: whatever it promised may not come. */
    void notCommitted(String locationId);
}
