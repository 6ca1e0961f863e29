package dev.accelerometer.common.store;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A result a user saved (a comparison, a plan search, an estimate): the request, the answer as computed then, and when.
 * Deletes are soft, so nothing saved is lost by accident; results saved without an API key expire ({@link Retention}). Each service maps it to a table of its own schema with the
 * summary columns its list filters on.
 */
@MappedSuperclass
public abstract class SavedResult {
    @Id
    public UUID id;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
    /** Name of the API key that saved it; null when saved without one. */
    public String owner;
    /** When a result saved without a key is purged; null when it has an owner. */
    @Column(name = "expires_at")
    public Instant expiresAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String request;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String result;
}
