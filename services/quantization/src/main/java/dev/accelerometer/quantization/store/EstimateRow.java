package dev.accelerometer.quantization.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A saved estimate; deletes are soft so nothing a user saved is lost by accident. */
@Entity
@Table(name = "estimate")
public class EstimateRow extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
    @Column(nullable = false)
    public String model;
    @Column(name = "weight_format", nullable = false)
    public String weightFormat;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String request;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String result;
}
