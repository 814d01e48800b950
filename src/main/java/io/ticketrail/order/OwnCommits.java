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

    /** After the commit: the transaction's events at the location, in seq order. */
    void committed(String locationId, UUID epoch, List<AppendedEvent> events);

    /** The transaction rolled back, or its outcome is unknown: whatever it promised may not come. */
    void notCommitted(String locationId);
}
