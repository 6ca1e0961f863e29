package dev.accelerometer.costing.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A saved comparison: request and result as JSON, immutable once written. */
@Entity
@Table(name = "comparison")
public class ComparisonRow extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String request;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String result;
}
