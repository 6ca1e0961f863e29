package dev.accelerometer.costing.store;

import dev.accelerometer.common.store.SavedResult;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A saved comparison: request and result as JSON, with what the list shows (the workload, the fastest accelerator). */
@Entity
@Table(name = "comparison")
public class ComparisonRow extends SavedResult {
    @Column(nullable = false)
    public String workload;
    @Column(name = "fastest_accelerator")
    public String fastestAccelerator;
    @Column(nullable = false)
    public int accelerators;
}
