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
    public static final double FLASH_ATTENTION_2_HOPPER = 0.4719;
    /**
     * cuDNN fused attention on H100 SXM: ledger attn-25 (forward, head dim 128, 16k tokens, 595 TFLOP/s), FlashAttention-3
     * paper's figure: the ceiling that reproduces it (its backward, attn-42, sets {@link #BACKWARD_MATMUL_SHARE} with the others).
     */
    public static final double CUDNN_HOPPER = 0.8340;

    /**
     * FlashAttention-2 on B200 (FA2 2.7.4 runs its Ampere mma.sync path on Blackwell, flash-attention issue #1589): ledger
     * attn-78 (forward, head dim 64, 2 × 8k tokens, 343 TFLOP/s, that issue) and bwk-16 (forward, causal, head dim 128,
     * 8k tokens, 400 TFLOP/s, NVIDIA cudnn-frontend's B200 benchmark CSV): the ceilings that reproduce them, geometric mean.
     */
    public static final double FLASH_ATTENTION_2_BLACKWELL = 0.1648;
    /**
     * The share of the forward's tensor-core rate a fused kernel's backward matmuls reach: the geometric mean over the
     * forward/backward pairs measured at one shape (H100 SXM5, head dim 128, 16k tokens: FlashAttention-2 attn-23/attn-40,
     * FlashAttention-3 attn-24/attn-41, cuDNN attn-25/attn-42), each exponential term taken out first.
     */
    public static final double BACKWARD_MATMUL_SHARE = 0.7101;

    /**
     * Per SM per clock, 32-bit exp2 and the other special functions: 16 for compute capabilities 5.0–9.0 (NVIDIA CUDA C++
     * Programming Guide, "Throughput of Native Arithmetic Instructions").
     */
    static final int EXPONENTIALS_PER_SM_PER_CLOCK = 16;

    /**
     * FlashAttention-2 runs on Ampere, Ada and Hopper (its README), on Blackwell (later releases) and on MI300 through
     * ROCm's port; FlashAttention-3 on Hopper only (its README: H100/H800); cuDNN's fused flash attention on Ampere and
     * newer (cuDNN 9 support matrix: compute capability 8.0 and up).
     */
    public static Set<Architecture> architectures(Attention.Kernel kernel) {
        return switch (kernel) {
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
                    : a == Architecture.AMPERE ? own : unmeasured(kernel, a, own);
            case FLASH_ATTENTION_3 -> own;
            case CUDNN -> a == Architecture.HOPPER ? named(CUDNN_HOPPER, "ledger attn-25, attn-42", cal)
                    : a == Architecture.BLACKWELL ? own : unmeasured(kernel, a, own);
            default -> own;
        };
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
