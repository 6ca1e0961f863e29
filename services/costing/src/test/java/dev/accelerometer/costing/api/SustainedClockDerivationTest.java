package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.catalog.CatalogAccelerator;
import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.costing.service.Calibrating;
import dev.accelerometer.costing.service.ValidationCases;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Re-derives the Tesla T4's sustained clock (catalog sustainedClockHertz, V68) from its half-precision DeepBench GEMMs in the ledger
 * (dbg-20 … dbg-26): each implies the clock at which the GEMM model, at the T4's datasheet peaks scaled to that clock, reproduces its
 * TFLOP/s; the catalog value is their geometric mean. The T4 is a 70 W board: under continuous GEMMs it holds well below its
 * 1590 MHz boost, where a 250 W Turing board does not.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class SustainedClockDerivationTest {
    @Inject
    CatalogCache catalog;

    @Inject
    Calibrations calibrations;

    @Test
    void theT4sSustainedClockIsTheGeometricMeanOfWhatItsGemmsImply() {
        CatalogAccelerator t4 = catalog.accelerator("nvidia-t4", "acceleratorId");
        Device rated = CatalogMapping.ratedDevice(t4);
        Calibrating calibrating = Calibrating.table(calibrations.table());
        Map<String, Double> implied = new TreeMap<>();
        for (CatalogMeasurement m : catalog.measurements()) {
            if (ValidationCases.T4_CLOCK_CALIBRATION.contains(m.id())) {
                implied.put(m.id(), ValidationCases.impliedGemmClock(m, rated, calibrating.of(rated)).orElseThrow());
            }
        }
        System.out.println("T4 clocks implied by its DeepBench fp16 GEMMs (MHz): " + implied.entrySet().stream()
                .map(e -> e.getKey() + "=" + Math.round(e.getValue() / 1e6)).toList());
        assertEquals(ValidationCases.T4_CLOCK_CALIBRATION.size(), implied.size(), "every calibration GEMM is in the ledger");
        double clock = Calibrator.geometricMean(implied.values().stream().mapToDouble(Double::doubleValue));
        System.out.printf("T4 sustained clock: %.0f MHz of its %.0f MHz boost%n", clock / 1e6, rated.boostClockHertz() / 1e6);
        assertTrue(clock < rated.boostClockHertz(), "below the boost clock");
        assertEquals(t4.sustainedClockHertz() == null ? 0 : t4.sustainedClockHertz(), clock, 2e6, "the catalog's sustainedClockHertz is the ledger's");
        assertEquals(t4.sustainedClockHertz() / t4.boostClockHertz(), t4.sustainedClockShare(), 1e-12);
    }
}
