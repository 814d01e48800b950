package io.ticketrail.access;

import java.time.Instant;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A manager's sign-in: its token (stored as SHA-256) goes in a cookie or an Authorization header. */
@Entity
@Table(name = "manager_session")
public class ManagerSession extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "token_hash", nullable = false)
    public byte[] tokenHash;

    @Column(name = "manager_id", nullable = false)
    public UUID managerId;

    /** Sent back by pages in X-CSRF-Token or a form field; a cookie alone never changes anything. */
    @Column(name = "csrf_token", nullable = false)
    public String csrfToken;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Sessions that ended before {@code cutoff}: nothing will ask for them again. */
    static long deleteExpiredBefore(Instant cutoff) {
        return delete("expiresAt < ?1", cutoff);
    }
}
