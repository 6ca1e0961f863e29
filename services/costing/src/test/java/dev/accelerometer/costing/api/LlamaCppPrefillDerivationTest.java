package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.costing.service.Calibrating;
import dev.accelerometer.costing.service.LlamaCppPrefillRuns;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.workload.Runtime;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Re-derives llama.cpp's prompt-processing rates per SM-clock (Runtime.Constants.LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK and its
 * pre-Ampere twin) from the catalog's ledger (V62, the CUDA scoreboard's pp512 rows): each calibration run's linear-layer FLOPs
 * over the part of its measured time the model's attention, norms and output head leave them, per SM and boost clock; the
 * constant of a family is the geometric mean of its runs. The scoreboard's other twelve rows are held out (GET /v1/validation,
 * category llama-cpp-prefill).
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class LlamaCppPrefillDerivationTest {
    @Inject
    CatalogCache catalog;

    @Inject
    Calibrations calibrations;

    @Test
    void theMmqRatesAreTheGeometricMeansOfWhatTheCalibrationRunsImply() {
        Map<String, Double> implied = LlamaCppPrefillRuns.implied(catalog, Calibrating.table(calibrations.table()));
        System.out.println("llama.cpp pp512 FLOP per SM-clock implied: " + implied);
        assertEquals(LlamaCppPrefillRuns.CALIBRATION.size(), implied.size(), "every calibration run is in the ledger: " + implied.keySet());
        double newer = Calibrator.geometricMean(implied.entrySet().stream().filter(e -> e.getKey().matches(".* (Ampere|Ada Lovelace|Hopper|Blackwell)"))
                .mapToDouble(Map.Entry::getValue));
        double older = Calibrator.geometricMean(implied.entrySet().stream().filter(e -> e.getKey().matches(".* (Pascal|Volta|Turing)"))
                .mapToDouble(Map.Entry::getValue));
        System.out.printf("llama.cpp MMQ: %.1f FLOP per SM-clock on Ampere and newer, %.1f before%n", newer, older);
        assertEquals(Runtime.Constants.LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK, newer, 0.5);
        assertEquals(Runtime.Constants.LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK_PRE_AMPERE, older, 0.5);
    }
}
