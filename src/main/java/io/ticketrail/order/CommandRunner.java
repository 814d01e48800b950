package io.ticketrail.order;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.config.Pending;
import io.ticketrail.config.RoundTrip;
import io.ticketrail.config.TransactionConnection;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.StreamLock;
import io.ticketrail.order.OrderRows.Loaded;
import io.ticketrail.web.DatabaseOutage;
import io.ticketrail.web.DomainException;
import io.ticketrail.web.ProblemException;
import org.jboss.logging.Logger;

/**
 * Runs commands under their location's lock: one alone in its own transaction, or a writer lane's batch in one
 * transaction (group commit), each a plain JDBC transaction on one connection (TransactionConnection). Either way a
 * command replays an Idempotency-Key's first answer instead of running twice, a rejected command changes nothing,
 * and nothing is answered before its transaction has ended.
 */
@Singleton
class CommandRunner {

    private static final Logger LOG = Logger.getLogger(CommandRunner.class);

    @Inject
    TransactionConnection transaction;

    @Inject
    EventLog eventLog;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    OwnCommits ownCommits;

    @Inject
    OrderRows rows;

    @Inject
    KnownOrders knownOrders;

    /** One command in its own transaction, on the caller's thread; throws what the command or its commit threw. */
    CommandResult runAlone(QueuedCommand command) {
        HandOff handOff = new HandOff(ownCommits);
        CommandResult result = runAlone(command, handOff);
        handOff.committed();
        return result;
    }

    /**
     * As {@link #runAlone(QueuedCommand)}, leaving the hand-off of what committed to the caller. On an order this
     * instance's last command at its location left in KnownOrders, it first goes in one round trip, assuming the log
     * and the order are as that command left them; if they moved, or the command was refused (which it may only be
     * against the order as it is), it runs again the usual way.
     */
    private CommandResult runAlone(QueuedCommand command, HandOff handOff) {
        KnownOrders.Known known = knownOrders.take(command.locationId());
        Optional<Loaded> assumed =
                known == null ? Optional.empty() : known.order(command.target().id());
        if (assumed.isPresent()) {
            try {
                CommandResult result = runAssuming(command, known, assumed.get(), handOff);
                knownOrders.counted(true);
                return result;
            } catch (DatabaseOutage.CommitFailedException unknown) {
                handOff.notCommitted();
                throw unknown; // it may have committed: running it again could apply it twice
            } catch (RuntimeException failure) {
                if (DatabaseOutage.causedBy(failure)) {
                    handOff.notCommitted();
                    throw failure; // the usual way would only wait for the same outage again
                }
                // rolled back: what it assumed changed under it (its order among them), so it is dropped
                LOG.debugf("A command on a known order runs again the usual way: %s", failure);
                handOff.discard();
                knownOrders.counted(false);
                known = null;
            }
        }
        try {
            KnownOrders.Known before = known;
            return transaction.inLocalTransaction(() -> {
                Pending<StreamLock> locking = eventLog.lockLater(command.locationId());
                // queued after the lock: one round trip takes the lock, then reads under it
                Reads reads = readsOf(command);
                StreamLock lock = locking.get();
                OrderRows.AtHand order = new OrderRows.AtHand(reads.order().get());
                CommandResult applied = handOff.add(lock, apply(command, lock, reads.firstAnswer(), order));
                handOff.committing();
                handOff.afterCommit(() -> knownOrders.keep(lock, before, order.after()));
                return applied;
            });
        } catch (RuntimeException failure) {
            handOff.notCommitted();
            throw failure;
        }
    }

    /**
     * The command in one round trip: its lock assumed as {@code known} says (EventLog.lockAssuming), its order as
     * kept, no read of its Idempotency-Key (a key used before fails the insert of its record, and the command runs
     * again the usual way, which replays the first answer).
     */
    private CommandResult runAssuming(QueuedCommand command, KnownOrders.Known known, Loaded order, HandOff handOff) {
        return transaction.inLocalTransaction(() -> {
            StreamLock lock = eventLog.lockAssuming(command.locationId(), known.epoch, known.head, known.configVersion);
            OrderRows.AtHand atHand = new OrderRows.AtHand(Optional.of(order));
            CommandResult applied = handOff.add(lock, apply(command, lock, null, atHand));
            handOff.committing();
            handOff.afterCommit(() -> knownOrders.keep(lock, known, atHand.after()));
            return applied;
        });
    }

    /**
     * A lane's batch in one transaction: the batch's stream rows locked in sorted order, then each command under a
     * savepoint, so a rejected one is rolled back alone and answers its problem while its neighbours commit. Every
     * command is answered after the commit. Any other failure before the commit rolls the batch back and runs its
     * commands again one at a time, so one poisoned command cannot fail the rest; a connection lost during the
     * commit answers every command "outcome unknown", since running them again could apply them twice.
     */
    void runBatch(List<QueuedCommand> batch) {
        if (batch.size() == 1) {
            settleAlone(batch.get(0));
            return;
        }
        // a batch moves its locations' logs without keeping what it read: their next command reads as usual
        batch.forEach(command -> knownOrders.forget(command.locationId()));
        List<Outcome> outcomes;
        HandOff handOff = new HandOff(ownCommits);
        try {
            outcomes = transaction.inLocalTransaction(() -> applyTogether(batch, handOff));
        } catch (RuntimeException failure) {
            handOff.notCommitted();
            if (DatabaseOutage.commitOutcomeUnknown(failure) || DatabaseOutage.causedBy(failure)) {
                // unknown: a retry with the key settles it; away: each alone would wait for the same outage in turn
                batch.forEach(command -> command.answer().completeExceptionally(failure));
                return;
            }
            LOG.warnf(
                    "A batch of %d commands failed (%s); running them one at a time", batch.size(), failure.toString());
            batch.forEach(this::settleAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            outcomes.get(i).settle(batch.get(i));
        }
        // answered first: no request waits for the screens' diffs
        handOff.committed();
    }

    /** What one command of a batch came to: its result, or the problem it was refused with. */
    private record Outcome(CommandResult result, RuntimeException refusal) {

        void settle(QueuedCommand command) {
            if (refusal == null) {
                command.answer().complete(result);
            } else {
                command.answer().completeExceptionally(refusal);
            }
        }
    }

    /** Each command's outcome, in batch order. */
    private List<Outcome> applyTogether(List<QueuedCommand> batch, HandOff handOff) {
        Map<String, Pending<StreamLock>> locking = new TreeMap<>();
        // in sorted order, in one round trip: two transactions that lock several rows then never wait for each
        // other in a cycle
        batch.forEach(command -> locking.computeIfAbsent(command.locationId(), eventLog::lockForBatchLater));
        Map<String, StreamLock> locks = new HashMap<>();
        Map<String, ProblemException> missing = new HashMap<>();
        locking.forEach((locationId, lock) -> {
            try {
                locks.put(locationId, lock.get());
            } catch (ProblemException noSuchLocation) {
                missing.put(locationId, noSuchLocation);
            }
        });
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (QueuedCommand command : batch) {
            StreamLock lock = locks.get(command.locationId());
            if (lock == null) {
                outcomes.add(new Outcome(null, missing.get(command.locationId())));
                continue;
            }
            // deferred: it goes with the command's reads, after the writes of the command before it
            transaction.defer("savepoint command", RoundTrip.NO_PARAMETERS);
            try {
                Reads reads = readsOf(command);
                CommandResult result = apply(
                        command,
                        lock,
                        reads.firstAnswer(),
                        new OrderRows.AtHand(reads.order().get()));
                outcomes.add(new Outcome(handOff.add(lock, result), null));
            } catch (ProblemException | DomainException rejected) {
                // appends come last in a command, after every check: a rejected command took no seq
                sql("rollback to savepoint command");
                outcomes.add(new Outcome(null, rejected));
            }
        }
        eventLog.notifyHeads(locks.values());
        handOff.committing();
        return outcomes;
    }

    private void settleAlone(QueuedCommand command) {
        HandOff handOff = new HandOff(ownCommits);
        try {
            command.answer().complete(runAlone(command, handOff));
        } catch (RuntimeException failure) {
            command.answer().completeExceptionally(failure);
            return;
        }
        handOff.committed();
    }

    /** What a command reads before it runs: its key's first answer (with a key) and its order. */
    private record Reads(Pending<Optional<IdempotencyStore.Stored>> firstAnswer, Pending<Optional<Loaded>> order) {}

    /** Queues the command's reads, to go in one round trip (with its lock, when it runs alone). */
    private Reads readsOf(QueuedCommand command) {
        CommandMeta meta = command.meta();
        Pending<Optional<IdempotencyStore.Stored>> firstAnswer = meta.idempotencyKey()
                .map(key -> idempotency.findLater(command.locationId(), meta.actor(), key))
                .orElse(null);
        return new Reads(firstAnswer, rows.findLater(command.locationId(), command.target()));
    }

    /** Replays the key's first answer if there is one ({@code firstAnswer} null: not read), else runs the body. */
    private CommandResult apply(
            QueuedCommand command,
            StreamLock lock,
            Pending<Optional<IdempotencyStore.Stored>> firstAnswer,
            OrderRows.AtHand order) {
        CommandMeta meta = command.meta();
        if (firstAnswer != null) {
            Optional<CommandResult> replay = idempotency.replay(firstAnswer.get(), meta.fingerprint());
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        CommandResult answer = command.body().apply(lock, order);
        meta.idempotencyKey()
                .ifPresent(key ->
                        idempotency.remember(command.locationId(), meta.actor(), key, meta.fingerprint(), answer));
        return answer;
    }

    /** A savepoint statement, on the transaction's connection. */
    private void sql(String statement) {
        transaction.run(connection -> {
            try (Statement savepoint = connection.createStatement()) {
                savepoint.execute(statement);
            }
        });
    }
}
