package dev.accelerometer.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.hardware.Format;
import org.junit.jupiter.api.Test;

class SparseGemmTest {
    static final SparseGemm.Spec TWO_FOUR = new SparseGemm.Spec(SparseGemm.Pattern.STRUCTURED_2_4, 0.5, null, SparseGemm.Kernel.CUSPARSELT);

    @Test
    void aLargeComputeBoundGemmGainsTheLedgersRatioOfTheDatasheetsTwoTimes() {
        SparseGemm.Result r = SparseGemm.estimate(Fixtures.H100_SXM, 2.0, Fixtures.HOPPER, 16384, 16384, 16384, 1, Format.BF16, TWO_FOUR);
        // Main loop at 2 × 0.725 of the dense rate; the epilogue and the launch do not shrink, so a little under 1.45.
        assertTrue(r.speedupOverDense() > 1.40 && r.speedupOverDense() < 2 * SparseGemm.STRUCTURED_RATIO, "speed-up " + r.speedupOverDense());
        assertEquals(Bound.COMPUTE, r.sparse().bound());
        assertEquals(r.dense().cost().flops(), r.sparse().flops(), 0, "FLOPs counted as the dense GEMM's (dense-equivalent)");
    }

    @Test
    void theImpliedRatioReproducesTheMeasurementItCameFrom() {
        double ratio = SparseGemm.impliedStructuredRatio(Fixtures.A100_SXM_80GB, 2.0, Fixtures.AMPERE, 3072, 3072, 10240, Format.FP16, 1.382, true);
        SparseGemm.Result r = SparseGemm.estimate(Fixtures.A100_SXM_80GB, 2.0, Fixtures.AMPERE, 3072, 3072, 10240, 1, Format.FP16, TWO_FOUR, ratio);
        assertEquals(1.382, r.speedupOverDense(), 1e-6);
    }

    @Test
    void aSkinnyGemmIsBoundByTheCompressedWeightsAndPadsItsRows() {
        SparseGemm.Result r = SparseGemm.estimate(Fixtures.A100_SXM_80GB, 2.0, Fixtures.AMPERE, 8, 8192, 8192, 1, Format.FP16, TWO_FOUR);
        assertEquals(Bound.MEMORY, r.sparse().bound());
        assertEquals(1.125, r.weightBytesPerElement(), 1e-12);
        assertTrue(r.speedupOverDense() > 1.2 && r.speedupOverDense() < 2 / 1.125, "speed-up " + r.speedupOverDense());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("pad to a full tile")));
    }

    @Test
    void devicesWithoutSparseTensorCoresAndContradictorySpecificationsAreRefusedByField() {
        SparseGemm.UnsupportedException volta = assertThrows(SparseGemm.UnsupportedException.class, () -> SparseGemm.estimate(
                Fixtures.V100_SXM2_32GB, null, Fixtures.DEFAULT, 4096, 4096, 4096, 1, Format.FP16, TWO_FOUR));
        assertEquals("sparsity.pattern", volta.field);
        assertTrue(volta.deviceCannot);
        SparseGemm.UnsupportedException density = assertThrows(SparseGemm.UnsupportedException.class, () -> SparseGemm.estimate(
                Fixtures.H100_SXM, 2.0, Fixtures.HOPPER, 4096, 4096, 4096, 1, Format.FP16,
                new SparseGemm.Spec(SparseGemm.Pattern.STRUCTURED_2_4, 0.25, null, SparseGemm.Kernel.CUSPARSELT)));
        assertEquals("sparsity.density", density.field);
        SparseGemm.UnsupportedException amdOnNvidia = assertThrows(SparseGemm.UnsupportedException.class, () -> SparseGemm.estimate(
                Fixtures.H100_SXM, 2.0, Fixtures.HOPPER, 4096, 4096, 4096, 1, Format.FP16,
                new SparseGemm.Spec(SparseGemm.Pattern.STRUCTURED_2_4, 0.5, null, SparseGemm.Kernel.HIPSPARSELT)));
        assertEquals("sparsity.kernel", amdOnNvidia.field);
        assertThrows(SparseGemm.UnsupportedException.class, () -> SparseGemm.estimate(Fixtures.A100_SXM_80GB, 2.0, Fixtures.AMPERE, 4096, 4096,
                4096, 1, Format.FP32, TWO_FOUR));
    }
}
