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
        String token = Tokens.newToken(Tokens.KEY);
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.locationId = locationId;
        key.name = name.strip();
        key.tokenHash = Tokens.hash(token);
        key.createdBy = creator.actor();
        key.createdAt = Instant.now();
        key.persist();
        return new Created(key.id, key.name, locationId, token);
    }

    @Transactional
    public List<KeyView> list(String locationId) {
        return ApiKey.listAt(locationId).stream()
                .map(k -> new KeyView(k.id, k.name, k.createdBy, k.createdAt, k.revokedAt))
                .toList();
    }

    /** @throws ProblemException 404 when the location has no such key */
    @Transactional
    public void revoke(String locationId, UUID id) {
        ApiKey key = ApiKey.findAt(locationId, id)
                .orElseThrow(() -> ProblemException.notFound("No API key " + id + " at " + locationId));
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
        }
        Revocation.announce(em, id);
    }
}
