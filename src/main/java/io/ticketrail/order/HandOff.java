package io.ticketrail.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketrail.log.StreamLock;

/** The events one transaction appended, per location, told to {@link OwnCommits} around its commit. */
final class HandOff {

    private final OwnCommits commits;
    private final Map<String, Appended> byLocation = new LinkedHashMap<>();
    private boolean promised;
    private Runnable afterCommit;

    private record Appended(StreamLock lock, List<AppendedEvent> events) {}

    HandOff(OwnCommits commits) {
        this.commits = commits;
    }

    /** Takes note of what a command appended (nothing for a replay); returns the result. */
    CommandResult add(StreamLock lock, CommandResult result) {
        if (result != null && result.appended() != null) {
            byLocation
                    .computeIfAbsent(lock.locationId(), l -> new Appended(lock, new ArrayList<>()))
                    .events()
                    .add(result.appended());
        }
        return result;
    }

    /** The last step inside the transaction. */
    void committing() {
        byLocation.values().forEach(a -> commits.committing(a.lock().locationId(), last(a)));
        promised = true;
    }

    /**
     * After the commit, once its commands are answered. The fan-out of a transaction of one location may run on
     * this thread; a batch of several hands each location to the feed's own threads, so its lane goes back to
     * committing instead of fanning out location after location.
     */
    void committed() {
        if (afterCommit != null) {
            afterCommit.run();
        }
        boolean oneLocation = byLocation.size() == 1;
        byLocation
                .values()
                .forEach(a -> commits.committed(a.lock().locationId(), a.lock().epoch(), a.events(), oneLocation));
    }

    /** Rolled back or outcome unknown: each location promised a hand-off that will not come. */
    void notCommitted() {
        if (promised) {
            byLocation.keySet().forEach(commits::notCommitted);
        }
    }

    /** What to do once the transaction has committed, before the fan-out: KnownOrders keeps what it left. */
    void afterCommit(Runnable action) {
        afterCommit = action;
    }

    /** As {@link #notCommitted}, and forgets what was noted: the commands are about to run again. */
    void discard() {
        notCommitted();
        byLocation.clear();
        promised = false;
        afterCommit = null;
    }

    private static long last(Appended appended) {
        return appended.events().get(appended.events().size() - 1).seq();
    }
}
