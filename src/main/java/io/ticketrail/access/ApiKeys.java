package io.ticketrail.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.ticketrail.web.ProblemException;

/** POS integrations' keys: one per integration and location, shown once at creation, revocable at any time. */
@Singleton
public class ApiKeys {

    @Inject
    EntityManager em;

    @Inject
    LocationDirectory locations;

    /**
     * {@code token} is only ever in the answer to its creation. {@code kind} is {@code pos} or {@code integration};
     * an integration key's {@code scopes} say what it may do.
     */
    public record Created(UUID id, String name, String locationId, String kind, List<String> scopes, String token) {}

    public record KeyView(
            UUID id,
            String name,
            String kind,
            List<String> scopes,
            String createdBy,
            Instant createdAt,
            Instant revokedAt) {}

    /** A POS key: order entry, reading orders. */
    public Created create(String locationId, String name, Caller creator) {
        return create(locationId, name, null, creator);
    }

    /**
     * @param scopes KeyScope wire names for an integration key (at least one), or null for a POS key
     */
    @Transactional
    public Created create(String locationId, String name, List<String> scopes, Caller creator) {
        if (locations.known(locationId).isEmpty()) {
            throw ProblemException.notFound("No location " + locationId);
        }
        if (name == null || name.isBlank() || name.strip().length() > 80) {
            throw ProblemException.invalid("name", "must be 1 to 80 characters");
        }
        List<String> chosen = scopes == null ? null : scopes(scopes);
        String token = Tokens.newToken(Tokens.KEY);
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.locationId = locationId;
        key.name = name.strip();
        key.tokenHash = Tokens.hash(token);
        key.createdBy = creator.actor();
        key.createdAt = Instant.now();
        key.scopes = chosen == null ? null : chosen.toArray(String[]::new);
        key.persist();
        return new Created(key.id, key.name, locationId, kind(key), chosen, token);
    }

    @Transactional
    public List<KeyView> list(String locationId) {
        return ApiKey.listAt(locationId).stream()
                .map(k -> new KeyView(
                        k.id,
                        k.name,
                        kind(k),
                        k.scopes == null ? null : List.of(k.scopes),
                        k.createdBy,
                        k.createdAt,
                        k.revokedAt))
                .toList();
    }

    private static String kind(ApiKey key) {
        return key.scopes == null ? "pos" : "integration";
    }

    /** Known, each once, at least one: in KeyScope's order, so equal choices read the same everywhere. */
    private static List<String> scopes(List<String> given) {
        if (given.isEmpty()) {
            throw ProblemException.invalid("scopes", "must name at least one of " + KeyScope.known());
        }
        Set<KeyScope> chosen = EnumSet.noneOf(KeyScope.class);
        for (String name : given) {
            KeyScope scope = KeyScope.fromWire(name == null ? "" : name.strip())
                    .orElseThrow(() -> ProblemException.invalid("scopes", "must each be one of " + KeyScope.known()));
            chosen.add(scope);
        }
        return chosen.stream().map(KeyScope::wireName).toList();
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
