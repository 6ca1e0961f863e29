package dev.accelerometer.model.kernel;

import dev.accelerometer.model.calibration.Bisection;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Architecture;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Time of C[M×N] = A[M×K]·B[K×N] when B — the weights — is sparse, next to the same GEMM dense, so that every answer
 * carries its speed-up (below 1 when the sparse kernel loses) and, for a free density, the density at which it breaks
 * even.
 *
 * <p><b>2:4 structured</b> (cuSPARSELt, CUTLASS sparse, hipSPARSELt): the sparse tensor-core instruction (mma.sp) consumes
 * two of every four K elements, so the main loop issues half the MMAs: the {@link Gemm} tiled model with the main loop at
 * the device's structured-sparsity factor times the dense rate, times the fraction of that rate the sparse kernels reach
 * relative to dense ones ({@link #STRUCTURED_RATIO}, derived from published kernel measurements). B is
 * read compressed: half its values plus a 2-bit index per kept value (cuSPARSELt's metadata); the epilogue and the
 * kernel's fixed latency do not shrink, which is why small-K and small shapes gain little or lose. Sparse tensor-core
 * kernels have no GEMV-like skinny tiles: a few rows pad to a full tile.
 *
 * <p><b>Unstructured</b> (Sputnik, Gale et al. SC'20): CSR on the CUDA cores. Each kept weight multiplies a strip of the dense
 * activations loaded through L1 — one load per FMA, no register reuse across rows — so the kernel is bound by its loads,
 * not by FP32 lanes, and its rate scales with SMs × clock (GA102's doubled FP32 lanes per SM did not double its loads). The
 * rate per SM per clock falls with density as rows get shorter ({@link UnstructuredRate}); the activation strip is a tile of
 * 16, 32 or 64 tokens (fp16) by Sputnik's own kernel choice, so a few tokens pad to a full strip. Bytes: the activations
 * once, the kept values with their column indices (16-bit in half precision, 32-bit in single), two 32-bit words per row
 * (offsets and the row-swizzle order), the output. The answer carries the density at which it breaks even with dense.
 *
 * <p><b>Block</b> sparsity (B kept or dropped in b × b blocks; cuSPARSE Blocked-ELL, PyTorch's Triton BSR kernels, MegaBlocks'
 * block-sparse kernels): tensor-core tiles over the kept blocks only — each b-column strip of the output reduces over its
 * density × K/b kept blocks, so the work is the {@link Gemm} tiled model of M × N × K' with K' the kept blocks' depth, its main
 * loop at the fraction of the dense rate the kernel reaches at that block size ({@link BlockRatios#BY_KERNEL}, measured per kernel and
 * block size on published runs and re-derived from the ledger by costing's BlockSparseDerivationTest). A block size a
 * kernel was not measured at is refused, naming the sizes it was: the efficiency falls steeply with smaller blocks (PyTorch
 * 2.1's Triton kernel breaks even at 40, 10 and 1 % density for 64, 32 and 16-element blocks) and no curve between them is
 * published. B is read compressed: the kept values and a 32-bit column index per kept block.
 */
public final class SparseGemm {
    /** Bytes of cuSPARSELt/CUTLASS 2:4 metadata per element of the dense B: a 2-bit index per kept value, half the values kept. */
    public static final double STRUCTURED_INDEX_BYTES_PER_ELEMENT = 2.0 / 8 * 0.5;

    /**
     * Fraction of the structured-sparse tensor rate the 2:4 kernels reach, relative to the fraction dense GEMMs reach (the
     * calibration table's GEMM ceiling). It is the geometric mean, over the kernel-level measurements of medium or high
     * confidence in the catalog's ledger on accelerators the catalog has, of the ratio under which this model reproduces each
     * ({@link #impliedStructuredRatio}; costing's SparseDerivationTest recomputes it from the ledger): 19 runs — A100: sparse-01
     * (1.382× at 3072×3072×10240 fp16, CUTLASS), sparse-13 (1.114× at 4096³, cuSPARSELt), sparse-25 (484 TFLOP/s at 16384³,
     * CUTLASS), sparsek-15 … -18 (torch's cuSPARSELt and CUTLASS linears, 1.09–1.66×); H100: sparse-06/07/08 (fp8 CUTLASS, M =
     * 2048/4096/8192 on 8192² weights: 1.522/1.376/1.097×); RTX 3090: sparsek-01 … -05 (cuSPARSELt on BERT shapes, 1.21–1.98×);
     * and, since the catalog has their cards (V64), RTX 4070 Ti SUPER sparsek-19/20 and RTX 3060 sparsek-21/22 (torch's CUTLASS
     * bf16 at 3072²×10240 and 10240³: 1.93/1.39× and 1.94/1.72×). The implied ratios spread 0.55–1.00: what the validation band
     * reports (0.725 from the first 15). Ledger V21/V22, read 2026-11-29/30.
     */
    public static final double STRUCTURED_RATIO = 0.7538;

    /** Architectures whose 2:4 kernels are measured in the ledger (A100, H100, RTX 3090); on the others the band is widened. */
    static final Set<Architecture> STRUCTURED_MEASURED = EnumSet.of(Architecture.AMPERE, Architecture.HOPPER);

    /** Architectures with 2:4 sparse tensor cores whose kernels are measured in the ledger; others use the mean and say so. */
    static final Set<Architecture> NVIDIA_SPARSE = EnumSet.of(Architecture.AMPERE, Architecture.ADA_LOVELACE, Architecture.HOPPER,
            Architecture.BLACKWELL);
    static final Set<Architecture> AMD_SPARSE = EnumSet.of(Architecture.CDNA_3, Architecture.CDNA_4);
    /**
     * Sputnik targets Volta and later (google-research/sputnik README: CUDA 10.1+, SM 7.0+); measured on Ampere (RTX 3090, A100) and
     * on Volta (a V100, the Sputnik paper's own figure).
     */
    static final Set<Architecture> SPUTNIK_ARCHITECTURES = EnumSet.of(Architecture.VOLTA, Architecture.TURING, Architecture.AMPERE,
            Architecture.ADA_LOVELACE, Architecture.HOPPER, Architecture.BLACKWELL);
    static final Set<Architecture> UNSTRUCTURED_MEASURED = EnumSet.of(Architecture.AMPERE, Architecture.VOLTA);

    /**
     * Sputnik's rate in useful FLOP per SM per clock at density 1, and how it falls with density: rate(d) = r₁ · d^β. Derived by
     * {@link UnstructuredRate#derive} (least squares of log rate on log density) from the 84 Sputnik runs of VENOM's artifact
     * (RTX 3090, fp16, 12 BERT-layer shapes × densities 0.02–0.5: ledger sparsek-06 … -10 and sputnik-01 … -79, read
     * 2026-11-30); costing's SparseDerivationTest re-derives it from the ledger. At density 0.5 it is 48 FLOP/SM/clock, at 0.02 it
     * is 14: about 2 % of the 3090's FP32 FMA lanes × 2.
     */
    public static final UnstructuredRate UNSTRUCTURED_RATE = new UnstructuredRate(62.31, 0.3810);

    /**
     * Sputnik on Volta reaches this share of the rate per SM per clock derived on Ampere: the scale under which the model puts the
     * break-even density of the Sputnik paper's headline problem where the paper states it (Gale et al. SC'20, Fig. 1: an LSTM
     * weight of 8192 × 2048 at batch 128, fp32 on a V100 under CUDA 10.1, "sparse computation exceeds the performance of dense at as
     * low as 71% sparsity": ledger uns-30; costing's SparseDerivationTest re-derives it). Volta's SM has half the FP32 lanes of the
     * 3090's GA102 SM, where the Ampere rate was measured. The same figure's six plot readings (uns-32 … -37, densities 0.05–0.5) are
     * held out. Measured in fp32 only: fp16 on Volta takes the same share (assumed).
     */
    public static final double VOLTA_UNSTRUCTURED_SCALE = 0.6869;

    /** Sputnik's rate on {@code a}, from the Ampere-derived {@code ampere} (Volta's share of it, {@link #VOLTA_UNSTRUCTURED_SCALE}). */
    public static UnstructuredRate unstructuredRate(UnstructuredRate ampere, Architecture a) {
        return a == Architecture.VOLTA ? ampere.scaled(VOLTA_UNSTRUCTURED_SCALE) : ampere;
    }

    /** Sputnik's rate on {@code a}. */
    public static UnstructuredRate unstructuredRate(Architecture a) {
        return unstructuredRate(UNSTRUCTURED_RATE, a);
    }

    /**
     * Fraction of the dense GEMM's main-loop rate each block-sparse kernel reaches over its kept blocks, by block edge: the ratio
     * under which this model reproduces the kernel's published runs on an A100 ({@link #impliedBlockRatio}; costing's
     * BlockSparseDerivationTest re-derives each from the ledger). cuSPARSE Blocked-ELL, 8 × 8 (Magicube's artifact, CUDA 11.4, fp16,
     * 256 × 4096 × 2048 at ELL densities 0.5625 and 0.1094: ledger sparsek-26, -28; -27 and -29 held out); PyTorch 2.1's Triton
     * BSR kernel (bsr_dense_mm, fp16, ≈ 4096³, Quansight's break-even densities 0.01, 0.1 and 0.4 for 16, 32 and 64-element
     * blocks: sparsek-33, -32, -31); MegaBlocks' block-sparse kernels, 128 × 128 (Gale et al. 2022 §6.3: 98.6 % of cuBLAS
     * batched matmul's throughput on the same useful FLOPs, A100, averaged over 18 MoE problems: bsk-01). Ledger V22, V34,
     * read 2026-11-30.
     */
    public static final class BlockRatios {
        private BlockRatios() {
        }

        /** By kernel, by block edge (a holder class: the kernels' enum and these ratios initialise in either order). */
        public static final Map<Kernel, Map<Integer, Double>> BY_KERNEL = Map.of(
                Kernel.CUSPARSE_BLOCKED_ELL, Map.of(8, 0.1851),
                Kernel.TRITON_BSR, Map.of(16, 0.0117, 32, 0.1016, 64, 0.4062),
                Kernel.MEGABLOCKS, Map.of(128, 0.986));

        /**
         * Fixed time a kernel's call spends beyond a kernel launch, seconds. cuSPARSE's Blocked-ELL SpMM: its setup and its ratio are
         * derived together from the two derivation runs (sparsek-26: 136.7 µs at ELL density 0.5625; sparsek-28: 41.2 µs at 0.1094;
         * 256 × 4096 × 2048 fp16 on an A100) as the setup under which both imply the same ratio (costing BlockSparseDerivationTest):
         * 2.77 µs and 0.1851. The Triton and MegaBlocks runs are large GEMMs where such a constant does not show: none.
         */
        public static final Map<Kernel, Double> SETUP_SECONDS = Map.of(Kernel.CUSPARSE_BLOCKED_ELL, 2.77e-6);
    }

    /** Architectures whose block-sparse kernels are measured in the ledger (A100); on the others the band is widened. */
    static final Set<Architecture> BLOCK_MEASURED = EnumSet.of(Architecture.AMPERE);
    /** Tensor-core GPUs the block kernels' libraries target: cuSPARSE Blocked-ELL SpMM needs SM 7.0+, Triton's tl.dot and stk SM 8.0+. */
    static final Set<Architecture> BLOCKED_ELL_ARCHITECTURES = EnumSet.of(Architecture.VOLTA, Architecture.TURING, Architecture.AMPERE,
            Architecture.ADA_LOVELACE, Architecture.HOPPER, Architecture.BLACKWELL);
    static final Set<Architecture> TRITON_ARCHITECTURES = EnumSet.of(Architecture.AMPERE, Architecture.ADA_LOVELACE, Architecture.HOPPER,
            Architecture.BLACKWELL);
    /** Bytes of block index per kept block: a 32-bit column index (BSR's col_indices, Blocked-ELL's column array). */
    public static final int BLOCK_INDEX_BYTES = 4;

    /** Bytes per sparse row Sputnik reads besides the values: the 32-bit row offset and row-swizzle order (cuda_spmm.h). */
    public static final int SPUTNIK_ROW_BYTES = 8;

    private SparseGemm() {
    }

    public enum Pattern {
        STRUCTURED_2_4("2:4"), BLOCK("block"), UNSTRUCTURED("unstructured");

        public final String slug;

        Pattern(String slug) {
            this.slug = slug;
        }

        public static Optional<Pattern> fromSlug(String slug) {
            return Arrays.stream(values()).filter(p -> p.slug.equals(slug)).findFirst();
        }
    }

    /** Sparse kernel families, each with the pattern it runs and the architectures its library targets. */
    public enum Kernel {
        /** NVIDIA cuSPARSELt (SM 8.0 and later). */
        CUSPARSELT("cusparselt", Pattern.STRUCTURED_2_4, NVIDIA_SPARSE),
        /** CUTLASS sparse tensor-op GEMMs (what torch's semi-structured path and torchao use). */
        CUTLASS("cutlass", Pattern.STRUCTURED_2_4, NVIDIA_SPARSE),
        /** AMD hipSPARSELt on MI300-class matrix cores. */
        HIPSPARSELT("hipsparselt", Pattern.STRUCTURED_2_4, AMD_SPARSE),
        /** google-research/sputnik CSR SpMM on the CUDA cores (fp16 and fp32), what sparse-from-scratch training research uses. */
        SPUTNIK("sputnik", Pattern.UNSTRUCTURED, SPUTNIK_ARCHITECTURES),
        /** PyTorch's Triton BSR kernels (torch.sparse bsr_dense_mm / addmm, what torchao's block sparsity calls). */
        TRITON_BSR("triton-bsr", Pattern.BLOCK, TRITON_ARCHITECTURES),
        /** NVIDIA cuSPARSE SpMM on the Blocked-ELL format (cusparseSpMM, CUSPARSE_FORMAT_BLOCKED_ELL). */
        CUSPARSE_BLOCKED_ELL("cusparse-blocked-ell", Pattern.BLOCK, BLOCKED_ELL_ARCHITECTURES),
        /** MegaBlocks' block-sparse kernels (stanford-futuredata/stk, Triton), 128 × 128 blocks. */
        MEGABLOCKS("megablocks", Pattern.BLOCK, TRITON_ARCHITECTURES);

        public final String slug;
        public final Pattern pattern;
        final Set<Architecture> architectures;

        Kernel(String slug, Pattern pattern, Set<Architecture> architectures) {
            this.slug = slug;
            this.pattern = pattern;
            this.architectures = architectures;
        }

        public static Optional<Kernel> fromSlug(String slug) {
            return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
        }

        /** Whether this block kernel's efficiency was measured at {@code blockSize} (false for the other patterns' kernels). */
        public boolean measuredAt(int blockSize) {
            return BlockRatios.BY_KERNEL.getOrDefault(this, Map.of()).containsKey(blockSize);
        }

        /** Whether this kernel's library targets the architecture. */
        public boolean runsOn(Architecture architecture) {
            return architectures.contains(architecture);
        }

        /** The kernel a pattern runs by default on a device: the vendor's library. */
        public static Kernel defaultFor(Pattern pattern, Device device) {
            return Arrays.stream(values()).filter(k -> k.pattern == pattern && k.runsOn(device.architecture())).findFirst()
                    .orElse(Arrays.stream(values()).filter(k -> k.pattern == pattern).findFirst().orElseThrow());
        }

        /** For block sparsity, the first kernel that runs on the device and was measured at {@code blockSize}; else as above. */
        public static Kernel defaultFor(Pattern pattern, Device device, Integer blockSize) {
            if (pattern == Pattern.BLOCK && blockSize != null) {
                Optional<Kernel> measured = Arrays.stream(values()).filter(k -> k.pattern == pattern && k.runsOn(device.architecture())
                        && k.measuredAt(blockSize)).findFirst();
                if (measured.isPresent()) {
                    return measured.get();
                }
            }
            return defaultFor(pattern, device);
        }

        public static String slugs(Pattern pattern) {
            return Arrays.stream(values()).filter(k -> k.pattern == pattern).map(k -> k.slug).collect(Collectors.joining(", "));
        }
    }

    /** What is sparse and how: the pattern, the fraction of B's elements kept, the block edge (block only) and the kernel. */
    public record Spec(Pattern pattern, double density, Integer blockSize, Kernel kernel) {
    }

    /**
     * The sparse estimate and the dense one for the same shape. {@code weightBytesPerElement} is what B costs per element of
     * its dense shape (values and index); {@code indexBytes} the index/metadata total; {@code calibrated} false when the
     * kernel family has no kernel-level measurement on this architecture (the answer widens its band).
     */
    public record Result(OpCost sparse, Gemm.Result dense, double speedupOverDense, double weightBytesPerElement, double indexBytes,
            boolean calibrated, Double breakEvenDensity, List<String> notes) {

        /**
         * This sparse GEMM preceded by {@code before} (e.g. unfolding a convolution's input): the sparse time grows by it, the
         * speed-up and, for unstructured weights, the break-even density are those of the whole.
         */
        public Result after(OpCost before, Device device, Calibration cal, long m, long n, long k, long batch, Format format) {
            OpCost whole = OpCost.sequence(sparse.name(), List.of(before, sparse));
            Double breakEven = breakEvenDensity == null ? null : unstructuredBreakEven(device, cal, m, n, k, batch, format,
                    unstructuredRate(device.architecture()), dense.cost().timeSeconds() - before.timeSeconds());
            return new Result(whole, dense, dense.cost().timeSeconds() / whole.timeSeconds(), weightBytesPerElement, indexBytes, calibrated,
                    breakEven, notes);
        }
    }

    /**
     * An unstructured kernel's rate: {@code flopsPerSmClockAtFullDensity} · density^{@code densityExponent} useful FLOP per SM per
     * clock.
     */
    public record UnstructuredRate(double flopsPerSmClockAtFullDensity, double densityExponent) {
        public double at(double density) {
            return flopsPerSmClockAtFullDensity * Math.pow(density, densityExponent);
        }

        /** This rate × {@code share} at every density. */
        public UnstructuredRate scaled(double share) {
            return new UnstructuredRate(flopsPerSmClockAtFullDensity * share, densityExponent);
        }

        /** Least squares of log(rate) on log(density) over (density, rate) pairs; at least two distinct densities. */
        public static UnstructuredRate derive(List<double[]> densityAndRate) {
            int n = densityAndRate.size();
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (double[] p : densityAndRate) {
                double x = Math.log(p[0]), y = Math.log(p[1]);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            if (n < 2 || !Double.isFinite(slope)) {
                throw new IllegalArgumentException("an unstructured rate needs runs at two densities at least");
            }
            return new UnstructuredRate(Math.exp((sy - slope * sx) / n), slope);
        }
    }

    /**
     * A request the sparse model cannot answer, with the request field to change: {@code deviceCannot} when the device or its
     * libraries lack the capability (the request is well formed), otherwise the specification contradicts itself.
     */
    public static final class UnsupportedException extends RuntimeException {
        public final String field;
        public final boolean deviceCannot;

        UnsupportedException(String field, String message, boolean deviceCannot) {
            super(message);
            this.field = field;
            this.deviceCannot = deviceCannot;
        }
    }

    /**
     * The sparse GEMM. {@code structuredSparsityFactor} is the device's 2:4 tensor speed-up from the catalog (null when it has
     * none).
     */
    public static Result estimate(Device device, Double structuredSparsityFactor, Calibration cal, long m, long n, long k, long batch,
            Format format, Spec spec) {
        return estimate(device, structuredSparsityFactor, cal, m, n, k, batch, format, spec, STRUCTURED_RATIO);
    }

    /** As {@link #estimate(Device, Double, Calibration, long, long, long, long, Format, Spec)} with another 2:4 ratio (validation's leave-one-out). */
    public static Result estimate(Device device, Double structuredSparsityFactor, Calibration cal, long m, long n, long k, long batch,
            Format format, Spec spec, double structuredRatio) {
        check(device, structuredSparsityFactor, format, spec);
        if (spec.pattern() == Pattern.UNSTRUCTURED) {
            return unstructured(device, cal, m, n, k, batch, format, spec, unstructuredRate(device.architecture()));
        }
        if (spec.pattern() == Pattern.BLOCK) {
            return block(device, cal, m, n, k, batch, format, spec, blockRatio(spec));
        }
        return structured(device, structuredSparsityFactor, cal, m, n, k, batch, format, spec, structuredRatio);
    }

    /** An unstructured estimate at another rate (validation's leave-one-out). */
    public static Result estimateUnstructured(Device device, Calibration cal, long m, long n, long k, long batch, Format format, Spec spec,
            UnstructuredRate rate) {
        check(device, null, format, spec);
        return unstructured(device, cal, m, n, k, batch, format, spec, rate);
    }

    private static Result unstructured(Device device, Calibration cal, long m, long n, long k, long batch, Format format, Spec spec,
            UnstructuredRate rate) {
        Gemm.Result dense = Gemm.estimate(device, cal, m, n, k, batch, format);
        OpCost sparse = unstructuredCost(device, cal, m, n, k, batch, format, spec.density(), rate);
        List<String> notes = new ArrayList<>();
        boolean measured = UNSTRUCTURED_MEASURED.contains(device.architecture());
        if (!measured) {
            notes.add("no Sputnik measurement on " + device.architectureName() + " in the ledger: its rate per SM per clock is the one "
                    + "derived on Ampere; band widened");
        } else if (device.architecture() == Architecture.VOLTA) {
            notes.add(String.format(java.util.Locale.ROOT, "Volta: %.3f of the Ampere-derived rate, from the Sputnik paper's break-even "
                    + "density on a V100 (fp32; fp16 assumed the same)", VOLTA_UNSTRUCTURED_SCALE));
        }
        long strip = sputnikStrip(m, format);
        notes.add("unstructured B (density " + spec.density() + ") on sputnik: CSR on the CUDA cores at " + Math.round(rate.at(spec.density()) * 10) / 10.0
                + " useful FLOP per SM per clock (" + rate.flopsPerSmClockAtFullDensity() + " × density^" + rate.densityExponent()
                + ", from the ledger's Sputnik runs); activations in strips of " + strip + " tokens; kept values with "
                + (int) unstructuredIndexBytes(format) + "-byte column indices");
        Double breakEven = unstructuredBreakEven(device, cal, m, n, k, batch, format, rate, dense.cost().timeSeconds());
        notes.add(breakEven == null ? "no density breaks even with dense at this shape: the sparse kernel's fixed costs alone exceed the dense time"
                : "breaks even with dense at density " + Math.round(breakEven * 10000) / 10000.0 + " at this shape");
        double weightBytes = spec.density() * bytesPerKeptValue(format) + (double) SPUTNIK_ROW_BYTES / k;
        double indexBytes = batch * (spec.density() * k * n * unstructuredIndexBytes(format) + SPUTNIK_ROW_BYTES * n);
        return result(sparse, dense, weightBytes, indexBytes, measured, breakEven, notes);
    }

    /** Sputnik's token strip: its half-precision heuristic picks 16, 32 or 64 tokens, its single-precision one 8, 16, 32 or 64. */
    static long sputnikStrip(long m, Format format) {
        if (format == Format.FP32) {
            return m <= 8 ? 8 : m <= 16 ? 16 : m % 64 == 0 ? 64 : 32;
        }
        return m <= 16 ? 16 : m <= 32 ? 32 : 64;
    }

    /** The tokens Sputnik computes for {@code m}: whole strips. */
    static long paddedTokens(long m, Format format) {
        long strip = sputnikStrip(m, format);
        return Gemm.ceilDiv(m, strip) * strip;
    }

    /** Bytes each kept value of an unstructured matrix costs: the value and its column index. */
    public static double bytesPerKeptValue(Format format) {
        return format.inputBytes + unstructuredIndexBytes(format);
    }

    /** Bytes a sparse matrix costs per element of its dense shape: 2:4's half and 2-bit indices, or the kept values and indices. */
    public static double bytesPerElement(Spec spec, Format format) {
        return switch (spec.pattern()) {
            case STRUCTURED_2_4 -> structuredBytesPerElement(format);
            case BLOCK -> spec.density() * (format.inputBytes + blockIndexBytesPerElement(spec.blockSize()));
            case UNSTRUCTURED -> spec.density() * bytesPerKeptValue(format);
        };
    }

    /** Index and metadata bytes per element of the dense shape. */
    public static double indexBytesPerElement(Spec spec, Format format) {
        return switch (spec.pattern()) {
            case STRUCTURED_2_4 -> STRUCTURED_INDEX_BYTES_PER_ELEMENT;
            case BLOCK -> spec.density() * blockIndexBytesPerElement(spec.blockSize());
            case UNSTRUCTURED -> spec.density() * unstructuredIndexBytes(format);
        };
    }

    /** A kept block's index per element it holds: 4 bytes over b². */
    static double blockIndexBytesPerElement(int blockSize) {
        return (double) BLOCK_INDEX_BYTES / ((double) blockSize * blockSize);
    }

    /** Whether the spec's kernel family was measured on this device's architecture (else its answers widen their band). */
    public static boolean measuredOn(Device device, Spec spec) {
        return switch (spec.pattern()) {
            case UNSTRUCTURED -> UNSTRUCTURED_MEASURED.contains(device.architecture());
            case BLOCK -> BLOCK_MEASURED.contains(device.architecture());
            case STRUCTURED_2_4 -> measuredOn(device);
        };
    }

    /** The measured ratio of the spec's block kernel at its block size (check has refused a size without one). */
    public static double blockRatio(Spec spec) {
        return BlockRatios.BY_KERNEL.get(spec.kernel()).get(spec.blockSize());
    }

    /** The depth of the kept blocks each output strip reduces over: ⌈density × ⌈K/b⌉⌉ blocks of b (at least one). */
    static long keptDepth(long k, double density, int blockSize) {
        long blocks = Gemm.ceilDiv(k, blockSize);
        return Math.max(1, (long) Math.ceil(density * blocks - 1e-9)) * blockSize;
    }

    /**
     * The block-sparse GEMM: the tiled model over the kept depth, its main loop at {@code ratio} of the dense rate, plus the kernel's
     * setup beyond a launch ({@link BlockRatios#SETUP_SECONDS}) once per call.
     */
    static OpCost blockCost(Device device, Calibration cal, long m, long n, long k, long batch, Format format, double density,
            int blockSize, double ratio, Kernel kernel) {
        return blockCost(device, cal, m, n, k, batch, format, density, blockSize, ratio, BlockRatios.SETUP_SECONDS.getOrDefault(kernel, 0.0));
    }

    static OpCost blockCost(Device device, Calibration cal, long m, long n, long k, long batch, Format format, double density,
            int blockSize, double ratio, double setupSeconds) {
        double weightBytes = format.inputBytes + blockIndexBytesPerElement(blockSize);
        return Gemm.estimate(device, cal, m, n, keptDepth(k, density, blockSize), batch, format, weightBytes, ratio, false, "sparse-gemm").cost()
                .plusFixed(setupSeconds);
    }

    private static Result block(Device device, Calibration cal, long m, long n, long k, long batch, Format format, Spec spec, double ratio) {
        Gemm.Result dense = Gemm.estimate(device, cal, m, n, k, batch, format);
        OpCost sparse = blockCost(device, cal, m, n, k, batch, format, spec.density(), spec.blockSize(), ratio, spec.kernel());
        List<String> notes = new ArrayList<>();
        boolean measured = BLOCK_MEASURED.contains(device.architecture());
        if (!measured) {
            notes.add("no block-sparse kernel measurement on " + device.architectureName() + " in the ledger: the kernel's efficiency is the "
                    + "one measured on Ampere (A100); band widened");
        }
        int b = spec.blockSize();
        notes.add(b + "×" + b + " block-sparse B (density " + spec.density() + ") on " + spec.kernel().slug + ": tensor-core tiles over the "
                + "kept blocks only (depth " + keptDepth(k, spec.density(), b) + " of " + k + "), main loop at " + ratio + " of the dense rate "
                + "(measured for this kernel and block size, from the ledger); B read compressed with a 4-byte index per kept block");
        Double breakEven = blockBreakEven(device, cal, m, n, k, batch, format, b, ratio, spec.kernel(), dense.cost().timeSeconds());
        notes.add(breakEven == null ? "no density breaks even with dense at this shape with this kernel and block size"
                : "breaks even with dense at density " + Math.round(breakEven * 10000) / 10000.0 + " at this shape");
        double weightBytes = bytesPerElement(spec, format);
        double indexBytes = batch * spec.density() * k * n * blockIndexBytesPerElement(b);
        return result(sparse, dense, weightBytes, indexBytes, measured, breakEven, notes);
    }

    /**
     * The density at which the block kernel matches dense at this shape, to one block: the kernel works in whole kept blocks, so
     * a bisection over their number per output strip (time rises with it) — about log₂(K/b) GEMM estimates, not sixty; null when
     * even one block per strip is slower than dense.
     */
    static Double blockBreakEven(Device device, Calibration cal, long m, long n, long k, long batch, Format format, int blockSize, double ratio,
            Kernel kernel, double denseSeconds) {
        long blocks = Gemm.ceilDiv(k, blockSize);
        java.util.function.LongPredicate slower = kept -> blockCost(device, cal, m, n, k, batch, format, (double) kept / blocks, blockSize, ratio,
                kernel).timeSeconds() > denseSeconds;
        if (slower.test(1)) {
            return null;
        }
        if (!slower.test(blocks)) {
            return 1.0;
        }
        long lo = 1, hi = blocks;
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (slower.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return (double) lo / blocks;
    }

    /**
     * The block ratio under which this model reproduces a measured speed-up over dense at {@code density} (a break-even run is a
     * speed-up of 1 at its density): bisection on the ratio, the time being monotone in it.
     */
    public static double impliedBlockRatio(Device device, Calibration cal, long m, long n, long k, Format format, double density, int blockSize,
            Kernel kernel, double speedup) {
        return impliedBlockRatio(device, cal, m, n, k, format, density, blockSize, BlockRatios.SETUP_SECONDS.getOrDefault(kernel, 0.0), speedup);
    }

    /** As above with the kernel's setup given (its derivation varies it); 4 (the bound) where the setup alone exceeds the target. */
    public static double impliedBlockRatio(Device device, Calibration cal, long m, long n, long k, Format format, double density, int blockSize,
            double setupSeconds, double speedup) {
        double target = Gemm.estimate(device, cal, m, n, k, 1, format).cost().timeSeconds() / speedup;
        return Bisection.geometric(1e-4, 4.0, 80,
                ratio -> blockCost(device, cal, m, n, k, 1, format, density, blockSize, ratio, setupSeconds).timeSeconds() <= target);
    }

    /** Bytes per column index: Sputnik's half-precision kernels take 16-bit indices (short2), its single-precision ones 32-bit. */
    static double unstructuredIndexBytes(Format format) {
        return format == Format.FP16 ? 2 : 4;
    }

    static OpCost unstructuredCost(Device device, Calibration cal, long m, long n, long k, long batch, Format format, double density,
            UnstructuredRate rate) {
        double flops = 2.0 * m * n * k * density * batch;
        double compute = 2.0 * paddedTokens(m, format) * n * k * density * batch / (device.computeUnits() * device.boostClockHertz() * rate.at(density));
        double bytes = batch * (format.inputBytes * m * k + density * k * n * bytesPerKeptValue(format)
                + SPUTNIK_ROW_BYTES * n + format.inputBytes * m * n);
        double memory = bytes / (device.memoryBandwidthBytesPerSecond() * cal.bandwidthFraction());
        return OpCost.of("sparse-gemm", flops, bytes, compute, memory, cal.kernelLatencySeconds(), List.of());
    }

    /** The density at which the unstructured kernel matches dense at this shape (bisection; time rises with density), or null. */
    static Double unstructuredBreakEven(Device device, Calibration cal, long m, long n, long k, long batch, Format format, UnstructuredRate rate,
            double denseSeconds) {
        double lo = 1e-6, hi = 1.0;
        if (denseSeconds <= 0) {
            return null;
        }
        if (unstructuredCost(device, cal, m, n, k, batch, format, lo, rate).timeSeconds() >= denseSeconds) {
            return null;
        }
        if (unstructuredCost(device, cal, m, n, k, batch, format, hi, rate).timeSeconds() <= denseSeconds) {
            return 1.0;
        }
        return Bisection.geometric(lo, hi, 60,
                density -> unstructuredCost(device, cal, m, n, k, batch, format, density, rate).timeSeconds() > denseSeconds);
    }

    /**
     * The rate per SM per clock a measured unstructured kernel time implies at its density: the useful FLOPs (padded to Sputnik's
     * strip) over the time less the kernel's fixed latency, per SM and clock.
     */
    public static double impliedUnstructuredRate(Device device, Calibration cal, long m, long n, long k, Format format, double density,
            double measuredSeconds) {
        double busy = Math.max(measuredSeconds - cal.kernelLatencySeconds(), measuredSeconds * 0.05);
        return 2.0 * paddedTokens(m, format) * n * k * density / busy / (device.computeUnits() * device.boostClockHertz());
    }

    /**
     * The sparse GEMM's cost alone, without the dense comparison or the notes (what a model's layers add up: {@code
     * TransformerLayer}, {@code CnnStep}).
     */
    public static OpCost cost(Device device, Double structuredSparsityFactor, Calibration cal, long m, long n, long k, long batch, Format format,
            Spec spec) {
        check(device, structuredSparsityFactor, format, spec);
        if (spec.pattern() == Pattern.UNSTRUCTURED) {
            return unstructuredCost(device, cal, m, n, k, batch, format, spec.density(), unstructuredRate(device.architecture()));
        }
        if (spec.pattern() == Pattern.BLOCK) {
            return blockCost(device, cal, m, n, k, batch, format, spec.density(), spec.blockSize(), blockRatio(spec), spec.kernel());
        }
        return structuredGemm(device, structuredSparsityFactor, cal, m, n, k, batch, format, STRUCTURED_RATIO).cost();
    }

    private static Result structured(Device device, double factor, Calibration cal, long m, long n, long k, long batch, Format format,
            Spec spec, double ratio) {
        Gemm.Result dense = Gemm.estimate(device, cal, m, n, k, batch, format);
        List<String> notes = new ArrayList<>();
        boolean measured = measuredOn(device);
        if (!measured) {
            notes.add("no 2:4 kernel measurement on " + device.architectureName() + " in the ledger: the sparse kernels' efficiency is "
                    + "the one derived on Ampere and Hopper (" + ratio + " of the dense ceiling); band widened");
        }
        Gemm.Result sparse = structuredGemm(device, factor, cal, m, n, k, batch, format, ratio);
        double weightBytes = structuredBytesPerElement(format);
        double indexBytes = batch * (double) k * n * STRUCTURED_INDEX_BYTES_PER_ELEMENT;
        // Concatenation, not String.format: formatting dominated the estimate's time (ModelBenchmark.sparseGemmH100).
        notes.add("2:4 sparse B on " + spec.kernel().slug + ": main loop at " + factor + "× the dense tensor rate × " + ratio
                + " (sparse kernels' efficiency relative to dense, from the ledger); B read compressed at " + weightBytes
                + " bytes/element (half the values, 2-bit indices); epilogue and launch unchanged");
        if (m <= Gemm.SKINNY_MAX_M) {
            notes.add("M = " + m + ": sparse tensor-core kernels have no skinny (GEMV) tiles; the rows pad to a full tile");
        }
        return result(sparse.cost(), dense, weightBytes, indexBytes, measured, null, notes);
    }

    /** Bytes a 2:4 matrix costs per element of its dense shape in {@code format}: half the values and their 2-bit indices. */
    public static double structuredBytesPerElement(Format format) {
        return format.inputBytes * 0.5 + STRUCTURED_INDEX_BYTES_PER_ELEMENT;
    }

    /** Whether the 2:4 ratio was derived from kernel runs on this device's architecture (else its answers widen their band). */
    public static boolean measuredOn(Device device) {
        return STRUCTURED_MEASURED.contains(device.architecture());
    }

    /** The 2:4 GEMM with the sparse kernels at {@code ratio} of the dense ceiling (what {@link #impliedStructuredRatio} varies). */
    static Gemm.Result structuredGemm(Device device, double factor, Calibration cal, long m, long n, long k, long batch, Format format,
            double ratio) {
        double weightBytes = structuredBytesPerElement(format);
        return Gemm.estimate(device, cal, m, n, k, batch, format, weightBytes, factor * ratio, false, "sparse-gemm");
    }

    /**
     * The structured ratio under which this model reproduces a measured speed-up over dense (or a
     * measured sparse throughput in dense-equivalent FLOP/s, with {@code speedup} false): bisection on the ratio, the time being monotone in it.
     */
    public static double impliedStructuredRatio(Device device, double factor, Calibration cal, long m, long n, long k, Format format,
            double measured, boolean speedup) {
        double denseSeconds = Gemm.estimate(device, cal, m, n, k, 1, format).cost().timeSeconds();
        double target = speedup ? denseSeconds / measured : 2.0 * m * n * k / measured;
        return Bisection.geometric(0.01, 4.0, 80, ratio -> structuredGemm(device, factor, cal, m, n, k, 1, format, ratio).cost().timeSeconds() <= target);
    }

    private static Result result(OpCost sparse, Gemm.Result dense, double weightBytes, double indexBytes, boolean calibrated,
            Double breakEvenDensity, List<String> notes) {
        List<String> all = new ArrayList<>(sparse.notes());
        all.addAll(notes);
        OpCost named = new OpCost("sparse-gemm", sparse.flops(), sparse.bytes(), sparse.timeSeconds(), sparse.computeSeconds(),
                sparse.memorySeconds(), sparse.fixedSeconds(), sparse.bound(), sparse.count(), List.copyOf(all));
        return new Result(named, dense, dense.cost().timeSeconds() / sparse.timeSeconds(), weightBytes, indexBytes, calibrated,
                breakEvenDensity, List.copyOf(notes));
    }

    /** The block kernels and the sizes each was measured at, for refusals. */
    static String measuredBlockSizes() {
        return Arrays.stream(Kernel.values()).filter(k -> BlockRatios.BY_KERNEL.containsKey(k))
                .map(k -> k.slug + " " + new java.util.TreeSet<>(BlockRatios.BY_KERNEL.get(k).keySet())).collect(Collectors.joining(", "));
    }

    /** Whether the device and format can run the specification; the refusal names the request field to change. */
    public static void check(Device device, Double factor, Format format, Spec spec) {
        if (spec.kernel().pattern != spec.pattern()) {
            throw new UnsupportedException("sparsity.kernel", spec.kernel().slug + " runs " + spec.kernel().pattern.slug + " sparsity, not "
                    + spec.pattern().slug + "; for " + spec.pattern().slug + " use one of: " + Kernel.slugs(spec.pattern()), false);
        }
        if (!(spec.density() > 0 && spec.density() <= 1)) {
            throw new UnsupportedException("sparsity.density", "must be in (0, 1]: the fraction of B's elements kept; got " + spec.density(), false);
        }
        if (spec.pattern() == Pattern.STRUCTURED_2_4) {
            if (Math.abs(spec.density() - 0.5) > 1e-9) {
                throw new UnsupportedException("sparsity.density", "2:4 sparsity keeps exactly half the elements: give 0.5 or omit it", false);
            }
            if (factor == null || device.kind() != Device.Kind.GPU) {
                throw new UnsupportedException("sparsity.pattern", device.name() + " has no 2:4 sparse tensor cores (no structuredSparsityFactor "
                        + "in the catalog): sparsity there saves memory only", true);
            }
            if (!format.onMatrixUnits()) {
                throw new UnsupportedException("format", "2:4 sparsity runs on tensor cores: use tf32, fp16, bf16, int8 or fp8, not "
                        + format.slug(), true);
            }
        }
        if (spec.pattern() == Pattern.UNSTRUCTURED) {
            if (device.kind() != Device.Kind.GPU) {
                throw new UnsupportedException("sparsity.pattern", device.name() + " runs no unstructured sparse kernel the model knows (Sputnik "
                        + "targets NVIDIA GPUs): sparsity there saves memory only", true);
            }
            if (format != Format.FP16 && format != Format.FP32) {
                throw new UnsupportedException("format", "Sputnik's unstructured kernels run fp16 or fp32, not " + format.slug(), true);
            }
            if (device.computeUnits() == null || device.boostClockHertz() == null) {
                throw new UnsupportedException("acceleratorId", "the unstructured kernel's rate is per SM per clock, and the catalog lacks "
                        + (device.computeUnits() == null ? "computeUnits" : "boostClockHertz") + " for " + device.id() + ": fill it in the catalog", true);
            }
        }
        if (spec.pattern() != Pattern.BLOCK && spec.blockSize() != null) {
            throw new UnsupportedException("sparsity.blockSize", "applies to block sparsity only; omit it for " + spec.pattern().slug, false);
        }
        if (spec.pattern() == Pattern.BLOCK) {
            if (spec.blockSize() == null) {
                throw new UnsupportedException("sparsity.blockSize", "block sparsity needs the block edge in elements (measured: "
                        + measuredBlockSizes() + ")", false);
            }
            if (device.kind() != Device.Kind.GPU) {
                throw new UnsupportedException("sparsity.pattern", device.name() + " runs no block-sparse kernel the model knows (cuSPARSE, "
                        + "Triton and MegaBlocks target NVIDIA GPUs): sparsity there saves memory only", true);
            }
            if (format != Format.FP16 && format != Format.BF16) {
                throw new UnsupportedException("format", "the block-sparse kernels are measured in fp16 (bf16 runs the same tensor-core "
                        + "rate): use fp16 or bf16, not " + format.slug(), true);
            }
            if (!spec.kernel().measuredAt(spec.blockSize())) {
                throw new UnsupportedException("sparsity.blockSize", spec.kernel().slug + " is measured at block sizes "
                        + new java.util.TreeSet<>(BlockRatios.BY_KERNEL.getOrDefault(spec.kernel(), Map.of()).keySet()) + ", not " + spec.blockSize() + " (its efficiency falls steeply with "
                        + "smaller blocks and no curve between sizes is published); measured block kernels: " + measuredBlockSizes(), false);
            }
        }
        if (!spec.kernel().runsOn(device.architecture())) {
            throw new UnsupportedException("sparsity.kernel", spec.kernel().slug + " does not run on " + device.name() + " ("
                    + device.architectureName() + "); it targets " + spec.kernel().architectures.stream().map(a -> a.catalogName)
                    .collect(Collectors.joining(", ")), true);
        }
    }
}
