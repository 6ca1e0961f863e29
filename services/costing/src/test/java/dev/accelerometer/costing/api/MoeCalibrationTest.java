package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.costing.service.MoeRuns;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.TrainingFramework;
import dev.accelerometer.model.workload.TrainingStep;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-derives the MoE token path's traffic (TrainingStep.MOE_DISPATCH_BYTES_PER_ELEMENT) from the published Megatron-Core
 * runs it is calibrated on (catalog ledger V17, NVIDIA Megatron-Bridge performance summary, NeMo 26.02, read 2026-11-29),
 * through the same plan model the validation report runs: each run's step time is linear in the constant, so each
 * gives the value that closes its gap; the constant is their geometric mean. The held-out runs (moe-02, moe-15, moe-16,
 * moe-21) are in GET /v1/validation, category moe-training.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class MoeCalibrationTest {
    @Inject
    CatalogCache catalog;

    @Inject
    Calibrations calibrations;

    /** A calibration run: the ledger entry's layout and its tokens/s/GPU. */
    record Run(String id, String acceleratorId, String model, int devices, Plan plan, long batch, long sequence, Format format,
            double measured) {
    }

    static final List<Run> CALIBRATION = List.of(
            // moe-18: Qwen3-30B-A3B, 16 × H100, fp8, TP1 PP2 VP12 EP8, MBS 1, GBS 1024, 4096 tokens: 5113 tokens/s/GPU.
            new Run("moe-18", "nvidia-h100-sxm", "qwen3-30b-a3b", 16, new Plan(8, 1, 2, 12, 1, Recompute.SELECTIVE, false, 1, 8), 1024, 4096,
                    Format.FP8, 5113),
            // moe-20: GPT-OSS-120B, 64 × H100, bf16, TP1 PP4 EP8, MBS 1, GBS 1280: 5993 tokens/s/GPU.
            new Run("moe-20", "nvidia-h100-sxm", "gpt-oss-120b", 64, new Plan(16, 1, 4, 1, 1, Recompute.SELECTIVE, false, 1, 8), 1280, 4096,
                    Format.BF16, 5993),
            // moe-17: Qwen3-235B-A22B, 256 × B200, mxfp8, TP1 PP8 EP8, MBS 1, GBS 8192: 3805 tokens/s/GPU.
            new Run("moe-17", "nvidia-b200", "qwen3-235b-a22b", 256, new Plan(32, 1, 8, 1, 1, Recompute.SELECTIVE, false, 1, 8), 8192, 4096,
                    Format.FP8, 3805),
            // moe-13: DeepSeek-V3, 256 × B200, mxfp8, TP1 PP16 EP8, MBS 1, GBS 4096: 2689 tokens/s/GPU.
            new Run("moe-13", "nvidia-b200", "deepseek-v3", 256, new Plan(16, 1, 16, 1, 1, Recompute.SELECTIVE, false, 1, 8), 4096, 4096,
                    Format.FP8, 2689));

    double secondsPerToken(Run run, double bytesPerElement) {
        Device device = catalog.device(run.acceleratorId(), "acceleratorId");
        Calibration table = calibrations.table().forArchitecture(device.architecture());
        return 1 / MoeRuns.tokensPerSecondPerDevice(device, TrainingFramework.MEGATRON_CORE.apply(table, table), catalog, run.model(),
                run.devices(), run.plan(), run.batch(), run.sequence(), run.format(), bytesPerElement);
    }

    @Test
    void theTokenPathTrafficIsTheGeometricMeanOfWhatClosesEachRun() {
        double[] each = new double[CALIBRATION.size()];
        for (int i = 0; i < each.length; i++) {
            Run run = CALIBRATION.get(i);
            double without = secondsPerToken(run, 0);
            double slope = (secondsPerToken(run, 100) - without) / 100;
            each[i] = (1 / run.measured() - without) / slope;
            assertTrue(each[i] > 0, run.id() + ": the model without the token path is faster than measured");
        }
        double derived = Calibrator.geometricMean(java.util.Arrays.stream(each));
        System.out.printf("MoE token path bytes per element: %s -> %.1f%n", java.util.Arrays.toString(each), derived);
        assertEquals(TrainingStep.MOE_DISPATCH_BYTES_PER_ELEMENT, derived, 0.05 * derived);
    }
}
