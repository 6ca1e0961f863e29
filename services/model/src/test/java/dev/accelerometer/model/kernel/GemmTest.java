package dev.accelerometer.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.Bisection;
import dev.accelerometer.model.calibration.CalibrationParameter;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import org.junit.jupiter.api.Test;

/** The GEMM model against published numbers (ids refer to shared/calibration/published-measurements.json). */
class GemmTest {

    private static double tflops(Device d, Calibration c, long m, long n, long k, Format f) {
        OpCost cost = Gemm.estimate(d, c, m, n, k, 1, f).cost();
        return cost.flops() / cost.timeSeconds() / 1e12;
    }

    /** A format's share, derived: the geometric mean of measured TFLOP/s ÷ the model without the share, runs given as {m, n, k, measured}. */
    private static double derivedShare(Device d, Calibration c, Format f, double[][] runs) {
        Calibration withoutShare = Gemm.withoutFormatShare(d, c, f, ", without the " + f.slug() + " share");
        return Calibrator.geometricMean(java.util.Arrays.stream(runs)
                .mapToDouble(r -> r[3] / tflops(d, withoutShare, (long) r[0], (long) r[1], (long) r[2], f)));
    }

    private static void within(double expected, double actual, double fraction, String what) {
        assertTrue(Math.abs(actual - expected) <= fraction * expected,
                String.format("%s: predicted %.2f, published %.2f (%.1f%% off, allowed %.0f%%)", what, actual, expected,
                        100 * (actual - expected) / expected, 100 * fraction));
    }

    @Test
    void reproducesMaxAchievableMatmulWithin10Percent() {
        within(267.9, tflops(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 6912, 16384, 2048, Format.BF16), 0.10, "gemm-01 A100 SXM");
        within(256.4, tflops(Fixtures.A100_PCIE_80GB, Fixtures.AMPERE, 2304, 5120, 1536, Format.BF16), 0.10, "gemm-02 A100 PCIe (hold-out)");
        within(792.1, tflops(Fixtures.H100_SXM, Fixtures.HOPPER, 6144, 17920, 2816, Format.BF16), 0.10, "gemm-03 H100 SXM");
        within(781.9, tflops(Fixtures.MI300X, Fixtures.CDNA3, 4096, 10240, 4864, Format.BF16), 0.10, "gemm-05 MI300X");
    }

    @Test
    void derivesCdna3sFp8Share() {
        // Azure AI-benchmarking-guide, ND MI300X v5, hipblaslt-bench fp8 (ledger amd-22, -24, -26, read 2026-12-02).
        Device mi300x = Fixtures.MI300X;
        assertEquals(Gemm.CDNA3_FP8_SHARE, derivedShare(mi300x, Fixtures.CDNA3, Format.FP8,
                new double[][] {{4096, 4096, 4096, 955.17}, {16384, 16384, 16384, 1015.1}, {6144, 12288, 12288, 1159.54}}), 5e-4);
        // Held out, the same sweep: 8192³ (1,159.23) and 32768³ (1,029.14) within 15 %; bf16 pays no share.
        within(1159.23, tflops(mi300x, Fixtures.CDNA3, 8192, 8192, 8192, Format.FP8), 0.15, "amd-23 8192³");
        within(1029.14, tflops(mi300x, Fixtures.CDNA3, 32768, 32768, 32768, Format.FP8), 0.15, "amd-25 32768³");
        assertEquals(1.0, Gemm.formatShare(mi300x, Format.BF16));
    }

    /**
     * Blackwell's FP4 share, derived: cuBLASLt NVFP4 through torch._scaled_mm on a B200 (pytorch/ao PR #2427, read 2026-12-03; ledger
     * fp4-06 … -08), the geometric mean of measured ÷ the model without the share; other libraries held out.
     */
    @Test
    void derivesBlackwellsFp4Share() {
        Device b200 = Fixtures.B200;
        assertEquals(Gemm.BLACKWELL_FP4_SHARE, derivedShare(b200, Fixtures.BLACKWELL, Format.FP4,
                new double[][] {{4096, 4096, 4096, 4460}, {6144, 6144, 6144, 5500}, {8192, 8192, 8192, 5370}}), 5e-4);
        // Held out: DeepGEMM's MXFP4 kernel at 8192³ (PR #348, 5,702; fp4-11) and at 4096×4096×7168 (5,332; fp4-13) within 10 %;
        // cuDNN's NVFP4 on a GB200 at 1024×9216×7168 (PR #2540, 5,223; fp4-16) within 15 %; FlashInfer's CUTLASS NVFP4 at
        // 1024×7168×4608 (PR #1979, 3,370; fp4-01) is 17 % slower than the model (its cuDNN and TensorRT-LLM backends slower still:
        // the model prices the best library's kernel, not every backend's).
        within(5702, tflops(b200, Fixtures.BLACKWELL, 8192, 8192, 8192, Format.FP4), 0.10, "fp4-11 DeepGEMM MXFP4 8192³");
        within(5332, tflops(b200, Fixtures.BLACKWELL, 4096, 4096, 7168, Format.FP4), 0.10, "fp4-13 DeepGEMM MXFP4 4096×4096×7168");
        within(3370, tflops(b200, Fixtures.BLACKWELL, 1024, 7168, 4608, Format.FP4), 0.20, "fp4-01 FlashInfer CUTLASS");
        within(5223, tflops(Fixtures.GB200, Fixtures.BLACKWELL, 1024, 9216, 7168, Format.FP4), 0.15, "fp4-16 FlashInfer cuDNN, GB200");
        assertEquals(1.0, Gemm.formatShare(b200, Format.FP8));
    }

    /**
     * Blackwell's FP4 stream share, derived: CUTLASS's grouped block-scaled GEMM on a B200 at m = 16 × 32 groups, 3 TB/s for both
     * shapes (NVIDIA/cutlass issue #2266, ledger fp4s-88, -89) — bandwidth as the model counts the GEMM's bytes (operands with their
     * scales, bf16 output) over its time — and FlashInfer's CUTLASS NVFP4 GEMV at 8192² in 18.85 µs (issue #1732, 1.78 TB/s of weights,
     * ledger fp4-34), all read 2026-12-03: the geometric mean of the shares that reproduce each.
     */
    @Test
    void derivesBlackwellsFp4StreamShare() {
        double[] shares = {
                streamShare(16, 2048, 7168, 32, r -> r.minimumBytes() / r.cost().timeSeconds() >= 3.0e12),
                streamShare(16, 7168, 2048, 32, r -> r.minimumBytes() / r.cost().timeSeconds() >= 3.0e12),
                streamShare(1, 8192, 8192, 1, r -> r.cost().timeSeconds() <= 18.85e-6)};
        double derived = Math.exp(java.util.Arrays.stream(shares).map(Math::log).average().orElseThrow());
        System.out.printf("FP4 stream shares %s, geometric mean %.4f%n", java.util.Arrays.toString(shares), derived);
        assertEquals(Gemm.BLACKWELL_FP4_STREAM_SHARE, derived, 5e-3);
        assertEquals(1.0, Gemm.streamShare(Fixtures.B200, Format.FP8));
        assertEquals(1.0, Gemm.streamShare(Fixtures.H100_SXM, Format.FP4));
    }

    /**
     * Blackwell's FP4 per-tile stream rate, derived: FlashInfer mm_fp4's CUTLASS backend on a GB200, "GB200 Non-Autotune" table of
     * flashinfer-ai/flashinfer PR #2540 (read 2026-12-03; ledger fp4s-24, -28, -32, -36: M = 1, 9.312, 9.600, 10.448 and 8.416 µs) —
     * for each, the bytes per SM-clock at which the model reproduces its time (found by scaling the GB200's clock, which scales the
     * tiles' rate and the compute, not the chip's bandwidth or the fixed latency); their geometric mean.
     */
    @Test
    void derivesBlackwellsFp4TileStreamRate() {
        double[][] runs = {{512, 7168, 9.312e-6}, {1024, 7168, 9.600e-6}, {1280, 8192, 10.448e-6}, {1792, 5120, 8.416e-6}};
        Device gb200 = Fixtures.GB200;
        double[] implied = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            double[] run = runs[i];
            OpCost cost = Gemm.estimate(gb200, Fixtures.BLACKWELL, 1, (long) run[0], (long) run[1], 1, Format.FP4).cost();
            assertTrue(cost.notes().stream().anyMatch(n -> n.contains("bytes per SM-clock each")), "tile-bound: " + cost.notes());
            implied[i] = Gemm.BLACKWELL_FP4_TILE_BYTES_PER_SM_CLOCK * Bisection.geometric(0.05, 20, 60, x -> Gemm.estimate(
                    gb200.atClock(gb200.boostClockHertz() * x), Fixtures.BLACKWELL, 1, (long) run[0], (long) run[1], 1, Format.FP4)
                    .cost().timeSeconds() <= run[2]);
        }
        double derived = Calibrator.geometricMean(java.util.Arrays.stream(implied));
        System.out.printf("FP4 bytes per SM-clock %s, geometric mean %.2f%n", java.util.Arrays.toString(implied), derived);
        assertEquals(Gemm.BLACKWELL_FP4_TILE_BYTES_PER_SM_CLOCK, derived, 0.05);
        // Held out: N = 2,560 × K = 8,192 on 20 tiles, 11.44 µs (fp4-22) within 15 %; the same backend autotuned (fp4s-40, -44, -48,
        // -52: 9.09, 9.52, 10.40, 8.35 µs) within 10 %.
        within(11.44e-6, Gemm.estimate(Fixtures.GB200, Fixtures.BLACKWELL, 1, 2560, 8192, 1, Format.FP4).cost().timeSeconds(), 0.15,
                "fp4-22 N 2560 K 8192");
        double[][] autotuned = {{512, 7168, 9.09e-6}, {1024, 7168, 9.52e-6}, {1280, 8192, 10.40e-6}, {1792, 5120, 8.35e-6}};
        for (double[] run : autotuned) {
            within(run[2], Gemm.estimate(Fixtures.GB200, Fixtures.BLACKWELL, 1, (long) run[0], (long) run[1], 1, Format.FP4).cost()
                    .timeSeconds(), 0.10, "autotuned CUTLASS N " + (long) run[0]);
        }
        // Enough tiles and the chip's stream share binds instead: FlashInfer's NVFP4 GEMV at 8192² on a B200 (fp4-34) is untouched.
        assertEquals(Double.POSITIVE_INFINITY, Gemm.tileStreamBytesPerSecond(Fixtures.H100_SXM, Format.FP8));
    }

    /**
     * The stream share at which the model's fp4 GEMM m×n×k × batch on a B200, its other constants as they are, first meets
     * {@code reproduced}: the share scales the bandwidth, so it is found by scaling the calibration's bandwidth fraction.
     */
    private static double streamShare(long m, long n, long k, long batch, java.util.function.Predicate<Gemm.Result> reproduced) {
        Calibration c = Fixtures.BLACKWELL;
        double scale = Bisection.geometric(0.05, 20, 60, x -> reproduced.test(Gemm.estimate(Fixtures.B200,
                CalibrationParameter.BANDWIDTH_FRACTION.with(c, c.bandwidthFraction() * x, "scaled"),
                m, n, k, batch, Format.FP4)));
        return Gemm.BLACKWELL_FP4_STREAM_SHARE * scale;
    }

    /**
     * Volta's fp32-accumulate share, derived: torch.mm in fp16 (cuBLAS, fp32 accumulation) on a V100 SXM2 16GB, one user's
     * run in zzc0721/torch-performance-test-data issue #140, read 2026-12-01 (ledger ptg-01…04): 2048³ 78.23, 4096³ 95.73,
     * 8192³ 97.36, 10240³ 89.37 TFLOP/s — the median of measured ÷ the model without the share (the default ceiling, which
     * reproduces fp16-accumulating cuBLAS: DeepBench's V100 sheet at commit da81ba78, ledger dbg-01…13, checked below).
     */
    @Test
    void derivesVoltasFp32AccumulateShare() {
        Device v100 = Fixtures.V100_SXM2_32GB;
        Calibration fp16Accumulate = Gemm.fp16Accumulating(v100, Fixtures.DEFAULT);
        double[][] torchMm = {{2048, 78.23}, {4096, 95.73}, {8192, 97.36}, {10240, 89.37}};
        double[] ratios = new double[torchMm.length];
        for (int i = 0; i < torchMm.length; i++) {
            long n = (long) torchMm[i][0];
            ratios[i] = torchMm[i][1] / tflops(v100, fp16Accumulate, n, n, n, Format.FP16);
        }
        java.util.Arrays.sort(ratios);
        double median = (ratios[1] + ratios[2]) / 2;
        assertEquals(Gemm.VOLTA_FP32_ACCUMULATE_SHARE, median, 5e-4, "median torch.mm ÷ model without the share");
        // DeepBench (cublasGemmEx, compute type CUDA_R_16F): the default ceiling without the share, within 12 %.
        within(112.28, tflops(v100, fp16Accumulate, 4096, 7000, 4096, Format.FP16), 0.12, "dbg-04 4096×7000×4096");
        within(106.2, tflops(v100, fp16Accumulate, 6144, 24000, 2048, Format.FP16), 0.12, "dbg-10 6144×24000×2048");
        within(93.79, tflops(v100, fp16Accumulate, 3072, 24000, 1024, Format.FP16), 0.12, "dbg-11 3072×24000×1024");
        // fp32 on the CUDA cores pays no share (dbg-15: 14.78 TFLOP/s at 4096×7000×4096).
        within(14.78, tflops(v100, Fixtures.DEFAULT, 4096, 7000, 4096, Format.FP32), 0.10, "dbg-15 fp32");
    }

    @Test
    void reproducesTheSmallGemmRegimeWithin25Percent() {
        // gemm-09..11: cuBLAS FP32 (SIMT) on A100 80GB PCIe, square M = N = K.
        within(2.048, tflops(Fixtures.A100_PCIE_80GB, Fixtures.AMPERE, 256, 256, 256, Format.FP32), 0.25, "gemm-09 256³");
        within(16.008795, tflops(Fixtures.A100_PCIE_80GB, Fixtures.AMPERE, 1024, 1024, 1024, Format.FP32), 0.25, "gemm-10 1024³");
        within(17.604634, tflops(Fixtures.A100_PCIE_80GB, Fixtures.AMPERE, 2048, 2048, 2048, Format.FP32), 0.25, "gemm-11 2048³");
    }

    @Test
    void storedCeilingsAreWhatTheCalibratorDerives() {
        assertEquals(0.9299, Calibrator.gemmCeiling(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 6912, 16384, 2048, Format.BF16, 267.9e12), 0.0005);
        assertEquals(0.9130, Calibrator.gemmCeiling(Fixtures.H100_SXM, Fixtures.HOPPER, 6144, 17920, 2816, Format.BF16, 792.1e12), 0.0005);
        assertEquals(Fixtures.CDNA3.gemmCeiling(), Calibrator.gemmCeiling(Fixtures.MI300X, Fixtures.CDNA3, 4096, 10240, 4864, Format.BF16, 781.9e12), 0.0005);
        // Blackwell: the MAMF table's B200 (1,745 TFLOP/s at 1792×16128×3072) and GB200 (1,822 at 4096×9728×2048) bf16 rows,
        // ledger bwk-01, bwk-03 (stas00/ml-engineering @744d01e, read 2026-11-30): geometric mean of the two ceilings.
        assertEquals(Fixtures.BLACKWELL.gemmCeiling(), Calibrator.geometricMean(java.util.stream.DoubleStream.of(
                Calibrator.gemmCeiling(Fixtures.B200, Fixtures.BLACKWELL, 1792, 16128, 3072, Format.BF16, 1745e12),
                Calibrator.gemmCeiling(Fixtures.GB200, Fixtures.BLACKWELL, 4096, 9728, 2048, Format.BF16, 1822e12))), 0.0005);
        // Gaudi 2 (costing V14): NAVER-INTEL-Co-Lab/gaudi-perf's bf16 torch.matmul rows at four shapes, ledger gdi-55, -57, -59, -61
        // (Intel Gaudi software 1.17, read 2026-12-02): geometric mean of the four ceilings.
        assertEquals(Fixtures.GAUDI2.gemmCeiling(), Calibrator.geometricMean(java.util.stream.DoubleStream.of(
                Calibrator.gemmCeiling(Fixtures.GAUDI_2, Fixtures.GAUDI2, 16384, 1280, 8192, Format.BF16, 395.4e12),
                Calibrator.gemmCeiling(Fixtures.GAUDI_2, Fixtures.GAUDI2, 16384, 7168, 8192, Format.BF16, 425.2e12),
                Calibrator.gemmCeiling(Fixtures.GAUDI_2, Fixtures.GAUDI2, 4096, 4096, 4096, Format.BF16, 408.2e12),
                Calibrator.gemmCeiling(Fixtures.GAUDI_2, Fixtures.GAUDI2, 16384, 16384, 16384, Format.BF16, 379.8e12))), 0.0005);
    }

    @Test
    void cdna4AndCdna2CeilingsComeFromTheirMaximumAchievableMatmuls() {
        // stas00/ml-engineering's MAMF table (read 2026-12-02): MI355X bf16 1,565 TFLOP/s at 12288×8192×8192 (amd-46), one MI250X GCD
        // 147.0 at 1024×14080×19968 (amd-48) — each the best shape of a search, as CDNA 3's gemm-05; MI325X's (amd-47, 784.9 at
        // 13312×10240×8192) is held out against CDNA 3's ceiling.
        assertEquals(Fixtures.CDNA4.gemmCeiling(), Calibrator.gemmCeiling(Fixtures.MI355X, Fixtures.CDNA4, 12288, 8192, 8192, Format.BF16, 1565e12),
                0.0005);
        assertEquals(Fixtures.CDNA2.gemmCeiling(), Calibrator.gemmCeiling(Fixtures.MI250X_GCD, Fixtures.CDNA2, 1024, 14080, 19968, Format.BF16,
                147.0e12), 0.0005);
    }

    @Test
    void gaudi3CeilingComesFromItsMaximumAchievableMatmuls() {
        // stas00/ml-engineering's MAMF table @744d01e (read 2026-12-02; torch 2.6.0 with Intel Gaudi software 1.21.4): one Gaudi 3's
        // best bf16 shape, 1,243.0 TFLOP/s at 16384x4096x768 (gdi-90), and best fp8 shape, 1,289.5 at 16640x1536x3072 (gdi-91) —
        // 68 and 70 % of the 1,835 TFLOP/s Intel rates both at (the table's author saw the matrix engines' clock drop under load):
        // the geometric mean of the two ceilings, costing V18. The Gaudi 3 serving rows (gdi-13 … -28, -82 … -89) are held out.
        double ceiling = Calibrator.geometricMean(java.util.stream.DoubleStream.of(
                Calibrator.gemmCeiling(Fixtures.GAUDI_3, Fixtures.GAUDI3, 16384, 4096, 768, Format.BF16, 1243.0e12),
                Calibrator.gemmCeiling(Fixtures.GAUDI_3, Fixtures.GAUDI3, 16640, 1536, 3072, Format.FP8, 1289.5e12)));
        assertEquals(Fixtures.GAUDI3.gemmCeiling(), ceiling, 0.0005);
    }

    @Test
    void gaudisMatrixEnginesArePricedWithoutGpuTiling() {
        // The held-out bf16 rows of the same table (gdi-56, -58, -60, -62: 417.9, 422.9, 423.9, 363.8 TFLOP/s) within 15 %.
        within(417.9, tflops(Fixtures.GAUDI_2, Fixtures.GAUDI2, 16384, 8192, 1024, Format.BF16), 0.15, "gdi-56");
        within(422.9, tflops(Fixtures.GAUDI_2, Fixtures.GAUDI2, 16384, 8192, 3584, Format.BF16), 0.15, "gdi-58");
        within(423.9, tflops(Fixtures.GAUDI_2, Fixtures.GAUDI2, 8192, 8192, 8192, Format.BF16), 0.15, "gdi-60");
        within(363.8, tflops(Fixtures.GAUDI_2, Fixtures.GAUDI2, 32768, 32768, 32768, Format.BF16), 0.15, "gdi-62");
        assertTrue(Gemm.estimate(Fixtures.GAUDI_2, Fixtures.GAUDI2, 4096, 4096, 4096, 1, Format.BF16).tiling() == null);
    }

    @Test
    void oneTileMoreThanTheSmsCostsAWave() {
        // A100 has 108 SMs (Ampere whitepaper). A 12×9 grid of 256×128 tiles (108) fills one wave; a 13×9 grid (117) needs
        // two, so 8 % more work takes twice the time with that tile (DOMAIN.md §1: 109 tiles on 108 SMs take two waves).
        var one = Gemm.withTile(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 256L * 12, 128L * 9, 8192, 1, Format.BF16, 256, 128);
        var two = Gemm.withTile(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 256L * 13, 128L * 9, 8192, 1, Format.BF16, 256, 128);
        assertEquals(1, one.tiling().waves());
        assertEquals(2, two.tiling().waves());
        assertEquals(Bound.COMPUTE, two.cost().bound());
        assertEquals(2.0, two.cost().timeSeconds() / one.cost().timeSeconds(), 0.05);
    }

    @Test
    void theChosenTileDampsButKeepsTheSawtooth() {
        // With smaller tiles available (as cuBLAS has), the 117-tile problem takes more time per FLOP than the 108-tile one.
        var one = Gemm.estimate(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 256L * 12, 128L * 9, 8192, 1, Format.BF16);
        var more = Gemm.estimate(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 256L * 13, 128L * 9, 8192, 1, Format.BF16);
        double timeRatio = more.cost().timeSeconds() / one.cost().timeSeconds();
        assertTrue(timeRatio > 13.0 / 12 * 1.03, "time ratio " + timeRatio + " should exceed the work ratio 13/12");
        assertTrue(more.tiling().waveEfficiency() < 1.0);
    }

    @Test
    void paddingWastesTheTileRemainder() {
        var exact = Gemm.estimate(Fixtures.H100_SXM, Fixtures.HOPPER, 4096, 4096, 4096, 1, Format.BF16);
        var ragged = Gemm.estimate(Fixtures.H100_SXM, Fixtures.HOPPER, 4097, 4096, 4096, 1, Format.BF16);
        assertTrue(ragged.tiling().tileEfficiency() < exact.tiling().tileEfficiency());
        assertTrue(ragged.cost().timeSeconds() >= exact.cost().timeSeconds());
    }

    @Test
    void systolicCyclesMatchScaleSim() {
        // SCALE-Sim (Samajdar et al.): 512×768×768 on one 128×128 weight-stationary array: 32,183 cycles vs 18,432 ideal
        // (DOMAIN.md §1). The model's fold formula gives 36 folds × (2·128 + 128 + 512 − 2) = 32,184.
        assertEquals(32_183, Gemm.systolicCycles(512, 768, 768, 128, 128), 1.0);
        double utilisation = 18_432 / Gemm.systolicCycles(512, 768, 768, 128, 128);
        assertEquals(0.57, utilisation, 0.005);
    }

    @Test
    void tinyProblemsHitTheLatencyFloor() {
        OpCost cost = Gemm.estimate(Fixtures.H100_SXM, Fixtures.HOPPER, 8, 8, 8, 1, Format.BF16).cost();
        assertEquals(Bound.LATENCY, cost.bound());
        assertEquals(Fixtures.HOPPER.kernelLatencySeconds(), cost.fixedSeconds(), 1e-12);
    }

    @Test
    void aTpuTileLoadsFewerBytesThanAGpuTile() {
        // Dettmers, "TPUs vs GPUs for Transformers (BERT)" (2018): a TPU MXU works on 128×128 tiles, a V100 on about 96×96,
        // so for the same matmul the TPU loads fewer bytes from memory. BERT-large FFN: 4096 tokens × 1024 → 4096.
        double tpu = Gemm.tileLoadBytes(4096, 4096, 1024, 128, 128, Format.BF16);
        double gpu = Gemm.tileLoadBytes(4096, 4096, 1024, 96, 96, Format.BF16);
        assertTrue(tpu < gpu);
        // Loads scale with 1/tile: (1/128 + 1/128) against (1/96 + 1/96) of M·N·K elements, about 3/4.
        assertEquals(96.0 / 128, (tpu - 2.0 * 4096 * 4096) / (gpu - 2.0 * 4096 * 4096), 0.03);
    }

    @Test
    void unsupportedFormatsAreRefusedNotApproximated() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(Device.UnsupportedFormatException.class,
                () -> Gemm.estimate(Fixtures.V100_SXM2_32GB, Fixtures.DEFAULT, 64, 64, 64, 1, Format.BF16));
        assertTrue(error.getMessage().contains("no bf16 mode"));
    }

    /**
     * A convolution's weight gradient — ResNet-50's stem at batch 112: a 147 × 64 output (3 × 7 × 7 inputs by 64 filters) reduced
     * over 112 × 112 × 112 output pixels — is two tiles for 80 SMs. Split along K it keeps the SMs busy: within tile and wave
     * quantization of its FLOPs at the ceiling, where two tiles would run it 40 times slower. A GEMV-like output (M ≤ 32) is not split.
     */
    @Test
    void aLongReductionIntoASmallOutputIsSplitAlongK() {
        Device v100 = Fixtures.V100_SXM2_32GB;
        long pixels = 112L * 112 * 112;
        Gemm.Result wgrad = Gemm.estimate(v100, Fixtures.DEFAULT, 147, 64, pixels, 1, Format.FP32);
        double atCeiling = 2.0 * 147 * 64 * pixels / (v100.peak(Format.FP32) * Fixtures.DEFAULT.gemmCeiling());
        // Tile quantization (147 × 64 in two 128 × 64 tiles: 1.74×) and wave quantization (64 slices on 80 SMs: 1.25×) remain;
        // unsplit, the two tiles would run the whole reduction on two SMs: 40× the FLOPs at the ceiling.
        assertTrue(wgrad.cost().timeSeconds() < 2.5 * atCeiling, wgrad.cost().timeSeconds() + " s against " + atCeiling + " s of FLOPs at the ceiling");
        assertTrue(wgrad.tiling().tiles() >= 0.75 * v100.computeUnits(), "split into about one tile per SM: " + wgrad.tiling());
        assertTrue(wgrad.cost().notes().stream().anyMatch(n -> n.startsWith("split-K")), wgrad.cost().notes().toString());
        // A GEMV-like shape keeps one slice per tile.
        Gemm.Result gemv = Gemm.estimate(v100, Fixtures.DEFAULT, 1, 4096, 4096, 1, Format.FP16);
        assertTrue(gemv.cost().notes().stream().noneMatch(n -> n.startsWith("split-K")), gemv.cost().notes().toString());
    }
}

