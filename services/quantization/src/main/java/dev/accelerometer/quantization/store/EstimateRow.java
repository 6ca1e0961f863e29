package dev.accelerometer.quantization.store;

import dev.accelerometer.common.store.SavedResult;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A saved estimate, listed by model and weight format. */
@Entity
@Table(name = "estimate")
public class EstimateRow extends SavedResult {
    @Column(nullable = false)
    public String model;
    @Column(name = "weight_format", nullable = false)
    public String weightFormat;
}
