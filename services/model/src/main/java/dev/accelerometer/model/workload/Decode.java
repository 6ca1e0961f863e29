package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Dequantization;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.Streaming;
import java.util.ArrayList;
import java.util.List;

/**
 * One decode step: {@code batch} new tokens, each attending over a KV cache of {@code context} tokens. At small batch
 * every weight is read once per token, so the step is bandwidth-bound — unless a dequantizing kernel's instructions are
 * slower than its weight reads ({@link Dequantization}).
 */
public final class Decode {
    private Decode() {
    }

    /** Weights and KV cache in the compute format. */
    public static Breakdown step(Device d, Calibration cal, Transformer m, long batch, long context, Format f) {
        return step(d, cal, m, batch, context, f, f.inputBytes, f.inputBytes, null);
    }

    /**
     * Layer weights stored at {@code weightBytes} per parameter (weight-only quantization, constants included), the KV
     * cache at {@code kvBytes} per element, compute in {@code f}; the layer GEMVs run by a dequantizing kernel whose
     * instruction work ({@code dequantization}, null for none) competes with the weight reads: each GEMV's compute time is
     * the longer of its tensor/FP work and the kernel's busiest instruction pipe.
     */
    public static Breakdown step(Device d, Calibration cal, Transformer m, long batch, long context, Format f, double weightBytes,
            double kvBytes, Dequantization dequantization) {
        return step(d, cal, m, batch, context, f, weightBytes, kvBytes, dequantization, null);
    }

    /** As above with sparse linear layers (null: dense): their GEMVs read the compressed weights and their indices. */
    public static Breakdown step(Device d, Calibration cal, Transformer m, long batch, long context, Format f, double weightBytes,
            double kvBytes, Dequantization dequantization, SparseLinears sparse) {
        return step(d, cal, m, batch, context, f, weightBytes, weightBytes, kvBytes, dequantization, sparse);
    }

    /**
     * As above with a mixture of experts' routed experts stored at {@code expertWeightBytes} per parameter and the other linear
     * layers at {@code weightBytes}: a checkpoint that quantizes only its experts (gpt-oss: MXFP4 experts, bf16 attention).
     */
    public static Breakdown step(Device d, Calibration cal, Transformer m, long batch, long context, Format f, double weightBytes,
            double expertWeightBytes, double kvBytes, Dequantization dequantization, SparseLinears sparse) {
        Dequantization.Pipe limiter = dequantization != null && Dequantization.unsupported(d).isEmpty()
                ? dequantization.limiter(d, batch) : null;
        String note = limiter == null ? null : dequantization.kernel() + " dequantization bound by " + limiter.name();
        List<OpCost> ops = new ArrayList<>();
        for (TransformerLayer.Group g : TransformerLayer.groups(m)) {
            for (TransformerLayer.Gemm op : TransformerLayer.gemms(m, g, batch, true)) {
                OpCost gemv = TransformerLayer.cost(d, cal, op, f, op.routedExperts() ? expertWeightBytes : weightBytes, sparse);
                if (limiter != null) {
                    gemv = gemv.withCompute(Dequantization.seconds(d, (double) op.n() * op.k() * op.batch() * op.copies(), limiter), note);
                }
                ops.add(gemv.named(g.label(op.name())).times(g.count()));
            }
            ops.add(attentionOverCache(d, cal, m, g, batch, context, f.activations(), kvBytes).times(g.count()));
            ops.add(TransformerLayer.streaming(d, cal, m, g, batch, f.activations()).named(g.label("norms, activation, residuals"))
                    .times(g.count()));
        }
        ops.add(Gemm.estimate(d, cal, batch, m.vocab(), m.hidden(), 1, f.activations()).cost().named("output head"));
        return Breakdown.of("decode step", ops);
    }

    /**
     * FlashMLA's share of the 16-bit tensor peak on its compute-bound decode shapes: "up to 660 TFlops on NVIDIA H800 SXM5 GPUs"
     * (deepseek-ai/FlashMLA README, "Performance Update (2025.04.22)", read 2026-12-03; 580 TFLOPS before it), of the H800's
     * 989.5 TFLOP/s dense bf16 (catalog nvidia-h800-sxm). Applied on every device as an assumption: the only published MLA decode
     * kernel figure read.
     */
    public static final double FLASH_MLA_TENSOR_SHARE = 660.0 / 989.5;

    /**
     * One block's attention over its cache: Q·Kᵀ and P·V FLOPs, reading the cache at its element size — K and V of the
     * last {@code context} tokens (at most the window in a sliding-window block), or under latent attention the latent
     * and rotary key (keyValueRank + ropeDim per token), which the absorbed query attends to directly (DeepSeek-V2
     * §2.1.2; FlashMLA): per head, scores over keyValueRank + ropeDim and values over keyValueRank. Under latent attention all
     * heads share the one latent, so the kernel runs those products on the tensor cores as GEMMs of heads × latent against the
     * cache (FlashMLA; its compute-bound regime "q heads × q tokens ≥ 64"): at {@link #FLASH_MLA_TENSOR_SHARE} of the 16-bit
     * peak. Other attention runs at the vector rate ({@link Streaming}).
     */
    static OpCost attentionOverCache(Device d, Calibration cal, Transformer m, TransformerLayer.Group g, long batch, long context, Format f,
            double kvBytes) {
        long visible = g.local() ? Math.min(context, m.slidingWindow().window()) : context;
        Transformer.LatentAttention mla = m.latentAttention();
        double kv;
        double flops;
        double queries;
        if (mla != null) {
            double latent = (double) mla.keyValueRank() + mla.ropeDim();
            kv = (double) batch * visible * latent * kvBytes;
            flops = 2.0 * batch * m.heads() * visible * (latent + mla.keyValueRank());
            queries = 2.0 * batch * m.heads() * latent * f.inputBytes;
        } else {
            kv = 2.0 * batch * visible * m.kvHeads() * m.headDim() * kvBytes;
            flops = new Attention.Shape(batch, 1, visible, m.heads(), m.kvHeads(), m.headDim(), true).forwardFlops();
            queries = 2.0 * batch * m.heads() * m.headDim() * f.inputBytes;
        }
        Double tensor = mla == null ? null : d.peakPerSecond().getOrDefault(Format.BF16, d.peakPerSecond().get(Format.FP16));
        if (tensor != null) {
            return Streaming.op(d, cal, g.label("attention over KV cache (latent, on the tensor cores)"), kv + queries, flops,
                    tensor * FLASH_MLA_TENSOR_SHARE);
        }
        return Streaming.op(d, cal, g.label("attention over KV cache"), kv + queries, flops);
    }
}
