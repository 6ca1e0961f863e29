package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.costing.service.Calibrating;
import dev.accelerometer.costing.service.MoeRuns;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.workload.TrainingStep;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Re-derives the MoE layer's host time per micro-batch (TrainingStep.MOE_HOST_SECONDS_PER_BLOCK) from the ledger as the validation
 * report does: the newest NeMo container's rows of NVIDIA's Megatron-Bridge and NeMo performance summaries (catalog V17 and V47,
 * read 2026-11-29 and 2026-11-30) each give the host time that closes their gap through the planner's step model; the constant is
 * their median. GET /v1/validation predicts each of them with the median of the others.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class MoeCalibrationTest {
    @Inject
    CatalogCache catalog;

    @Inject
    Calibrations calibrations;

    @Test
    void theHostTimeIsTheMedianOfWhatClosesEachNewestContainerRun() {
        Map<String, Double> implied = MoeRuns.impliedHostSeconds(catalog, Calibrating.table(calibrations.table()), catalog.measurements(),
                MoeRuns.superseded(catalog.measurements()));
        assertTrue(implied.size() >= 20, "the newest container's rows of every system, model and precision: " + implied.keySet());
        double derived = MoeRuns.median(implied, null);
        System.out.printf("MoE layer host seconds per micro-batch: %s -> %.4g%n", implied, derived);
        assertEquals(TrainingStep.MOE_HOST_SECONDS_PER_BLOCK, derived, 0.02 * derived);
    }
}
