package io.ticketrail.order;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.config.Pending;
import io.ticketrail.config.TransactionConnection;
import io.ticketrail.web.ProblemException;

/**
 * First responses of commands sent with an Idempotency-Key. Read and written inside the command's transaction,
 * after the location lock: a concurrent retry waits for the first attempt and then sees its stored response.
 * A key belongs to its caller (the actor: a POS key, a screen, a manager): another caller sending the same key
 * neither gets the first caller's answer (which would skip its own station check) nor learns that the key was
 * used; its command runs as any other.
 */
@Singleton
class IdempotencyStore {

    @Inject
    ObjectMapper json;

    @Inject
    OrderConfig config;

    // plain JDBC on the command's connection (TransactionConnection); the rows are IdempotencyRecord's, which stays
    // their mapping
    private static final String FIND =
            "select fingerprint, status, body::text from idempotency_record where location_id = ? and caller = ? and key = ?";
    private static final String INSERT = """
            insert into idempotency_record (location_id, caller, key, fingerprint, status, body, created_at)
            values (?, ?, ?, ?, ?, cast(convert_from(?, 'UTF8') as jsonb), ?)""";

    @Inject
    TransactionConnection transaction;

    /** What a key's first command stored. */
    record Stored(String fingerprint, int status, String body) {}

    /**
     * The record a key's first command stored, read in one round trip with the command's lock and order
     * (TransactionConnection.readLater): queued after the lock, so a concurrent first try has committed or rolled
     * back by then.
     */
    Pending<Optional<Stored>> findLater(String locationId, String caller, String key) {
        return transaction.readLater(
                FIND,
                (statement, first) -> {
                    statement.setString(first, locationId);
                    statement.setString(first + 1, caller);
                    statement.setString(first + 2, key);
                    return first + 3;
                },
                statement -> {
                    try (ResultSet rs = statement.getResultSet()) {
                        return rs.next()
                                ? Optional.of(new Stored(rs.getString(1), rs.getInt(2), rs.getString(3)))
                                : Optional.empty();
                    }
                });
    }

    /** The first answer to give again, if the key was used; refuses a key used for a different request. */
    Optional<CommandResult> replay(Optional<Stored> stored, String fingerprint) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Stored record = stored.get();
        if (!fingerprint.equals(record.fingerprint())) {
            throw new ProblemException(
                    422,
                    "idempotency-key-reused",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request");
        }
        try {
            // jsonb keeps its own key order: decoded and encoded again, so a replay's body is the first answer's bytes
            OrderView view = json.readValue(record.body(), OrderView.class);
            return Optional.of(CommandResult.replayed(record.status(), view, OrderJson.encode(json, view)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response is unreadable", e);
        }
    }

    /**
     * Written in the command's transaction: it commits with the command or not at all; deferred with the command's
     * other writes (TransactionConnection.defer).
     */
    void remember(String locationId, String caller, String key, String fingerprint, CommandResult result) {
        OffsetDateTime createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        transaction.defer(INSERT, (statement, first) -> {
            statement.setString(first, locationId);
            statement.setString(first + 1, caller);
            statement.setString(first + 2, key);
            statement.setString(first + 3, fingerprint);
            statement.setInt(first + 4, result.status());
            statement.setBytes(first + 5, result.json());
            statement.setObject(first + 6, createdAt);
            return first + 7;
        });
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOld() {
        IdempotencyRecord.deleteCreatedBefore(Instant.now().minus(config.idempotencyRetention()));
    }
}
