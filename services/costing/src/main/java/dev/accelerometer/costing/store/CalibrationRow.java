package dev.accelerometer.costing.store;

import dev.accelerometer.common.costing.CalibrationConstants;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Architecture;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One architecture's efficiency constants with their sources (seeded by V1, editable by migration only). */
@Entity
@Table(name = "calibration")
public class CalibrationRow extends PanacheEntityBase {
    @Id
    public String architecture;
    @Column(name = "gemm_ceiling")
    public double gemmCeiling;
    @Column(name = "gemm_source")
    public String gemmSource;
    @Column(name = "fused_attention_ceiling")
    public double fusedAttentionCeiling;
    @Column(name = "fused_attention_source")
    public String fusedAttentionSource;
    @Column(name = "bandwidth_fraction")
    public double bandwidthFraction;
    @Column(name = "bandwidth_source")
    public String bandwidthSource;
    @Column(name = "kernel_latency_seconds")
    public double kernelLatencySeconds;
    @Column(name = "latency_source")
    public String latencySource;
    @Column(name = "training_step_efficiency")
    public double trainingStepEfficiency;
    @Column(name = "training_step_source")
    public String trainingStepSource;
    public boolean calibrated;

    public Calibration toModel() {
        Architecture generation = CalibrationConstants.DEFAULT.equals(architecture) ? null : Architecture.of(architecture);
        return new Calibration(generation, architecture, gemmCeiling, gemmSource, fusedAttentionCeiling, fusedAttentionSource,
                bandwidthFraction, bandwidthSource, kernelLatencySeconds, latencySource, trainingStepEfficiency, trainingStepSource,
                calibrated);
    }
}
