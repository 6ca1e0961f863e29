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
        // Main loop at 2 × 0.7538 of the dense rate; the epilogue and the launch do not shrink, so a little under 1.45.
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

    static SparseGemm.Spec unstructured(double density) {
        return new SparseGemm.Spec(SparseGemm.Pattern.UNSTRUCTURED, density, null, SparseGemm.Kernel.SPUTNIK);
    }

    @Test
    void unstructuredTimeRisesWithDensityAndBreaksEvenWhereTheSpeedUpCrossesOne() {
        SparseGemm.Result tenth = SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.FP16, unstructured(0.1));
        SparseGemm.Result half = SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.FP16, unstructured(0.5));
        assertTrue(half.sparse().timeSeconds() > tenth.sparse().timeSeconds());
        // Sub-linear: the rate per SM per clock falls as rows get shorter (density^0.381), so 5× the density costs 5^0.619 × the time.
        double ratio = half.sparse().timeSeconds() / tenth.sparse().timeSeconds();
        assertTrue(ratio > 2.5 && ratio < 5, "time ratio " + ratio);
        double breakEven = tenth.breakEvenDensity();
        SparseGemm.Result atBreakEven = SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.FP16,
                unstructured(breakEven));
        assertEquals(1.0, atBreakEven.speedupOverDense(), 1e-3);
        assertTrue(half.speedupOverDense() < 1 && breakEven < 0.5);
    }

    @Test
    void fewTokensPadToSputniksStripAndTheRateIsDerivedByLeastSquares() {
        SparseGemm.Result one = SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 1, 8192, 8192, 1, Format.FP16, unstructured(0.1));
        SparseGemm.Result sixteen = SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 16, 8192, 8192, 1, Format.FP16, unstructured(0.1));
        assertEquals(sixteen.sparse().computeSeconds(), one.sparse().computeSeconds(), 1e-15, "1 token pads to the 16-token strip");
        SparseGemm.UnstructuredRate rate = SparseGemm.UnstructuredRate.derive(java.util.List.of(new double[] {0.5, 40}, new double[] {0.02, 10}));
        assertEquals(40, rate.at(0.5), 1e-9);
        assertEquals(10, rate.at(0.02), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> SparseGemm.UnstructuredRate.derive(java.util.List.of(new double[] {0.5, 40})));
    }

    @Test
    void unstructuredOnATpuOrInBf16IsRefusedByField() {
        SparseGemm.UnsupportedException tpu = assertThrows(SparseGemm.UnsupportedException.class, () -> SparseGemm.estimate(Fixtures.TPU_V4, null,
                Fixtures.DEFAULT, 4096, 4096, 4096, 1, Format.BF16, unstructured(0.1)));
        assertEquals("sparsity.pattern", tpu.field);
        SparseGemm.UnsupportedException bf16 = assertThrows(SparseGemm.UnsupportedException.class, () -> SparseGemm.estimate(Fixtures.A100_SXM_80GB,
                null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.BF16, unstructured(0.1)));
        assertEquals("format", bf16.field);
    }

    static SparseGemm.Spec block(double density, int size, SparseGemm.Kernel kernel) {
        return new SparseGemm.Spec(SparseGemm.Pattern.BLOCK, density, size, kernel);
    }

    /**
     * Block sparsity: tiles over the kept blocks at the kernel's measured ratio; larger blocks of the same kernel reach more of
     * the dense rate, so they break even at higher density; the answer's break-even is whole blocks; the index is 4 bytes per
     * kept block.
     */
    @Test
    void blockSparsityRunsTheKeptBlocksAtTheKernelsMeasuredRatio() {
        SparseGemm.Result b32 = SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.FP16,
                block(0.1, 32, SparseGemm.Kernel.TRITON_BSR));
        SparseGemm.Result b64 = SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.FP16,
                block(0.1, 64, SparseGemm.Kernel.TRITON_BSR));
        assertTrue(b64.speedupOverDense() > b32.speedupOverDense(), "64-element blocks beat 32-element ones at the same density");
        assertTrue(b64.breakEvenDensity() > b32.breakEvenDensity(), "and break even at a higher density");
        assertEquals(0, b32.breakEvenDensity() * 128 % 1, 1e-9, "the break-even is a whole number of the 128 blocks along K");
        assertEquals(0.1 * (2 + 4.0 / 1024), b32.weightBytesPerElement(), 1e-12);
        SparseGemm.Result denser = SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.FP16,
                block(0.5, 32, SparseGemm.Kernel.TRITON_BSR));
        assertTrue(denser.sparse().timeSeconds() > b32.sparse().timeSeconds(), "more kept blocks take longer");
        assertTrue(b32.calibrated(), "measured on Ampere");
        SparseGemm.Result hopper = SparseGemm.estimate(Fixtures.H100_SXM, null, Fixtures.HOPPER, 4096, 4096, 4096, 1, Format.BF16,
                block(0.1, 32, SparseGemm.Kernel.TRITON_BSR));
        assertTrue(!hopper.calibrated() && hopper.notes().stream().anyMatch(n -> n.contains("band widened")), "extrapolated off Ampere, said so");
    }

    @Test
    void blockSizesAKernelWasNotMeasuredAtAndNonGpusAreRefusedByField() {
        SparseGemm.UnsupportedException size = assertThrows(SparseGemm.UnsupportedException.class, () -> SparseGemm.estimate(Fixtures.A100_SXM_80GB,
                null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.FP16, block(0.1, 128, SparseGemm.Kernel.TRITON_BSR)));
        assertEquals("sparsity.blockSize", size.field);
        assertTrue(size.getMessage().contains("megablocks [128]"), size.getMessage());
        assertEquals(SparseGemm.Kernel.MEGABLOCKS, SparseGemm.Kernel.defaultFor(SparseGemm.Pattern.BLOCK, Fixtures.A100_SXM_80GB, 128));
        assertEquals(SparseGemm.Kernel.CUSPARSE_BLOCKED_ELL, SparseGemm.Kernel.defaultFor(SparseGemm.Pattern.BLOCK, Fixtures.A100_SXM_80GB, 8));
        SparseGemm.UnsupportedException tpu = assertThrows(SparseGemm.UnsupportedException.class, () -> SparseGemm.estimate(Fixtures.TPU_V4,
                null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.BF16, block(0.1, 32, SparseGemm.Kernel.TRITON_BSR)));
        assertEquals("sparsity.pattern", tpu.field);
    }
}
