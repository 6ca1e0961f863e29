package dev.accelerometer.model.kernel;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import java.util.ArrayList;
import java.util.List;

/**
 * Attention for B sequences, H query heads and Hkv key/value heads of dimension d, Sq queries over Skv keys.
 * Score and value matmuls: 4·B·H·Sq·Skv·d FLOPs forward, scaled by the visible fraction under a causal mask.
 * Backward: 2× forward for standard attention (dS·K, dSᵀ·Q, Pᵀ·dO, dO·Vᵀ) and 2.5× for flash, which recomputes the
 * scores (Dao 2023, FlashAttention-2 §4 FLOP accounting).
 *
 * <p>Standard: separate kernels; the Sq×Skv score matrix is written and read (QKᵀ → S, softmax S → P, P·V), so at long
 * sequence it is memory-bound. Flash/fused: one kernel, never materialises S; K and V are re-read once per block of
 * 128 queries; runs at the architecture's measured fused-attention ceiling.
 */
public final class Attention {
    /** FlashAttention-2 query block (Br = 128 for head dim 128 on A100/H100, Dao 2023 §3.3). */
    static final int QUERY_BLOCK = 128;

    /**
     * What a fused kernel's thread block spends outside its loop over key blocks — loading its queries, the final rescale,
     * writing its output and log-sum-exp, its share of launch and tail — in units of one key-block iteration: the FlashAttention-2
     * paper's forward+backward series fit throughput ∝ n / (n + k) over n = S / 128 key blocks per query block; each non-causal
     * pair of 2k and 16k tokens gives k = n₁n₂(1 − r) / (r·n₂ − n₁) for r the 2k rate over the 16k rate (A100 80GB head dim 128:
     * 187 / 203 TFLOP/s, k = 1.58, ledger attn-55/56; head dim 64: 162 / 176, 1.60, attn-53/54; H100 SXM5 head dim 128: 320 / 338,
     * 1.04, krn-15/attn-49; head dim 64: 274 / 296, 1.49, krn-14/attn-50; re-derived by AttentionKernelsTest): their mean. With it
     * a short sequence keeps the fixed part of every block. FlashAttention-3 has its own
     * ({@link AttentionKernels#FLASH_ATTENTION_3_FIXED_ITERATIONS}): the same fixed time is more of its faster iterations.
     */
    public static final double BLOCK_FIXED_ITERATIONS = 1.4265;

    /**
     * What a causal mask adds to each query block's thread block beyond the scores it keeps, in key-block iterations: the
     * diagonal block is computed in full though half of it is credited, masked element by element, and the blocks' unequal
     * loop lengths leave a ragged last wave. Derived from the six causal/non-causal pairs measured at one shape and kernel
     * (FlashAttention-2 on A100 80GB at head dim 128, 2k and 16k, attn-55/krn-09 and attn-56/attn-57, at head dim 64, 16k,
     * attn-54/attn-58; on H100 SXM5 at head dim 128, 512 and 16k, krn-16/krn-20 and attn-49/krn-13; FlashAttention-3 forward on
     * H100 at head dim 128, 512, krn-25/krn-26): each pair's causal rate over its non-causal rate solved for this term with the
     * kernel's fixed cost, the median (AttentionKernelsTest; the 16k pairs move by under 8 % over the whole range, so their
     * reading noise makes single values of 1 to 4). Was 0.5, the credited half of the diagonal alone.
     */
    public static final double CAUSAL_EXTRA_ITERATIONS = 1.3395;

    private Attention() {
    }

    /**
     * STANDARD: materialised scores with scale, mask and softmax fused in one kernel (Megatron/apex fused softmax).
     * EAGER: framework eager mode (PyTorch): scale, mask add, softmax and dropout each a separate pass over the scores.
     * FLASH: the fused kernel the platform runs best — FlashAttention-2 on Ampere and Ada, FlashAttention-3 on Hopper,
     * XLA's fused (splash) attention on a TPU — at the architecture's calibrated fused-attention ceiling.
     * FLASH_ATTENTION_1, FLASH_ATTENTION_2, FLASH_ATTENTION_3, CUDNN, XFORMERS, TRITON: a named fused kernel, where it runs
     * ({@link #runsOn}), at its own ceiling on that architecture ({@link AttentionKernels}). PyTorch's SDPA flash backend is
     * FlashAttention-2, its memory-efficient backend xFormers' CUTLASS kernel, its math backend the eager path; TRITON is the
     * Triton port of FlashAttention (flash_attn_triton, MosaicML's attn_impl: triton).
     */
    public enum Kernel {
        STANDARD("standard"), EAGER("eager"), FLASH("flash"), FLASH_ATTENTION_1("flash-attention-1"), FLASH_ATTENTION_2("flash-attention-2"),
        FLASH_ATTENTION_3("flash-attention-3"), CUDNN("cudnn"), XFORMERS("xformers"), TRITON("triton");

        private final String slug;

        Kernel(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }

        public static java.util.Optional<Kernel> fromSlug(String slug) {
            return java.util.Arrays.stream(values()).filter(k -> k.slug().equals(slug)).findFirst();
        }

        /** What runs when the caller does not say: flash where FlashAttention targets the GPU, else standard. */
        public static Kernel defaultFor(Device device) {
            return device.kind() == Device.Kind.GPU && device.architecture().runsFlashAttention() ? FLASH : STANDARD;
        }

        /** One fused kernel that never writes the scores. */
        public boolean fused() {
            return this != STANDARD && this != EAGER;
        }

        /** Whether the kernel exists for the device (named kernels: {@link AttentionKernels#architectures}). */
        public boolean runsOn(Device device) {
            return !fused() || this == FLASH || AttentionKernels.architectures(this).contains(device.architecture());
        }
    }

    public enum Pass {
        FORWARD, BACKWARD, FORWARD_BACKWARD;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static java.util.Optional<Pass> fromSlug(String slug) {
            return java.util.Arrays.stream(values()).filter(p -> p.slug().equals(slug)).findFirst();
        }
    }

    /**
     * {@code window}: 0 for full attention; w for sliding-window attention, where query i sees only the last w keys up
     * to itself (Beltagy et al. 2020; Mistral 7B: keys i − w + 1 … i).
     */
    public record Shape(long batch, long queryLength, long keyLength, int heads, int kvHeads, int headDim, boolean causal, int window) {
        public Shape(long batch, long queryLength, long keyLength, int heads, int kvHeads, int headDim, boolean causal) {
            this(batch, queryLength, keyLength, heads, kvHeads, headDim, causal, 0);
        }

        /**
         * Fraction of the Sq×Skv scores a causal mask keeps: query i (of Sq, aligned to the end) sees Skv − Sq + i keys —
         * at most {@code window} of them under a sliding window.
         */
        public double visibleFraction() {
            if (!causal) {
                return 1.0;
            }
            double sq = queryLength;
            double skv = keyLength;
            if (sq > skv) {
                // More queries than keys, aligned to the last key (FlashAttention ≥ 2.1's causal convention): the first Sq − Skv see
                // none, the rest 1 … Skv (a window is not applied here). The APIs refuse such a shape; this keeps the count from going
                // negative.
                return (skv + 1) / (2 * sq);
            }
            if (window > 0 && window < skv) {
                // Query positions p = Skv − Sq … Skv − 1 see min(p + 1, w) keys: Σ over x = Skv − Sq + 1 … Skv of min(x, w).
                double first = skv - sq + 1;
                double w = window;
                double ramp = first > w ? 0 : (first + w) * (w - first + 1) / 2;
                double flat = (skv - Math.max(first - 1, w)) * w;
                return (ramp + flat) / (sq * skv);
            }
            return (sq * (skv - sq) + sq * (sq + 1) / 2) / (sq * skv);
        }

        public double forwardFlops() {
            return 4.0 * batch * heads * queryLength * keyLength * headDim * visibleFraction();
        }
    }

    public static OpCost estimate(Device device, Calibration cal, Shape s, Kernel kernel, Pass pass, Format format) {
        return kernel.fused() ? flash(device, cal, s, kernel, pass, format) : materialised(device, cal, s, pass, format, kernel == Kernel.EAGER);
    }

    static OpCost flash(Device device, Calibration cal, Shape s, Kernel kernel, Pass pass, Format format) {
        return flash(device, cal, s, kernel, pass, format, AttentionKernels.fixedIterations(kernel, device), CAUSAL_EXTRA_ITERATIONS);
    }

    /** {@link #flash(Device, Calibration, Shape, Kernel, Pass, Format)} at a given fixed cost and causal extra (their derivations). */
    static OpCost flash(Device device, Calibration cal, Shape s, Kernel kernel, Pass pass, Format format, double fixedIterations,
            double causalExtra) {
        double e = format.inputBytes;
        double forwardFlops = s.forwardFlops();
        double qo = 2.0 * s.batch() * s.queryLength() * s.heads() * s.headDim() * e;
        double kv = 2.0 * s.batch() * s.keyLength() * s.kvHeads() * s.headDim() * e;
        double blocks = Math.ceil((double) s.queryLength() / QUERY_BLOCK);
        // Each query block streams its head's K and V. The heads in flight at once (one block per SM) keep their K/V in
        // L2 when it fits, so DRAM sees K and V once; otherwise every block re-reads them.
        double kvPerHead = 2.0 * s.keyLength() * s.headDim() * e;
        long headsInFlight = device.computeUnits() == null ? 1
                : Math.min((long) s.batch() * s.kvHeads(), (long) Math.ceil(device.computeUnits() / blocks));
        boolean fitsInL2 = device.l2CacheBytes() != null && kvPerHead * Math.max(1, headsInFlight) <= device.l2CacheBytes();
        double forwardBytes = qo + kv * (fitsInL2 ? 1 : blocks * s.visibleFraction());
        // Backward recomputes the scores: 2.5× the forward FLOPs; it reads Q, K, V, O, dO and writes dQ, dK, dV:
        // about 2.5× the forward traffic. Its matmuls run at a smaller share of the peak than the forward's
        // (AttentionKernels.BACKWARD_MATMUL_SHARE).
        double forwardPasses = pass == Pass.BACKWARD ? 0 : 1;
        double backwardPasses = pass == Pass.FORWARD ? 0 : 2.5;
        double flops = forwardFlops * (forwardPasses + backwardPasses);
        double bytes = forwardBytes * (forwardPasses + backwardPasses);
        double peak = device.peak(format);
        AttentionKernels.Ceiling ceiling = AttentionKernels.ceiling(kernel, device, cal);
        // One exponential per visible score in the forward pass and again where the backward recomputes the scores, on the
        // special-function units, serialised with the matmuls (FlashAttention-3, Shah et al. 2024 §3: the exponential's
        // throughput is what limits small head dimensions).
        double exponentials = (double) s.batch() * s.heads() * s.queryLength() * s.keyLength() * s.visibleFraction()
                * (pass == Pass.FORWARD_BACKWARD ? 2 : 1);
        java.util.OptionalDouble sfu = AttentionKernels.exponentialsPerSecond(device);
        double compute = occupancy(s, blocks, fixedIterations, causalExtra) * (forwardFlops * forwardPasses / (peak * ceiling.value())
                + forwardFlops * backwardPasses / (peak * ceiling.value() * AttentionKernels.BACKWARD_MATMUL_SHARE))
                + (sfu.isPresent() ? exponentials / sfu.getAsDouble() : 0);
        double memory = bytes / (device.memoryBandwidthBytesPerSecond() * cal.bandwidthFraction());
        int kernels = pass == Pass.FORWARD_BACKWARD ? 2 : 1;
        List<String> notes = new ArrayList<>();
        notes.add(kernel.slug() + " kernel: its matmuls at " + Math.round(ceiling.value() * 100) + "% of peak (" + ceiling.source() + ")");
        notes.add(sfu.isPresent()
                ? String.format(java.util.Locale.ROOT, "exponentials on the special-function units at %.1f T/s (16 per SM per clock, CUDA C++ "
                        + "Programming Guide), after the matmuls", sfu.getAsDouble() / 1e12)
                : "no special-function-unit throughput recorded for " + device.id() + ": the softmax exponentials are not timed separately");
        return OpCost.of("attention (fused)", flops, bytes, compute, memory, kernels * cal.kernelLatencySeconds(), notes);
    }

    /**
     * Key-block iterations a fused kernel spends per iteration the FLOP count credits: the visible blocks,
     * {@code causalExtra} ({@link #CAUSAL_EXTRA_ITERATIONS}) per query block under a causal mask, and the kernel's fixed cost per query block
     * ({@link AttentionKernels#fixedIterations}).
     */
    static double occupancy(Shape s, double queryBlocks, double fixedIterations, double causalExtra) {
        double counted = queryBlocks * Math.ceil((double) s.keyLength() / QUERY_BLOCK) * s.visibleFraction();
        double causal = s.causal() ? causalExtra * queryBlocks : 0;
        return (counted + causal + fixedIterations * queryBlocks) / counted;
    }

    static OpCost materialised(Device device, Calibration cal, Shape s, Pass pass, Format format, boolean eager) {
        long groups = s.batch() * s.heads();
        List<OpCost> ops = new ArrayList<>();
        double scores = (double) groups * s.queryLength() * s.keyLength() * format.inputBytes;
        if (pass != Pass.BACKWARD) {
            // S = Q·Kᵀ per head: M = Sq, N = Skv, K = d (the causal mask does not save work in a dense kernel).
            ops.add(Gemm.estimate(device, cal, s.queryLength(), s.keyLength(), s.headDim(), groups, format).cost().named("scores Q·Kᵀ"));
            if (eager) {
                // Separate scale and mask-add passes (read S, write S each), and dropout (read, write, 1-byte mask).
                ops.add(Streaming.op(device, cal, "scale", 2 * scores, scores / format.inputBytes));
                ops.add(Streaming.op(device, cal, "mask add", 2 * scores, scores / format.inputBytes));
            }
            // Softmax (scale and mask fused unless eager): read S, write P.
            ops.add(Streaming.op(device, cal, "softmax", 2 * scores, 5.0 * scores / format.inputBytes));
            if (eager) {
                ops.add(Streaming.op(device, cal, "dropout", 2 * scores + scores / format.inputBytes, scores / format.inputBytes));
            }
            ops.add(Gemm.estimate(device, cal, s.queryLength(), s.headDim(), s.keyLength(), groups, format).cost().named("values P·V"));
        }
        if (pass != Pass.FORWARD) {
            // dP = dO·Vᵀ, dV = Pᵀ·dO, softmax backward (read P, dP; write dS), dQ = dS·K, dK = dSᵀ·Q.
            ops.add(Gemm.estimate(device, cal, s.queryLength(), s.keyLength(), s.headDim(), groups, format).cost().named("dP = dO·Vᵀ"));
            ops.add(Gemm.estimate(device, cal, s.keyLength(), s.headDim(), s.queryLength(), groups, format).cost().named("dV = Pᵀ·dO"));
            if (eager) {
                ops.add(Streaming.op(device, cal, "dropout backward", 2 * scores + scores / format.inputBytes, scores / format.inputBytes));
            }
            ops.add(Streaming.op(device, cal, "softmax backward", 3 * scores, 4.0 * scores / format.inputBytes));
            if (eager) {
                ops.add(Streaming.op(device, cal, "scale backward", 2 * scores, scores / format.inputBytes));
            }
            ops.add(Gemm.estimate(device, cal, s.queryLength(), s.headDim(), s.keyLength(), groups, format).cost().named("dQ = dS·K"));
            ops.add(Gemm.estimate(device, cal, s.keyLength(), s.headDim(), s.queryLength(), groups, format).cost().named("dK = dSᵀ·Q"));
        }
        return OpCost.sequence(eager ? "attention (eager)" : "attention (standard)", ops);
    }
}
