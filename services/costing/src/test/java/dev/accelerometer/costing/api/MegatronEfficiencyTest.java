package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.costing.service.MegatronRuns;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.TrainingFramework;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Re-derives Megatron-Core's training-step efficiency on Hopper (TrainingFramework.Constants.HOPPER_MEGATRON_CORE) from the
 * NeMo recipes' bf16 runs it is calibrated on (catalog ledger V14 fp8-01, fp8-03, fp8-05: NVIDIA dgxc-benchmarking v25.02,
 * NeMo 24.12, read 2026-11-29) through the planner's step model, as the calibration table's efficiencies are derived: the
 * geometric mean of measured over the model's prediction with kernels only. The held-out rows (the same recipes in fp8,
 * Llama 3.1 405B on 512 and 576 H100s, the MoE runs) are in GET /v1/validation, categories training and moe-training.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class MegatronEfficiencyTest {
    @Inject
    CatalogCache catalog;

    @Inject
    Calibrations calibrations;

    /** A calibration run: the recipe row's layout and its seconds per step. */
    record Run(String id, String model, int devices, Plan plan, long batch, double measuredSeconds) {
    }

    static final List<Run> CALIBRATION = List.of(
            // fp8-01: Llama 3.1 8B, 8 × H100, TP1 PP1 CP2, MBS 1, GBS 128 × 8192: 12.78 s per step.
            new Run("fp8-01", "llama-3.1-8b", 8, new Plan(4, 1, 1, 1, 1, Recompute.NONE, false, 1, 1, 0, 2), 128, 12.78),
            // fp8-03: Llama 3.1 70B, 64 × H100, TP4 PP4 CP2 VP5, MBS 1, GBS 128 × 8192: 14.61 s per step.
            new Run("fp8-03", "llama-3.1-70b", 64, new Plan(2, 4, 4, 5, 1, Recompute.NONE, true, 1, 1, 0, 2), 128, 14.61),
            // fp8-05: Llama 3.1 70B, 1,024 × H100, TP4 PP4 CP2 VP5, MBS 1, GBS 2048 × 8192: 14.86 s per step.
            new Run("fp8-05", "llama-3.1-70b", 1024, new Plan(32, 4, 4, 5, 1, Recompute.NONE, true, 1, 1, 0, 2), 2048, 14.86));

    @Test
    void hopperMegatronEfficiencyIsTheGeometricMeanOfMeasuredOverKernelsOnly() {
        Device h100 = catalog.device("nvidia-h100-sxm", "acceleratorId");
        Calibration kernelsOnly = calibrations.table().forArchitecture(h100.architecture()).withTrainingStepEfficiency(1.0, "kernels only");
        List<double[]> pairs = CALIBRATION.stream().map(run -> new double[] {1 / run.measuredSeconds(),
                1 / MegatronRuns.secondsPerStep(h100, kernelsOnly, catalog, run.model(), run.devices(), run.plan(), run.batch(), 8192,
                        Format.BF16)}).toList();
        double derived = Calibrator.trainingStepEfficiency(pairs);
        pairs.forEach(p -> System.out.printf("measured / kernels only: %.4f%n", p[0] / p[1]));
        System.out.printf("Megatron-Core on Hopper: %.4f%n", derived);
        assertEquals(TrainingFramework.Constants.HOPPER_MEGATRON_CORE, derived, 0.0005);
        assertEquals(MegatronRuns.CALIBRATION, CALIBRATION.stream().map(Run::id).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void megatronBridgeSummaryRowsAreHeldOutTrainingCases() {
        var report = io.restassured.RestAssured.given().get("/v1/validation").then().statusCode(200).extract();
        // Megatron-Bridge performance summary (ledger V30, read 2026-11-30), H100 rows in fp8, held out: Llama 3 8B on 8
        // (25.11, 14,451 tokens/s per GPU), 70B on 64 (25.11, 1,602; 26.04.01, 1,664), 405B on 1,024 (25.11, 292) — within 8 %
        // with the recipes' tensor-parallel overlap (without it, and with the efficiency derived without it, 405B was 8-16 % slow).
        for (String id : List.of("mbd-56", "mbd-57", "mbd-10", "mbd-58")) {
            String path = "cases.find { it.measurementId == '" + id + "' }";
            assertEquals("training", report.path(path + ".category"), id);
            assertEquals(false, report.path(path + ".usedForCalibration"), id);
            double error = report.path(path + ".errorPercent");
            org.junit.jupiter.api.Assertions.assertTrue(Math.abs(error) <= 8, id + " off by " + error + " %");
        }
        // Blackwell (its own GEMM and attention ceilings, costing V10; Megatron-Core's Hopper efficiency): Llama 3.1 405B on
        // 256 GB200 (26.04.01, fp8: 864; MXFP8: 800 tokens/s per GPU) and on 128 B200 (25.11, fp8: 661) — within 10 %, where the
        // cross-architecture default put them 7-19 % fast.
        for (String id : List.of("mbd-13", "mbd-14", "mbd-54")) {
            double error = report.path("cases.find { it.measurementId == '" + id + "' }.errorPercent");
            org.junit.jupiter.api.Assertions.assertTrue(Math.abs(error) <= 10, id + " off by " + error + " %");
        }
        // Blackwell Ultra (catalog V32), held out from every derivation: Llama 3 8B on 8 GB300 (25.11, fp8, 37,556 tokens/s per GPU)
        // and 70B on 64 (26.04, MXFP8, 4,742) within 15 % (the GB300 rows run 2-27 % faster than predicted: its doubled
        // exponential rate and attention are not modelled apart from Blackwell's).
        for (String id : List.of("mbd-44", "mbd-16")) {
            String path = "cases.find { it.measurementId == '" + id + "' }";
            assertEquals("nvidia-gb300", report.path(path + ".acceleratorId"), id);
            double error = report.path(path + ".errorPercent");
            org.junit.jupiter.api.Assertions.assertTrue(Math.abs(error) <= 15, id + " off by " + error + " %");
        }
    }
}
