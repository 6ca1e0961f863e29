package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.costing.service.Calibrating;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.costing.service.SparseRuns;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.kernel.SparseGemm;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Re-derives each block-sparse kernel's ratio at each block size (SparseGemm.BlockRatios.BY_KERNEL) from the catalog's ledger through the
 * same model the answers use: each derivation run (SparseRuns.BLOCK_DERIVATION) implies the ratio under which the model
 * reproduces its speed-up over dense at its density (a break-even run: a speed-up of 1); a kernel and block size's ratio is
 * the geometric mean of its runs'. MegaBlocks' ratio is its paper's own measure — throughput relative to cuBLAS on the same
 * useful FLOPs (bsk-01) — taken as stated. The held-out Blocked-ELL runs are cases of GET /v1/validation's sparse_gemm category.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class BlockSparseDerivationTest {
    @Inject
    CatalogCache catalog;

    @Inject
    Calibrations calibrations;

    @Test
    void eachBlockKernelsRatioIsWhatItsPublishedRunsImply() {
        Calibrating calibrating = Calibrating.table(calibrations.table());
        var runs = SparseRuns.blockDerivationRuns(catalog.measurements());
        assertEquals(SparseRuns.BLOCK_DERIVATION, runs.keySet(), "every derivation run is in the ledger and expressible");
        // cuSPARSE Blocked-ELL's setup and ratio together: the setup under which its two derivation runs imply the same ratio
        // (bisection: more setup leaves less time for the dense-ish run's blocks than for the sparse one's).
        var r26 = runs.get("sparsek-26");
        var r28 = runs.get("sparsek-28");
        Device a100 = catalog.device(r26.acceleratorId(), "acceleratorId");
        java.util.function.DoubleBinaryOperator ellRatio = (setup, which) -> {
            var r = which == 0 ? r26 : r28;
            return SparseGemm.impliedBlockRatio(a100, calibrating.of(a100), r.m(), r.n(), r.k(), r.format(), r.spec().density(), r.spec().blockSize(),
                    setup, r.measured());
        };
        double lo = 0, hi = 40e-6;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (ellRatio.applyAsDouble(mid, 0) > ellRatio.applyAsDouble(mid, 1)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double setup = (lo + hi) / 2;
        System.out.printf("cuSPARSE Blocked-ELL: setup %.2f µs beyond a launch, ratio %.4f (sparsek-26) / %.4f (sparsek-28)%n", setup * 1e6,
                ellRatio.applyAsDouble(setup, 0), ellRatio.applyAsDouble(setup, 1));
        assertEquals(SparseGemm.BlockRatios.SETUP_SECONDS.get(SparseGemm.Kernel.CUSPARSE_BLOCKED_ELL), setup, 0.1e-6, "the setup is the ledger's");
        Map<String, List<Double>> implied = new TreeMap<>();
        runs.forEach((id, r) -> {
            Device device = catalog.device(r.acceleratorId(), "acceleratorId");
            double ratio = SparseGemm.impliedBlockRatio(device, calibrating.of(device), r.m(), r.n(), r.k(), r.format(), r.spec().density(),
                    r.spec().blockSize(), r.spec().kernel(), r.measured());
            System.out.printf("%s %s %d×%d at density %.4g on %s: speed-up %.4f implies ratio %.4f%n", id, r.spec().kernel().slug,
                    r.spec().blockSize(), r.spec().blockSize(), r.spec().density(), r.acceleratorId(), r.measured(), ratio);
            implied.computeIfAbsent(r.spec().kernel().slug + "/" + r.spec().blockSize(), key -> new java.util.ArrayList<>()).add(ratio);
        });
        implied.forEach((key, ratios) -> {
            String[] parts = key.split("/");
            SparseGemm.Kernel kernel = SparseGemm.Kernel.fromSlug(parts[0]).orElseThrow();
            double derived = Calibrator.geometricMean(ratios.stream().mapToDouble(Double::doubleValue));
            System.out.printf("%s: ratio %.4f from %d run(s)%n", key, derived, ratios.size());
            assertEquals(SparseGemm.BlockRatios.BY_KERNEL.get(kernel).get(Integer.parseInt(parts[1])), derived, 0.005 * derived,
                    "SparseGemm.BlockRatios.BY_KERNEL " + key + " is the ledger's");
        });
        CatalogMeasurement megablocks = catalog.measurements().stream().filter(m -> "bsk-01".equals(m.id())).findFirst().orElseThrow();
        assertEquals(SparseGemm.BlockRatios.BY_KERNEL.get(SparseGemm.Kernel.MEGABLOCKS).get(128), megablocks.value(), 1e-9,
                "MegaBlocks' 128×128 ratio is its paper's average relative throughput");
        assertTrue(SparseGemm.BlockRatios.BY_KERNEL.get(SparseGemm.Kernel.TRITON_BSR).get(16) < SparseGemm.BlockRatios.BY_KERNEL.get(SparseGemm.Kernel.TRITON_BSR).get(64),
                "smaller blocks reach less of the dense rate");
    }
}
