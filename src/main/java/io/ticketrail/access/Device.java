package io.ticketrail.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A screen, from the pairing code it shows to the token it holds (V2__access.sql). */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeviceStatus status;

    @Column(name = "pairing_code", nullable = false)
    public String pairingCode;

    /** SHA-256 of the claim secret only the pairing screen holds. */
    @Column(name = "claim_hash", nullable = false)
    public byte[] claimHash;

    @Column(name = "pairing_expires_at", nullable = false)
    public Instant pairingExpiresAt;

    /** The client address that asked for the code (an IPv6 one by its /64), for the per-address limit. */
    @Column(name = "pairing_address")
    public String pairingAddress;

    /** Null until a manager approves it. */
    @Column(name = "location_id")
    public String locationId;

    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] views;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] actions;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "token_expires_at")
    public Instant tokenExpiresAt;

    @Column(name = "csrf_token")
    public String csrfToken;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The codes waiting at this address, oldest first. */
    static List<Device> listWaitingFrom(String address) {
        return list("status = ?1 and pairingAddress = ?2 order by pairingExpiresAt", DeviceStatus.PENDING, address);
    }

    static long countWaiting() {
        return count("status", DeviceStatus.PENDING);
    }

    /** Pairings that ran out before their screen collected a token. */
    static long deleteUnclaimedExpired(Instant now) {
        return delete(
                "status in ?1 and pairingExpiresAt < ?2", List.of(DeviceStatus.PENDING, DeviceStatus.APPROVED), now);
    }

    /** The screen waiting with this code now, locked until the approving transaction ends. */
    static Optional<Device> findWaitingWithCodeForUpdate(String code, Instant now) {
        return find("pairingCode = ?1 and status = ?2 and pairingExpiresAt > ?3", code, DeviceStatus.PENDING, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    static Optional<Device> findForUpdate(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    static Optional<Device> findAt(String locationId, UUID id) {
        return find("locationId = ?1 and id = ?2", locationId, id).firstResultOptional();
    }

    /** The location's screens, the latest approved first (never approved: before them, as PostgreSQL sorts nulls). */
    static List<Device> listAt(String locationId) {
        return list("locationId = ?1 order by approvedAt desc", locationId);
    }
}
