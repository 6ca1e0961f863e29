package dev.accelerometer.costing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Re-derives Gaudi 2's training-step efficiency (costing V16) from Intel's one Gaudi 2 training row whose layout is the plainest
 * (ledger gdi-35: Llama 2 7B fp8 on one HLS-Gaudi2, data parallel over 8, HabanaAI's Megatron-DeepSpeed, Intel Gaudi software 1.17,
 * catalog V69, read 2026-12-02): measured ÷ the model at an efficiency of 1, through the same case the validation report runs.
 * The 13B and 70B rows and the 1.16 snapshot are held out.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class GaudiTrainingEfficiencyTest {
    static final double GAUDI_2 = dev.accelerometer.model.Fixtures.GAUDI_TRAINING_STEP_EFFICIENCY;

    @Inject
    CatalogCache catalog;

    @Inject
    Calibrations calibrations;

    @Test
    void gaudi2sEfficiencyIsItsOwnRunOverKernelsOnly() {
        CatalogMeasurement run = catalog.measurements().stream().filter(m -> m.id().equals("gdi-35")).findFirst().orElseThrow();
        ValidationCases.Spec spec = MegatronRuns.fromInputs(run).orElseThrow(() -> new AssertionError("gdi-35 is not expressible"));
        Device gaudi2 = catalog.device("intel-gaudi2", "acceleratorId");
        Calibration table = calibrations.table().forArchitecture(gaudi2.architecture());
        double kernelsOnly = spec.predictor().predict(gaudi2, table.withTrainingStepEfficiency(1.0, "kernels only"), catalog);
        double derived = run.value() / kernelsOnly;
        System.out.printf("gdi-35: measured %.0f tokens/s, kernels alone %.0f: efficiency %.4f%n", run.value(), kernelsOnly, derived);
        assertTrue(derived < 1, "the step spends time outside its kernels");
        assertEquals(GAUDI_2, derived, 0.0005, "V16 stores the Gaudi 2 value");
        assertEquals(GAUDI_2, table.trainingStepEfficiency(), 0.00005, "the table serves it");
    }
}
