package io.ticketrail.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A key for a POS (order entry at one location) or another integration (the scopes it was given). Only the
 * token's SHA-256 is stored.
 */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "location_id", nullable = false)
    public String locationId;

    @Column(nullable = false)
    public String name;

    @Column(name = "token_hash", nullable = false)
    public byte[] tokenHash;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** An integration key's scopes (KeyScope wire names); null for a POS key. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] scopes;

    /** The location's keys, the newest first. */
    static List<ApiKey> listAt(String locationId) {
        return list("locationId = ?1 order by createdAt desc", locationId);
    }

    static Optional<ApiKey> findAt(String locationId, UUID id) {
        return find("locationId = ?1 and id = ?2", locationId, id).firstResultOptional();
    }
}
