package io.ticketrail.order;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.web.ProblemException;

/**
 * First responses of commands sent with an Idempotency-Key. Read and written inside the command's transaction,
 * after the location lock: a concurrent retry waits for the first attempt and then sees its stored response.
 * A key belongs to its caller (the actor: a POS key, a screen, a manager): another caller sending the same key
 * neither gets the first caller's answer (which would skip its own station check) nor learns that the key was
 * used; its command runs as any other.
 */
@ApplicationScoped
class IdempotencyStore {

    @Inject
    ObjectMapper json;

    @Inject
    OrderConfig config;

    Optional<CommandResult> replay(String locationId, String caller, String key, String fingerprint) {
        IdempotencyRecord record =
                IdempotencyRecord.findFor(locationId, caller, key).orElse(null);
        if (record == null) {
            return Optional.empty();
        }
        if (!fingerprint.equals(record.fingerprint)) {
            throw new ProblemException(
                    422,
                    "idempotency-key-reused",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request");
        }
        try {
            // jsonb keeps its own key order: decoded and encoded again, so a replay's body is the first answer's bytes
            OrderView view = json.readValue(record.body, OrderView.class);
            return Optional.of(CommandResult.replayed(record.status, view, json.writeValueAsBytes(view)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response is unreadable", e);
        }
    }

    void remember(String locationId, String caller, String key, String fingerprint, CommandResult result) {
        IdempotencyRecord record = new IdempotencyRecord();
        record.locationId = locationId;
        record.caller = caller;
        record.idempotencyKey = key;
        record.fingerprint = fingerprint;
        record.status = result.status();
        record.createdAt = Instant.now();
        record.body = new String(result.json(), StandardCharsets.UTF_8);
        record.persist();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOld() {
        IdempotencyRecord.deleteCreatedBefore(Instant.now().minus(config.idempotencyRetention()));
    }
}
