package io.ticketrail.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A receiver of a location's events, with its delivery cursor and how its last attempts went. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "location_id", nullable = false)
    public String locationId;

    @Column(nullable = false)
    public String url;

    /** EventType names. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false)
    public String[] eventTypes;

    @Column(nullable = false)
    public String secret;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "cursor_epoch", nullable = false)
    public UUID cursorEpoch;

    @Column(name = "delivered_seq", nullable = false)
    public long deliveredSeq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WebhookState state;

    @Column(name = "paused_reason")
    public String pausedReason;

    @Column(name = "paused_at")
    public Instant pausedAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** The location's endpoints, the newest first. */
    static List<WebhookEndpoint> listAt(String locationId) {
        return list("locationId = ?1 order by createdAt desc", locationId);
    }

    static Optional<WebhookEndpoint> findAt(String locationId, UUID id) {
        return find("locationId = ?1 and id = ?2", locationId, id).firstResultOptional();
    }

    static long countAt(String locationId) {
        return count("locationId", locationId);
    }
}
