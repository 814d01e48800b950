package io.ticketrail.access;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A manager account (bcrypt). */
@Entity
@Table(name = "manager")
public class Manager extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    /** Null: every location (the owner); otherwise the locations this manager runs. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] locations;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static Optional<Manager> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }
}
