package dev.accelerometer.common.costing;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Architecture;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One architecture's efficiency constants as the costing service serves them ({@code GET /v1/calibrations}, operationId
 * listCalibrations) and as planner and quantization read them: the server and its clients share this record, so the
 * contract is one type. {@code architecture} is the catalog's name of the generation, or "default" for the
 * cross-architecture row.
 */
@Schema(name = "Calibration", description = "Achievable-efficiency constants of one architecture, each with the measurement it comes from.")
public record CalibrationConstants(
        @Schema(description = "The catalog's architecture name (\"Ampere\", \"CDNA 3\"), or \"default\" for architectures without a measurement.",
                example = "Ampere") String architecture,
        @Schema(description = "Fraction of the datasheet peak the best large GEMM reaches (0 to 1).") double gemmCeiling, String gemmSource,
        @Schema(description = "Fraction of the datasheet peak a fused (flash) attention kernel reaches (0 to 1).") double fusedAttentionCeiling,
        String fusedAttentionSource,
        @Schema(description = "Fraction of the datasheet memory bandwidth a streaming kernel reaches (0 to 1).") double bandwidthFraction,
        String bandwidthSource,
        @Schema(description = "Fixed start-up cost of one kernel (launch and pipeline fill), seconds.") double kernelLatencySeconds,
        String latencySource,
        @Schema(description = "Fraction of an end-to-end training step's time its kernels account for (0 to 1); the rest is framework, "
                + "synchronisation and data-loading time around them.") double trainingStepEfficiency,
        String trainingStepSource,
        @Schema(description = "False when the constants are the cross-architecture defaults (wider error band).") boolean calibrated) {

    public static final String DEFAULT = "default";

    public static CalibrationConstants of(Calibration c) {
        return new CalibrationConstants(c.architectureName(), c.gemmCeiling(), c.gemmSource(), c.fusedAttentionCeiling(),
                c.fusedAttentionSource(), c.bandwidthFraction(), c.bandwidthSource(), c.kernelLatencySeconds(), c.latencySource(),
                c.trainingStepEfficiency(), c.trainingStepSource(), c.calibrated());
    }

    /** The model's calibration; the default row has no architecture. */
    public Calibration toModel() {
        Architecture a = DEFAULT.equals(architecture) ? null : Architecture.of(architecture);
        return new Calibration(a, architecture, gemmCeiling, gemmSource, fusedAttentionCeiling, fusedAttentionSource, bandwidthFraction,
                bandwidthSource, kernelLatencySeconds, latencySource, trainingStepEfficiency, trainingStepSource, calibrated);
    }
}
