package io.ticketrail.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    OrderConfig config;

    Optional<CommandResult> replay(String locationId, String caller, String key, String fingerprint) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select fingerprint, status, body::text from idempotency_record
                where location_id = ?1 and caller = ?2 and key = ?3""")
                .setParameter(1, locationId)
                .setParameter(2, caller)
                .setParameter(3, key)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (!fingerprint.equals(row[0])) {
            throw new ProblemException(
                    422,
                    "idempotency-key-reused",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request");
        }
        try {
            return Optional.of(new CommandResult(
                    ((Number) row[1]).intValue(), json.readValue((String) row[2], OrderView.class), true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response is unreadable", e);
        }
    }

    void remember(String locationId, String caller, String key, String fingerprint, CommandResult result) {
        try {
            em.createNativeQuery("insert into idempotency_record (location_id, caller, key, fingerprint, status, body, "
                            + "created_at) values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7)")
                    .setParameter(1, locationId)
                    .setParameter(2, caller)
                    .setParameter(3, key)
                    .setParameter(4, fingerprint)
                    .setParameter(5, result.status())
                    .setParameter(6, json.writeValueAsString(result.order()))
                    .setParameter(7, Instant.now())
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not store an idempotent response", e);
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOld() {
        em.createNativeQuery("delete from idempotency_record where created_at < ?1")
                .setParameter(1, Instant.now().minus(config.idempotencyRetention()))
                .executeUpdate();
    }
}
