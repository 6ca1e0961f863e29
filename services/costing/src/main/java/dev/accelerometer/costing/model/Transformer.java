package dev.accelerometer.costing.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A transformer as the operations it runs, each costed by {@link Gemm}, {@link Attention} and {@link Streaming}.
 * Per layer: QKV projection, attention, output projection, FFN up (gated FFNs: one fused 2f-wide GEMM) and down,
 * two norms, the activation, two residual adds. Training adds the backward of each (data- and weight-gradient GEMMs,
 * 2× the streaming traffic), the LM/MLM head with its loss, and one optimizer step over all parameters.
 * The breakdown adds up to the total: every entry is one operation type summed over the layers.
 */
public final class Transformer {
    /** BERT's masked-LM head runs on the masked positions only: 15 % of tokens (Devlin et al. 2019, §3.1). */
    public static final double MLM_MASKED_FRACTION = 0.15;

    private Transformer() {
    }

    public record Shape(String name, boolean decoder, int layers, int hidden, int heads, int kvHeads, int headDim,
            int ffn, boolean gatedFfn, int vocab, long parameters) {
    }

    public record Breakdown(List<OpCost> operations, OpCost total) {
    }

    /** One training step (forward, backward, optimizer) on {@code batch} sequences of {@code sequence} tokens. */
    public static Breakdown trainingStep(Device d, Calibration cal, Shape m, long batch, long sequence, Format f,
            Attention.Kernel kernel, String optimizer) {
        List<OpCost> ops = new ArrayList<>();
        long tokens = batch * sequence;
        for (Layer op : layerGemms(m, tokens)) {
            OpCost forward = Gemm.estimate(d, cal, op.m, op.n, op.k, 1, f).cost();
            OpCost dgrad = Gemm.estimate(d, cal, op.m, op.k, op.n, 1, f).cost();
            OpCost wgrad = Gemm.estimate(d, cal, op.k, op.n, op.m, 1, f).cost();
            ops.add(forward.named(op.name + " forward").times(m.layers()));
            ops.add(OpCost.sequence(op.name + " backward", List.of(dgrad, wgrad)).times(m.layers()));
        }
        Attention.Shape attention = new Attention.Shape(batch, sequence, sequence, m.heads(), m.kvHeads(), m.headDim(), m.decoder());
        ops.add(Attention.estimate(d, cal, attention, kernel, Attention.Pass.FORWARD, f).named("attention forward").times(m.layers()));
        ops.add(Attention.estimate(d, cal, attention, kernel, Attention.Pass.BACKWARD, f).named("attention backward").times(m.layers()));
        OpCost streaming = layerStreaming(d, cal, m, tokens, f);
        ops.add(streaming.named("norms, activation, residuals forward").times(m.layers()));
        ops.add(streaming.named("norms, activation, residuals backward").times(2.0 * m.layers()));
        long headTokens = m.decoder() ? tokens : (long) Math.ceil(tokens * MLM_MASKED_FRACTION);
        ops.add(Gemm.estimate(d, cal, headTokens, m.vocab(), m.hidden(), 1, f).cost().named("output head forward"));
        ops.add(OpCost.sequence("output head backward", List.of(
                Gemm.estimate(d, cal, headTokens, m.hidden(), m.vocab(), 1, f).cost(),
                Gemm.estimate(d, cal, m.hidden(), m.vocab(), headTokens, 1, f).cost())));
        // Softmax cross-entropy over the logits: read logits, write gradients (fp32 for the loss).
        double logits = (double) headTokens * m.vocab();
        ops.add(Streaming.op(d, cal, "loss (softmax cross-entropy)", logits * (f.inputBytes + 4 + f.inputBytes), 6 * logits));
        ops.add(Streaming.op(d, cal, "optimizer step", m.parameters() * Streaming.optimizerBytesPerParameter(optimizer),
                10.0 * m.parameters()));
        ops.add(stepOverhead(cal, ops));
        return new Breakdown(ops, OpCost.sequence("training step", ops));
    }

    /**
     * What an end-to-end step spends around its kernels (framework dispatch and synchronisation, allocator, loss scaling,
     * data loading): kernels ÷ efficiency − kernels, with the efficiency calibrated on end-to-end runs.
     */
    static OpCost stepOverhead(Calibration cal, List<OpCost> kernels) {
        double kernelSeconds = OpCost.sequence("kernels", kernels).timeSeconds();
        double overhead = kernelSeconds * (1 / cal.trainingStepEfficiency() - 1);
        return OpCost.of("framework and scheduling overhead", 0, 0, 0, 0, overhead,
                List.of(String.format("end-to-end runs spend %.1f %% of a step in its kernels (%s)", cal.trainingStepEfficiency() * 100,
                        cal.trainingStepSource())));
    }

    /** Prefill: one forward pass over {@code batch} prompts of {@code sequence} tokens; logits only for the last token. */
    public static Breakdown prefill(Device d, Calibration cal, Shape m, long batch, long sequence, Format f, Attention.Kernel kernel) {
        List<OpCost> ops = new ArrayList<>();
        long tokens = batch * sequence;
        for (Layer op : layerGemms(m, tokens)) {
            ops.add(Gemm.estimate(d, cal, op.m, op.n, op.k, 1, f).cost().named(op.name).times(m.layers()));
        }
        Attention.Shape attention = new Attention.Shape(batch, sequence, sequence, m.heads(), m.kvHeads(), m.headDim(), m.decoder());
        ops.add(Attention.estimate(d, cal, attention, kernel, Attention.Pass.FORWARD, f).named("attention").times(m.layers()));
        ops.add(layerStreaming(d, cal, m, tokens, f).named("norms, activation, residuals").times(m.layers()));
        ops.add(Gemm.estimate(d, cal, batch, m.vocab(), m.hidden(), 1, f).cost().named("output head (last token)"));
        return new Breakdown(ops, OpCost.sequence("prefill", ops));
    }

    /**
     * One decode step: {@code batch} new tokens, each attending over a KV cache of {@code context} tokens. At small
     * batch every weight is read once per token, so the step is bandwidth-bound.
     */
    public static Breakdown decodeStep(Device d, Calibration cal, Shape m, long batch, long context, Format f) {
        return decodeStep(d, cal, m, batch, context, f, f.inputBytes, f.inputBytes);
    }

    /**
     * A decode step with the layer weights stored at {@code weightBytes} per parameter (weight-only quantization,
     * constants included) and the KV cache at {@code kvBytes} per element; compute runs in {@code f}.
     */
    public static Breakdown decodeStep(Device d, Calibration cal, Shape m, long batch, long context, Format f, double weightBytes,
            double kvBytes) {
        return decodeStep(d, cal, m, batch, context, f, weightBytes, kvBytes, null);
    }

    /**
     * As above, with the layer GEMVs run by a dequantizing kernel whose instruction work ({@code dequantization}, null for
     * none) competes with the weight reads: each GEMV's compute time is the longer of its tensor/FP work and the
     * kernel's busiest instruction pipe (see {@link Dequantization}).
     */
    public static Breakdown decodeStep(Device d, Calibration cal, Shape m, long batch, long context, Format f, double weightBytes,
            double kvBytes, Dequantization dequantization) {
        Dequantization.Pipe limiter = dequantization != null && Dequantization.unsupported(d).isEmpty()
                ? dequantization.limiter(d, batch) : null;
        String note = limiter == null ? null : dequantization.kernel() + " dequantization bound by " + limiter.name();
        List<OpCost> ops = new ArrayList<>();
        for (Layer op : layerGemms(m, batch)) {
            OpCost gemv = Gemm.estimate(d, cal, op.m, op.n, op.k, 1, f, weightBytes).cost();
            if (limiter != null) {
                gemv = gemv.withCompute(Dequantization.seconds(d, (double) op.n * op.k, limiter), note);
            }
            ops.add(gemv.named(op.name).times(m.layers()));
        }
        // Attention over the cache: Q·Kᵀ and P·V FLOPs, reading K and V at the cache's element size.
        double kv = 2.0 * batch * context * m.kvHeads() * m.headDim() * kvBytes;
        double attentionFlops = new Attention.Shape(batch, 1, context, m.heads(), m.kvHeads(), m.headDim(), true).forwardFlops();
        ops.add(Streaming.op(d, cal, "attention over KV cache", kv + 2.0 * batch * m.heads() * m.headDim() * f.inputBytes, attentionFlops)
                .named("attention over KV cache").times(m.layers()));
        ops.add(layerStreaming(d, cal, m, batch, f).named("norms, activation, residuals").times(m.layers()));
        ops.add(Gemm.estimate(d, cal, batch, m.vocab(), m.hidden(), 1, f).cost().named("output head"));
        return new Breakdown(ops, OpCost.sequence("decode step", ops));
    }

    /** KV-cache bytes per token of context: 2 (K and V) · layers · kvHeads · headDim · element size. */
    public static double kvCacheBytesPerToken(Shape m, Format f) {
        return 2.0 * m.layers() * m.kvHeads() * m.headDim() * f.inputBytes;
    }

    record Layer(String name, long m, long n, long k) {
    }

    static List<Layer> layerGemms(Shape m, long tokens) {
        long attentionWidth = (long) m.heads() * m.headDim();
        long qkv = ((long) m.heads() + 2L * m.kvHeads()) * m.headDim();
        long up = m.gatedFfn() ? 2L * m.ffn() : m.ffn();
        return List.of(
                new Layer("QKV projection", tokens, qkv, m.hidden()),
                new Layer("attention output projection", tokens, m.hidden(), attentionWidth),
                new Layer("FFN up" + (m.gatedFfn() ? " (gate and up fused)" : ""), tokens, up, m.hidden()),
                new Layer("FFN down", tokens, m.hidden(), m.ffn()));
    }

    /** Per layer: 2 norms (read, write), activation (read up-projection, write f), 2 residual adds (read 2, write 1). */
    static OpCost layerStreaming(Device d, Calibration cal, Shape m, long tokens, Format f) {
        double e = f.inputBytes;
        double th = (double) tokens * m.hidden();
        double tf = (double) tokens * m.ffn();
        double norms = 2 * 2 * th * e;
        double activation = ((m.gatedFfn() ? 2 : 1) * tf + tf) * e;
        double residuals = 2 * 3 * th * e;
        // Fused elementwise kernels (norms, bias+activation, residual) — five launches per layer.
        OpCost op = Streaming.op(d, cal, "streaming", norms + activation + residuals, 8 * th + 8 * tf);
        return new OpCost(op.name(), op.flops(), op.bytes(), op.timeSeconds() + 4 * cal.kernelLatencySeconds(),
                op.computeSeconds(), op.memorySeconds(), op.fixedSeconds() + 4 * cal.kernelLatencySeconds(), op.bound(), 1, List.of());
    }
}
