package dev.accelerometer.model.kernel;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Architecture;
import dev.accelerometer.model.hardware.Device;
import java.util.EnumSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Named fused-attention kernels: where each runs and the share of the tensor-core peak its matmuls reach on an
 * architecture — the ceiling at which {@link Attention} reproduces published kernel benchmarks (catalog ledger attn-20 …,
 * bwk-*; re-derived by the model test AttentionKernelsTest). The architecture's own kernel (FlashAttention-2 on Ampere,
 * FlashAttention-3 on Hopper, cuDNN's on Blackwell — what Transformer Engine runs there, FlashAttention-3 being Hopper-only)
 * is the calibration table's fused-attention ceiling; another kernel on an architecture without a published measurement
 * takes that ceiling too, and the answer says so.
 */
public final class AttentionKernels {
    private AttentionKernels() {
    }

    /** A ceiling and where it comes from. */
    public record Ceiling(double value, String source) {
    }

    /**
     * FlashAttention-2 on H100 SXM: ledger attn-49 (forward+backward, head dim 128, 16k tokens, 338 TFLOP/s) and attn-50
     * (head dim 64, 296 TFLOP/s), FlashAttention-2 paper's H100 figure: the ceilings that reproduce them, geometric mean.
     */
    public static final double FLASH_ATTENTION_2_HOPPER = 0.4772;
    /**
     * cuDNN fused attention on H100 SXM: ledger attn-25 (forward, head dim 128, 16k tokens, 595 TFLOP/s), FlashAttention-3
     * paper's figure: the ceiling that reproduces it (its backward, attn-42, sets {@link #BACKWARD_MATMUL_SHARE} with the others).
     */
    public static final double CUDNN_HOPPER = 0.8433;

    /**
     * FlashAttention-2 on B200 (FA2 2.7.4 runs its Ampere mma.sync path on Blackwell, flash-attention issue #1589): ledger
     * attn-78 (forward, head dim 64, 2 × 8k tokens, 343 TFLOP/s, that issue) and bwk-16 (forward, causal, head dim 128,
     * 8k tokens, 400 TFLOP/s, NVIDIA cudnn-frontend's B200 benchmark CSV): the ceilings that reproduce them, geometric mean.
     */
    public static final double FLASH_ATTENTION_2_BLACKWELL = 0.1737;
    /**
     * FlashAttention (v1) on A100 80GB SXM4: ledger attn-59 (forward+backward, head dim 128, 16k tokens, 83 TFLOP/s) and attn-60
     * (head dim 64, 8 × 2k tokens, 104 TFLOP/s), the FlashAttention-2 paper's A100 figure: the ceilings that reproduce them,
     * geometric mean.
     */
    /**
     * FlashAttention-2 on A100 (costing migration V12's Ampere fused-attention ceiling, ledger attn-05): the reference the
     * kernels measured on Ampere only are carried to other architectures by.
     */
    static final double AMPERE_FLASH_ATTENTION_2 = 0.9726;
    // CDNA 3's own fused-attention ceiling (costing V15) is ROCm's FlashAttention-2 port measured on an MI300X (ledger amd-16, amd-17):
    // FlashAttention-2 and the platform's fused kernel (PyTorch SDPA on ROCm runs the same family) take it there.

    public static final double FLASH_ATTENTION_1_AMPERE = 0.4329;
    /** FlashAttention (v1) on H100 SXM5: ledger attn-51 (forward+backward, head dim 128, 16k tokens, 139 TFLOP/s), the FA2 paper's H100 figure. */
    public static final double FLASH_ATTENTION_1_HOPPER = 0.1906;
    /**
     * xFormers' memory-efficient (CUTLASS) attention on A100 80GB SXM4 — also PyTorch SDPA's memory-efficient backend: ledger
     * attn-63 (forward+backward, head dim 128, 16k tokens, 98 TFLOP/s) and attn-64 (head dim 64, 8 × 2k tokens, 76 TFLOP/s), the
     * FA2 paper's A100 figure: the ceilings that reproduce them, geometric mean.
     */
    public static final double XFORMERS_AMPERE = 0.3979;
    /**
     * The Triton port of FlashAttention on A100 80GB SXM4, forward+backward (FA2 paper's A100 figure): ledger attn-65 (head dim
     * 128, 16k tokens, 95 TFLOP/s), krn-01 (head dim 64, 8 × 2k, 98) and krn-02 (causal, head dim 128, 16k, 80): the ceilings
     * that reproduce them, geometric mean.
     */
    public static final double TRITON_AMPERE = 0.4169;
    /**
     * Triton's fused attention on H100 SXM5: ledger attn-26 (forward, head dim 128, 16k tokens, 395 TFLOP/s), the
     * FlashAttention-3 paper's figure; no backward is published, so its backward takes {@link #BACKWARD_MATMUL_SHARE} as the
     * other kernels'.
     */
    public static final double TRITON_HOPPER = 0.4954;

    /**
     * The share of the forward's tensor-core rate a fused kernel's backward matmuls reach: the geometric mean over the
     * forward/backward pairs measured at one shape (H100 SXM5, head dim 128, 16k tokens: FlashAttention-2 attn-23/attn-40,
     * FlashAttention-3 attn-24/attn-41, cuDNN attn-25/attn-42), each exponential term taken out first.
     */
    public static final double BACKWARD_MATMUL_SHARE = 0.7101;

    /**
     * FlashAttention-3's fixed cost per thread block, in its own key-block iterations ({@link Attention#BLOCK_FIXED_ITERATIONS} for
     * the others): the non-causal forward series of the FlashAttention-3 paper at 512 tokens against its long-sequence point, solved
     * through the model per head dimension (H100 SXM5: head dim 128, 467 at 512 vs 648 at 16k, krn-25/attn-24; 64, 333 vs 496 at
     * 8k, krn-28/attn-32; 256, 482 vs 756 at 16k, krn-30/attn-37), their mean (AttentionKernelsTest). Larger than FlashAttention-2's
     * because the same prologue and epilogue last more of its iterations, which run about 1.75 × as fast (648 vs 370 TFLOP/s at 16k).
     */
    public static final double FLASH_ATTENTION_3_FIXED_ITERATIONS = 2.8940;

    /** The kernel's fixed cost per thread block in key-block iterations: FlashAttention-3's own, the FlashAttention-2 series' elsewhere. */
    static double fixedIterations(Attention.Kernel kernel, Device device) {
        boolean flashAttention3 = kernel == Attention.Kernel.FLASH_ATTENTION_3
                || kernel == Attention.Kernel.FLASH && device.architecture() == Architecture.HOPPER;
        return flashAttention3 ? FLASH_ATTENTION_3_FIXED_ITERATIONS : Attention.BLOCK_FIXED_ITERATIONS;
    }

    /**
     * Per SM per clock, 32-bit exp2 and the other special functions: 16 for compute capabilities 5.0–9.0 (NVIDIA CUDA C++
     * Programming Guide, "Throughput of Native Arithmetic Instructions").
     */
    static final int EXPONENTIALS_PER_SM_PER_CLOCK = 16;

    /**
     * FlashAttention-2 runs on Ampere, Ada and Hopper (its README), on Blackwell (later releases) and on MI300 through
     * ROCm's port; FlashAttention-3 on Hopper only (its README: H100/H800); cuDNN's fused flash attention on Ampere and
     * newer (cuDNN 9 support matrix: compute capability 8.0 and up). FlashAttention (v1): Turing and Ampere (its README at the
     * alpha release: "Turing or Ampere GPUs (e.g., A100, RTX 3090, T4, RTX 2080)"), Ada through the Ampere code, Hopper (the
     * FlashAttention-2 paper benchmarks it on H100). xFormers' CUTLASS kernel: Volta and newer tensor-core GPUs up to Hopper
     * (its kernels are built for SM70, SM75 and SM80; Hopper and Ada run the SM80 path). The Triton port: Ampere and newer
     * NVIDIA GPUs up to Hopper (its bf16 tensor-core dot products need SM80).
     */
    public static Set<Architecture> architectures(Attention.Kernel kernel) {
        return switch (kernel) {
            case FLASH_ATTENTION_1 -> EnumSet.of(Architecture.TURING, Architecture.AMPERE, Architecture.ADA_LOVELACE, Architecture.HOPPER);
            case XFORMERS -> EnumSet.of(Architecture.VOLTA, Architecture.TURING, Architecture.AMPERE, Architecture.ADA_LOVELACE, Architecture.HOPPER);
            case TRITON -> EnumSet.of(Architecture.AMPERE, Architecture.ADA_LOVELACE, Architecture.HOPPER);
            case FLASH_ATTENTION_2 -> EnumSet.of(Architecture.AMPERE, Architecture.ADA_LOVELACE, Architecture.HOPPER, Architecture.BLACKWELL,
                    Architecture.CDNA_3);
            case FLASH_ATTENTION_3 -> EnumSet.of(Architecture.HOPPER);
            case CUDNN -> EnumSet.of(Architecture.AMPERE, Architecture.ADA_LOVELACE, Architecture.HOPPER, Architecture.BLACKWELL);
            default -> EnumSet.noneOf(Architecture.class);
        };
    }

    /** The share of peak the kernel's matmuls reach on the device's architecture. */
    static Ceiling ceiling(Attention.Kernel kernel, Device device, Calibration cal) {
        Architecture a = device.architecture();
        Ceiling own = new Ceiling(cal.fusedAttentionCeiling(), cal.fusedAttentionSource());
        return switch (kernel) {
            case FLASH_ATTENTION_2 -> a == Architecture.HOPPER ? named(FLASH_ATTENTION_2_HOPPER, "ledger attn-49, attn-50", cal)
                    : a == Architecture.BLACKWELL ? named(FLASH_ATTENTION_2_BLACKWELL, "ledger attn-78", cal)
                    : a == Architecture.AMPERE || a == Architecture.CDNA_3 ? own : unmeasured(kernel, a, own);
            case FLASH_ATTENTION_3 -> own;
            case CUDNN -> a == Architecture.HOPPER ? named(CUDNN_HOPPER, "ledger attn-25, attn-42", cal)
                    : a == Architecture.BLACKWELL ? own : unmeasured(kernel, a, own);
            case FLASH_ATTENTION_1 -> a == Architecture.AMPERE ? named(FLASH_ATTENTION_1_AMPERE, "ledger attn-59, attn-60", cal)
                    : a == Architecture.HOPPER ? named(FLASH_ATTENTION_1_HOPPER, "ledger attn-51", cal)
                    : relative(kernel, a, own, FLASH_ATTENTION_1_AMPERE, "attn-59, attn-60");
            case XFORMERS -> a == Architecture.AMPERE ? named(XFORMERS_AMPERE, "ledger attn-63, attn-64", cal)
                    : relative(kernel, a, own, XFORMERS_AMPERE, "attn-63, attn-64");
            case TRITON -> a == Architecture.AMPERE ? named(TRITON_AMPERE, "ledger attn-65", cal)
                    : a == Architecture.HOPPER ? named(TRITON_HOPPER, "ledger attn-26", cal)
                    : relative(kernel, a, own, TRITON_AMPERE, "attn-65");
            default -> own;
        };
    }

    /**
     * A kernel published on Ampere but not on {@code a}: the architecture's own fused ceiling scaled by what the kernel reaches
     * against FlashAttention-2 on Ampere (both from the FlashAttention-2 paper's A100 figure), said in the source.
     */
    private static Ceiling relative(Attention.Kernel kernel, Architecture a, Ceiling own, double onAmpere, String ledger) {
        double ratio = onAmpere / AMPERE_FLASH_ATTENTION_2;
        return new Ceiling(own.value() * ratio, String.format(java.util.Locale.ROOT, "no published %s measurement on %s: the architecture's "
                + "fused-attention ceiling (%s) × %.2f, the kernel's share of FlashAttention-2's on A100 (ledger %s, attn-05)", kernel.slug(),
                a.catalogName, own.source(), ratio, ledger));
    }

    /** A kernel's published ceiling, moved by a calibration profile's attention scale (1 in the table), at most the peak. */
    private static Ceiling named(double ceiling, String source, Calibration cal) {
        return cal.attentionScale() == 1.0 ? new Ceiling(ceiling, source)
                : new Ceiling(Math.min(1.0, ceiling * cal.attentionScale()), source + ", scaled by the calibration profile");
    }

    private static Ceiling unmeasured(Attention.Kernel kernel, Architecture a, Ceiling own) {
        return new Ceiling(own.value(), "no published " + kernel.slug() + " measurement on " + a.catalogName
                + ": the architecture's fused-attention ceiling, " + own.source());
    }

    /**
     * Exponentials per second: {@link #EXPONENTIALS_PER_SM_PER_CLOCK} × SMs × boost clock, for the generations whose
     * instruction throughputs the guide records; empty elsewhere. Blackwell is left out on purpose: its multifunction unit
     * still does 16 per SM per clock against twice Hopper's tensor rate (FlashAttention-4 paper, arXiv 2603.05451), so its
     * kernels (cuDNN, FlashAttention-4) emulate part of the exponentials on the FMA units and overlap the rest with the
     * matmuls — serialising them would cap cuDNN's forward on B200 below the 1,384 TFLOP/s it reaches (ledger bwk-12). The
     * Blackwell ceiling, derived from those kernels' benchmarks, includes their exponentials.
     */
    public static OptionalDouble exponentialsPerSecond(Device device) {
        if (device.kind() != Device.Kind.GPU || !device.architecture().hasInstructionThroughputTable() || device.computeUnits() == null
                || device.boostClockHertz() == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) EXPONENTIALS_PER_SM_PER_CLOCK * device.computeUnits() * device.boostClockHertz());
    }
}
