package io.ticketrail.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.ticketrail.web.ProblemException;

/** POS integrations' keys: one per integration and location, shown once at creation, revocable at any time. */
@ApplicationScoped
public class ApiKeys {

    @Inject
    EntityManager em;

    @Inject
    LocationDirectory locations;

    /** {@code token} is only ever in the answer to its creation. */
    public record Created(UUID id, String name, String locationId, String token) {}

    public record KeyView(UUID id, String name, String createdBy, Instant createdAt, Instant revokedAt) {}

    @Transactional
    public Created create(String locationId, String name, Caller creator) {
        if (locations.known(locationId).isEmpty()) {
            throw ProblemException.notFound("No location " + locationId);
        }
        if (name == null || name.isBlank() || name.strip().length() > 80) {
            throw ProblemException.invalid("name", "must be 1 to 80 characters");
        }
        UUID id = UUID.randomUUID();
        String token = Tokens.newToken(Tokens.KEY);
        em.createNativeQuery("""
                insert into api_key (id, location_id, name, token_hash, created_by, created_at)
                values (?1, ?2, ?3, ?4, ?5, now())""")
                .setParameter(1, id)
                .setParameter(2, locationId)
                .setParameter(3, name.strip())
                .setParameter(4, Tokens.hash(token))
                .setParameter(5, creator.actor())
                .executeUpdate();
        return new Created(id, name.strip(), locationId, token);
    }

    @Transactional
    public List<KeyView> list(String locationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("""
                select id, name, created_by, created_at, revoked_at from api_key where location_id = ?1
                order by created_at desc""").setParameter(1, locationId).getResultList();
        return rows.stream()
                .map(r ->
                        new KeyView((UUID) r[0], (String) r[1], (String) r[2], Rows.instant(r[3]), Rows.instant(r[4])))
                .toList();
    }

    /** @throws ProblemException 404 when the location has no such key */
    @Transactional
    public void revoke(String locationId, UUID id) {
        int changed = em.createNativeQuery("""
                update api_key set revoked_at = coalesce(revoked_at, now()) where id = ?1 and location_id = ?2""")
                .setParameter(1, id)
                .setParameter(2, locationId)
                .executeUpdate();
        if (changed == 0) {
            throw ProblemException.notFound("No API key " + id + " at " + locationId);
        }
        Revocation.announce(em, id);
    }
}
