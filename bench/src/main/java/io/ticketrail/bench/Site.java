package io.ticketrail.bench;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/** One benchmark location: its orders and the ones waiting for their next command. */
final class Site {

    final String id;
    final List<OrderTrack> orders = new CopyOnWriteArrayList<>();
    /** Orders with no command in flight, oldest first: the next command on an order waits for the last answer. */
    final Queue<OrderTrack> idle = new ConcurrentLinkedQueue<>();
    /** A command of this location awaits its answer; with retries on, the till sends one at a time. */
    boolean busy;

    Site(String id) {
        this.id = id;
    }

    /** One order's life as the generator drives it (see {@link View}). */
    static final class OrderTrack {

        static final int LAST_VERSION = 4;

        final Site site;
        final String externalId;
        /** When each version's command was meant to be sent (System.nanoTime()), 0 until scheduled. */
        final AtomicLongArray intended = new AtomicLongArray(LAST_VERSION + 1);
        volatile String id;
        /** The last version the server confirmed. */
        volatile int acked = -1;
        /** A command failed: what the server holds is unknown, so the checks skip this order. */
        volatile boolean broken;
        /** A command was sent and not answered yet; still so after the drain, its outcome is unknown. */
        volatile boolean awaitingAnswer;

        OrderTrack(Site site, String externalId) {
            this.site = site;
            this.externalId = externalId;
        }
    }
}
