package dev.accelerometer.costing.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Achievable-efficiency constants of one architecture, each with the measurement it comes from.
 * {@code gemmCeiling}: fraction of peak the best large GEMM reaches (max-achievable matmul FLOPS, ledger gemm-*).
 * {@code fusedAttentionCeiling}: fraction of peak a fused (flash) attention kernel reaches (ledger attn-*).
 * {@code bandwidthFraction}: fraction of datasheet bandwidth a streaming kernel reaches.
 * {@code kernelLatencySeconds}: fixed start-up cost of one kernel (launch and pipeline fill).
 * {@code trainingStepEfficiency}: share of a whole training step's time its kernels account for (end-to-end runs
 * against the sum of their kernels; the rest is framework, synchronisation and data-loading time around them).
 * {@code calibrated}: false when the constants are the cross-architecture defaults (wider error band).
 */
public record Calibration(String architecture,
        @Schema(description = GEMM_CEILING) double gemmCeiling, String gemmSource,
        @Schema(description = FUSED_ATTENTION_CEILING) double fusedAttentionCeiling, String fusedAttentionSource,
        @Schema(description = BANDWIDTH_FRACTION) double bandwidthFraction, String bandwidthSource,
        @Schema(description = KERNEL_LATENCY) double kernelLatencySeconds, String latencySource,
        @Schema(description = TRAINING_STEP_EFFICIENCY) double trainingStepEfficiency, String trainingStepSource, boolean calibrated) {

    public static final String GEMM_CEILING = "Fraction of the datasheet peak the best large GEMM reaches (0 to 1).";
    public static final String FUSED_ATTENTION_CEILING = "Fraction of the datasheet peak a fused (flash) attention kernel reaches (0 to 1).";
    public static final String BANDWIDTH_FRACTION = "Fraction of the datasheet memory bandwidth a streaming kernel reaches (0 to 1).";
    public static final String KERNEL_LATENCY = "Fixed start-up cost of one kernel (launch and pipeline fill), seconds.";
    public static final String TRAINING_STEP_EFFICIENCY = "Fraction of an end-to-end training step's time its kernels account for "
            + "(0 to 1); the rest is framework, synchronisation and data-loading time around them.";

    /** The same constants with a different training-step efficiency (1: kernels only, as when deriving it). */
    public Calibration withTrainingStepEfficiency(double efficiency, String source) {
        return new Calibration(architecture, gemmCeiling, gemmSource, fusedAttentionCeiling, fusedAttentionSource, bandwidthFraction,
                bandwidthSource, kernelLatencySeconds, latencySource, efficiency, source, calibrated);
    }
}
