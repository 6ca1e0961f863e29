package dev.accelerometer.planner.store;

import dev.accelerometer.common.store.SavedResult;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A saved serving search: request, the facts it used and the answer; listed by model and accelerator. */
@Entity
@Table(name = "serving_plan")
public class ServingPlanRow extends SavedResult {
    @Column(nullable = false)
    public String model;
    @Column(nullable = false)
    public String accelerator;
    /** Devices of the cheapest plan; null when none meets the objectives. */
    public Integer devices;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String facts;
}
