package io.ticketrail.order;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The first response of a command sent with an Idempotency-Key, per location and caller. A command reads and writes
 * it with plain statements (IdempotencyStore); this mapping is the table's model and its clean-up.
 */
@Entity
@Table(name = "idempotency_record")
@IdClass(IdempotencyRecord.Key.class)
public class IdempotencyRecord extends PanacheEntityBase {

    @Id
    @Column(name = "location_id")
    public String locationId;

    /** The actor that sent the key: another caller's same key is a different record. */
    @Id
    public String caller;

    /** The Idempotency-Key header's value ("key" is a word of HQL, hence the longer name). */
    @Id
    @Column(name = "key")
    public String idempotencyKey;

    /** SHA-256 of the request: the same key with another request is refused. */
    @Column(nullable = false)
    public String fingerprint;

    @Column(nullable = false)
    public int status;

    /** The order view answered, as JSON written by the application's ObjectMapper (stored as jsonb). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static long deleteCreatedBefore(Instant cutoff) {
        return delete("createdAt < ?1", cutoff);
    }

    public static class Key implements Serializable {
        public String locationId;
        public String caller;
        public String idempotencyKey;

        public Key() {}

        Key(String locationId, String caller, String idempotencyKey) {
            this.locationId = locationId;
            this.caller = caller;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k
                    && locationId.equals(k.locationId)
                    && caller.equals(k.caller)
                    && idempotencyKey.equals(k.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(locationId, caller, idempotencyKey);
        }
    }
}
