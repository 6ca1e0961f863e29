package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.costing.service.TpuRuns;
import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.hardware.Architecture;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Re-derives the TPU rows of costing migrations V6 and V8 from the published TPU runs (catalog ledger, V13), through the model:
 * the GEMM ceiling from the one large square matmul timed on a TPU (tpu-25), then each generation's training-step
 * efficiency as the geometric mean of measured ÷ predicted-with-kernels-only over its calibration runs (capped at 1),
 * and for generations without a run the geometric mean of the generations that have them.
 */
class TpuCalibrationTest {
    /** Ledger tpu-25: 8192³ bf16 matmul on one TPU v6e, 827.47 TFLOP/s (device time, Cloud TPU recipes microbenchmark). */
    static final double TPU_25 = 827.47e12;
    /** The ledger values of the calibration runs (catalog V13), by id. */
    static final Map<String, Double> MEASURED = Map.of("tpu-01", 0.567, "tpu-02", 0.56, "tpu-03", 0.611, "tpu-05", 0.7147, "tpu-06", 0.6868,
            "tpu-07", 0.648, "tpu-09", 0.5033, "tpu-10", 0.4546, "tpu-11", 384.891, "tpu-12", 1207.05);
    static final Map<String, Device> DEVICES = Map.of("google-tpu-v4", Fixtures.TPU_V4, "google-tpu-v5e", Fixtures.TPU_V5E,
            "google-tpu-v5p", Fixtures.TPU_V5P, "google-tpu-v6e", Fixtures.TPU_V6E, "google-tpu-v7", Fixtures.TPU_V7);

    /** What costing migrations V6__tpu_calibration.sql and V8__tpu_calibration_rederived.sql store, as V12 and V13 re-derived them. */
    static final double GEMM_CEILING = 0.9857;
    static final Map<Architecture, Double> EFFICIENCY = Map.of(Architecture.TPU_V4, 0.8552, Architecture.TPU_V5E, 0.9613,
            Architecture.TPU_V5P, 0.8327, Architecture.TPU_V6E, 0.6051, Architecture.TPU_V7, 0.5904);
    static final double CROSS_GENERATION = 0.7545;

    static Calibration kernelsOnly(double gemmCeiling) {
        Calibration d = Fixtures.DEFAULT;
        return new Calibration(null, "tpu", gemmCeiling, "tpu-25", d.fusedAttentionCeiling(), d.fusedAttentionSource(), d.bandwidthFraction(),
                d.bandwidthSource(), d.kernelLatencySeconds(), d.latencySource(), 1.0, "kernels only", true);
    }

    @Test
    void migrationValuesAreDerivedFromThePublishedRuns() {
        double ceiling = Calibrator.gemmCeiling(Fixtures.TPU_V6E, Fixtures.DEFAULT, 8192, 8192, 8192, Format.BF16, TPU_25);
        Calibration base = kernelsOnly(ceiling);
        Map<Architecture, List<double[]>> pairs = new EnumMap<>(Architecture.class);
        for (TpuRuns.Run run : TpuRuns.RUNS) {
            if (!run.calibration()) {
                continue;
            }
            Device device = DEVICES.get(run.acceleratorId());
            double predicted = run.predict(device, base);
            pairs.computeIfAbsent(device.architecture(), a -> new ArrayList<>()).add(new double[] {MEASURED.get(run.id()), predicted});
        }
        Map<Architecture, Double> efficiency = new EnumMap<>(Architecture.class);
        pairs.forEach((a, p) -> efficiency.put(a, Math.min(1.0, Calibrator.trainingStepEfficiency(p))));
        double cross = Calibrator.geometricMean(efficiency.values().stream().mapToDouble(Double::doubleValue));
        assertEquals(GEMM_CEILING, ceiling, 0.0005);
        efficiency.forEach((a, e) -> assertEquals(EFFICIENCY.get(a), e, 0.0005, a.catalogName));
        assertEquals(CROSS_GENERATION, cross, 0.0005);
    }
}
