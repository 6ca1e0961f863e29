package dev.accelerometer.model.calibration;

import dev.accelerometer.model.hardware.Architecture;

/**
 * Achievable-efficiency constants of one architecture, each with the measurement it comes from (the costing service
 * keeps the table, seeded by migration; every other service reads the same values from it).
 * {@code gemmCeiling}: fraction of peak the best large GEMM reaches (max-achievable matmul FLOPS, ledger gemm-*).
 * {@code fusedAttentionCeiling}: fraction of peak a fused (flash) attention kernel reaches (ledger attn-*).
 * {@code bandwidthFraction}: fraction of datasheet bandwidth a streaming kernel reaches.
 * {@code kernelLatencySeconds}: fixed start-up cost of one kernel (launch and pipeline fill).
 * {@code trainingStepEfficiency}: share of a whole training step's time its kernels account for (end-to-end runs
 * against the sum of their kernels; the rest is framework, synchronisation and data-loading time around them).
 * {@code calibrated}: false when the constants are the cross-architecture defaults (wider error band).
 * {@code attentionScale}: multiplier on the named attention kernels' own ceilings ({@code AttentionKernels}), 1 in the
 * table; a calibration profile fitted to a user's attention measurements moves it with the fused-attention ceiling.
 * {@code intraNodeCollectiveScale}, {@code interNodeCollectiveScale}: multipliers on the bandwidth collectives reach inside a
 * node and between nodes ({@code CollectiveEfficiency}), 1 in the table; a profile fitted to the user's nccl-tests runs
 * moves them.
 * {@code architecture} is null for the default row.
 */
public record Calibration(Architecture architecture, String architectureName,
        double gemmCeiling, String gemmSource,
        double fusedAttentionCeiling, String fusedAttentionSource,
        double bandwidthFraction, String bandwidthSource,
        double kernelLatencySeconds, String latencySource,
        double trainingStepEfficiency, String trainingStepSource, boolean calibrated, double attentionScale,
        double intraNodeCollectiveScale, double interNodeCollectiveScale) {

    /** A table row: the named kernels' ceilings and the collectives' bandwidth as published (every scale 1). */
    public Calibration(Architecture architecture, String architectureName, double gemmCeiling, String gemmSource,
            double fusedAttentionCeiling, String fusedAttentionSource, double bandwidthFraction, String bandwidthSource,
            double kernelLatencySeconds, String latencySource, double trainingStepEfficiency, String trainingStepSource,
            boolean calibrated) {
        this(architecture, architectureName, gemmCeiling, gemmSource, fusedAttentionCeiling, fusedAttentionSource, bandwidthFraction,
                bandwidthSource, kernelLatencySeconds, latencySource, trainingStepEfficiency, trainingStepSource, calibrated, 1.0, 1.0, 1.0);
    }

    /** The same constants with a different training-step efficiency (1: kernels only, as when deriving it). */
    public Calibration withTrainingStepEfficiency(double efficiency, String source) {
        return new Calibration(architecture, architectureName, gemmCeiling, gemmSource, fusedAttentionCeiling, fusedAttentionSource,
                bandwidthFraction, bandwidthSource, kernelLatencySeconds, latencySource, efficiency, source, calibrated, attentionScale,
                intraNodeCollectiveScale, interNodeCollectiveScale);
    }

    /** The same constants with a calibration profile's scales: the named attention kernels' ceilings and the collectives' bandwidth. */
    public Calibration withScales(double attention, double intraNodeCollective, double interNodeCollective) {
        return new Calibration(architecture, architectureName, gemmCeiling, gemmSource, fusedAttentionCeiling, fusedAttentionSource,
                bandwidthFraction, bandwidthSource, kernelLatencySeconds, latencySource, trainingStepEfficiency, trainingStepSource, calibrated,
                attention, intraNodeCollective, interNodeCollective);
    }

    /** The same constants with a GEMM ceiling of 1 and no fixed latency (what the calibrator divides a measurement by). */
    Calibration unitGemm() {
        return new Calibration(architecture, architectureName, 1.0, "", fusedAttentionCeiling, "", bandwidthFraction, "", 0.0, "", 1.0, "",
                false, attentionScale, intraNodeCollectiveScale, interNodeCollectiveScale);
    }
}
