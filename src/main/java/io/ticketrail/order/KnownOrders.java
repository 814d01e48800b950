package io.ticketrail.order;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketrail.log.StreamLock;

/**
 * Per location, what this instance's last command there left: the log's epoch, head and configuration version after
 * its commit, and the open orders it read, changed or placed, as they committed. A command on one of those orders
 * can then skip the round trip that takes the lock and reads the order: it assumes them (EventLog.lockAssuming) and
 * sends its writes in one round trip with the COMMIT, behind a check that fails the transaction if the log moved
 * meanwhile (another instance's command, an alarm's entry, a change of the location), and CommandRunner then runs it
 * again the usual way. A bump made one round trip and one wake-up of the writer lane fewer (docs/performance.md).
 *
 * <p>Whoever runs a command on a location first takes its entry ({@link #take}), so no two commands use one entry,
 * and puts one back after its commit ({@link #keep}). What is kept is exact as of its head: the check makes a stale
 * entry cost a round trip, never a wrong answer. Bounded per location and in all.
 */
@Singleton
class KnownOrders {

    /** Orders kept over all locations: a few kilobytes each, so the bound is a few tens of megabytes of heap. */
    static final int MOST = 4_096;

    @Inject
    OrderConfig config;

    @Inject
    MeterRegistry registry;

    private final Map<String, Known> byLocation = new ConcurrentHashMap<>();
    private final AtomicInteger kept = new AtomicInteger();
    private int perLocation;
    private Counter held;
    private Counter rerun;

    /** A location's log as this instance's last commit there left it, and the open orders that commit saw. */
    static final class Known {
        final UUID epoch;
        final long head;
        final long configVersion;
        final LinkedHashMap<UUID, OrderRows.Loaded> orders;

        private Known(UUID epoch, long head, long configVersion, LinkedHashMap<UUID, OrderRows.Loaded> orders) {
            this.epoch = epoch;
            this.head = head;
            this.configVersion = configVersion;
            this.orders = orders;
        }

        Optional<OrderRows.Loaded> order(UUID id) {
            return id == null ? Optional.empty() : Optional.ofNullable(orders.get(id));
        }
    }

    @PostConstruct
    void init() {
        perLocation = config.writers().knownOrdersPerLocation();
        held = counter("held");
        rerun = counter("rerun");
    }

    private Counter counter(String outcome) {
        return Counter.builder("ticketrail.command.assumed")
                .description("Commands on an order this instance knew: held (one round trip), or rerun the usual"
                        + " way (the log had moved, or the command was refused)")
                .tag("outcome", outcome)
                .register(registry);
    }

    boolean enabled() {
        return perLocation > 0;
    }

    /** The location's entry, which the caller now holds alone; null when there is none. */
    Known take(String locationId) {
        if (!enabled()) {
            return null;
        }
        Known known = byLocation.remove(locationId);
        if (known != null) {
            kept.addAndGet(-known.orders.size());
        }
        return known;
    }

    /** Drops the location's entry: a batch's transaction moved its log without keeping what it read. */
    void forget(String locationId) {
        take(locationId);
    }

    /** A command that assumed what was known committed so, or was rolled back to run again the usual way. */
    void counted(boolean held) {
        (held ? this.held : rerun).increment();
    }

    /**
     * After a commit under {@code lock}: keeps the location's log as the commit left it, with {@code order} as it
     * committed, and the orders of {@code before} if the lock found the log where {@code before} said it was.
     */
    void keep(StreamLock lock, Known before, Optional<OrderRows.Loaded> order) {
        if (!enabled()) {
            return;
        }
        LinkedHashMap<UUID, OrderRows.Loaded> orders =
                before != null && before.epoch.equals(lock.epoch()) && before.head == lock.lockedAt()
                        ? before.orders
                        : new LinkedHashMap<>();
        order.ifPresent(loaded -> {
            orders.remove(loaded.order.id);
            if (loaded.order.status.isOpen()) {
                // last in the map: the eldest is the order untouched longest
                orders.put(loaded.order.id, loaded.committed());
            }
        });
        while (orders.size() > perLocation) {
            UUID eldest = orders.keySet().iterator().next();
            orders.remove(eldest);
        }
        if (orders.isEmpty()) {
            return;
        }
        if (kept.addAndGet(orders.size()) > MOST) {
            kept.addAndGet(-orders.size());
            return;
        }
        Known after = new Known(lock.epoch(), lock.head(), lock.configVersion(), orders);
        // another command of this location (a scheduled one beside the lane) may have kept one meanwhile: the later
        // head wins, and a stale one only costs its next command a round trip
        byLocation.merge(lock.locationId(), after, (current, offered) -> {
            Known newer = offered.head >= current.head ? offered : current;
            kept.addAndGet(-(newer == offered ? current : offered).orders.size());
            return newer;
        });
    }
}
