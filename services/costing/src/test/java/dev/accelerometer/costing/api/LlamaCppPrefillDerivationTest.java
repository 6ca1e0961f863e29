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
 * pre-Ampere twin; the Metal rates per GPU core-clock by weight format) from the catalog's ledger (V62, the CUDA scoreboard's
 * pp512 rows; V63, discussion #4167's Metal pp512 cells): each calibration run's linear-layer FLOPs
 * over the part of its measured time the model's attention, norms and output head leave them, per SM and boost clock; the
 * constant of a family is the geometric mean of its runs. The other rows are held out (GET /v1/validation, category
 * llama-cpp-prefill).
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
        double consumer = Calibrator.geometricMean(implied.entrySet().stream()
                .filter(e -> e.getKey().matches("pre-.* (Ampere|Ada Lovelace|Hopper|Blackwell) consumer")).mapToDouble(Map.Entry::getValue));
        double professional = Calibrator.geometricMean(implied.entrySet().stream()
                .filter(e -> e.getKey().matches("pre-.* (Ampere|Ada Lovelace|Hopper|Blackwell) professional")).mapToDouble(Map.Entry::getValue));
        double older = Calibrator.geometricMean(implied.entrySet().stream().filter(e -> e.getKey().matches("pre-.* (Pascal|Volta|Turing) .*"))
                .mapToDouble(Map.Entry::getValue));
        System.out.printf("llama.cpp MMQ: %.1f FLOP per SM-clock on Ampere and newer consumer boards, %.1f on professional ones, %.1f "
                + "before Ampere%n", consumer, professional, older);
        assertEquals(Runtime.Constants.LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK, consumer, 0.5);
        assertEquals(Runtime.Constants.LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK_PROFESSIONAL, professional, 0.5);
        assertEquals(Runtime.Constants.LLAMA_CPP_PREFILL_FLOPS_PER_SM_CLOCK_PRE_AMPERE, older, 0.5);
        // Metal, per weight format: the M1 Max 32-core and M2 Ultra 76-core rows.
        Map<String, Double> metal = perFormat(implied, " Metal ");
        System.out.printf("llama.cpp Metal FLOP per GPU core-clock: %s%n", metal);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_PREFILL_Q4_0, metal.get("Q4_0"), 0.5);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_PREFILL_Q8_0, metal.get("Q8_0"), 0.5);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_PREFILL_F16, metal.get("fp16"), 0.5);
        // Apple GPU family 9 (M3, M4), per weight format: the M3 Max 40-core and M4 Max 40-core rows.
        Map<String, Double> apple9 = perFormat(implied, " Metal Apple9 ");
        System.out.printf("llama.cpp Metal FLOP per GPU core-clock on Apple GPU family 9: %s%n", apple9);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_APPLE9_PREFILL_Q4_0, apple9.get("Q4_0"), 0.5);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_APPLE9_PREFILL_Q8_0, apple9.get("Q8_0"), 0.5);
        assertEquals(Runtime.Constants.LLAMA_CPP_METAL_APPLE9_PREFILL_F16, apple9.get("fp16"), 0.5);
    }

    /** The geometric mean of the implied rates of the runs labelled {@code family} and a weight format, by format. */
    private static Map<String, Double> perFormat(Map<String, Double> implied, String family) {
        Map<String, Double> rates = new java.util.TreeMap<>();
        for (String format : java.util.List.of("Q4_0", "Q8_0", "fp16")) {
            rates.put(format, Calibrator.geometricMean(implied.entrySet().stream().filter(e -> e.getKey().endsWith(family + format))
                    .mapToDouble(Map.Entry::getValue)));
        }
        return rates;
    }
}
