package dev.accelerometer.catalog.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An append-only record of a change: what the document became, who changed it and when. */
@Entity
@Table(name = "revision")
public class Revision extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(nullable = false)
    public String collection;

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public String operation;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String doc;

    @Column(nullable = false)
    public String actor;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** Position in the change feed, given by the database after the writer took the write lock: commit order. */
    @Column(name = "feed_sequence", insertable = false, updatable = false)
    public Long feedSequence;
}
