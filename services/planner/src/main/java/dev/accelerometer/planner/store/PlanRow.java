package dev.accelerometer.planner.store;

import dev.accelerometer.common.store.SavedResult;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A saved search: request, the catalog and calibration facts it used, and the answer; listed by model and accelerator. */
@Entity
@Table(name = "plan")
public class PlanRow extends SavedResult {
    @Column(nullable = false)
    public String model;
    @Column(nullable = false)
    public String accelerator;
    @Column(nullable = false)
    public int devices;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String facts;
}
