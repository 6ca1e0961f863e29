package dev.accelerometer.costing.model;

/**
 * Achievable-efficiency constants of one architecture, each with the measurement it comes from.
 * {@code gemmCeiling}: fraction of peak the best large GEMM reaches (max-achievable matmul FLOPS, ledger gemm-*).
 * {@code fusedAttentionCeiling}: fraction of peak a fused (flash) attention kernel reaches (ledger attn-*).
 * {@code bandwidthFraction}: fraction of datasheet bandwidth a streaming kernel reaches.
 * {@code kernelLatencySeconds}: fixed start-up cost of one kernel (launch and pipeline fill).
 * {@code calibrated}: false when the constants are the cross-architecture defaults (wider error band).
 */
public record Calibration(String architecture, double gemmCeiling, String gemmSource, double fusedAttentionCeiling,
        String fusedAttentionSource, double bandwidthFraction, String bandwidthSource, double kernelLatencySeconds,
        String latencySource, boolean calibrated) {
}
