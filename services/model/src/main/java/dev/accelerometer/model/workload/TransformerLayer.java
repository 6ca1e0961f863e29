package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.Streaming;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations of one transformer block: the attention projections (QKV, or multi-head latent attention's down- and
 * up-projections), attention, the output projection, the FFN — dense (up, with the gate fused into one 2f-wide GEMM when
 * gated, and down) or a mixture of experts (router, the experts as one grouped GEMM over their tokens, shared experts) —
 * two norms, the activation, two residual adds. A model's blocks fall into at most four {@link Group}s of identical
 * blocks: dense or MoE FFN, full or sliding-window attention.
 */
final class TransformerLayer {
    private TransformerLayer() {
    }

    /** {@code count} identical blocks: MoE FFN or dense, sliding-window attention or full. */
    record Group(int count, boolean moe, boolean local) {
        String label(String what) {
            return what + (moe ? " (MoE blocks)" : "") + (local ? " (sliding-window blocks)" : "");
        }
    }

    /**
     * One GEMM of a block: {@code batch} independent GEMMs of M × N × K (the experts of a grouped GEMM), run
     * {@code copies} times (the expected experts a decode batch touches, which need not be whole).
     */
    record Gemm(String name, long m, long n, long k, long batch, double copies, Linear linear) {
        Gemm(String name, long m, long n, long k, Linear linear) {
            this(name, m, n, k, 1, 1, linear);
        }

        /** Whether this is a MoE block's grouped GEMM over its routed experts (not the router or the shared experts). */
        boolean routedExperts() {
            return name.startsWith(ROUTED_EXPERTS);
        }

        /** The backward pass's data gradient: M × K from the output gradient (M × N) and the weights (N × K). */
        Gemm dataGradient() {
            return new Gemm(name, m, k, n, batch, copies, linear);
        }

        /** The backward pass's weight gradient: K × N from the input (K × M, transposed) and the output gradient (M × N). */
        Gemm weightGradient() {
            return new Gemm(name, k, n, m, batch, copies, linear);
        }
    }

    /** Which part of the block a GEMM's weights belong to (what a sparsity specification selects). */
    enum Linear { ATTENTION, FFN, ROUTER }

    /** How the routed experts' GEMMs are named. */
    static final String ROUTED_EXPERTS = "experts ";

    /** The model's blocks grouped by FFN (dense / MoE) and attention (full / window); encoder-decoders are not grouped here. */
    static List<Group> groups(Transformer m) {
        int[][] counts = new int[2][2];
        Transformer.Mixture moe = m.moe();
        Transformer.SlidingWindow window = m.slidingWindow();
        for (int i = 0; i < m.layers(); i++) {
            boolean expert = moe != null && i >= moe.denseLayers() && (i + 1) % Math.max(1, moe.layerInterval()) == 0;
            boolean local = window != null && (window.globalEvery() <= 0 || (i + 1) % window.globalEvery() != 0);
            counts[expert ? 1 : 0][local ? 1 : 0]++;
        }
        List<Group> groups = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            for (int l = 0; l < 2; l++) {
                if (counts[e][l] > 0) {
                    groups.add(new Group(counts[e][l], e == 1, l == 1));
                }
            }
        }
        return groups;
    }

    /**
     * The GEMMs of one block of {@code g} for {@code tokens} tokens. {@code decode}: the experts run as the expected
     * number a batch of that many tokens touches, E·(1 − (1 − k/E)^T) under uniform routing, each on its share of the
     * tokens; otherwise as a grouped GEMM over all E experts, each on k·T/E tokens (× the capacity factor when set).
     */
    /** MLA's key-value up-projection of {@code tokens} latents into every head's keys and values (the serving iteration's re-expansion too). */
    static Gemm keyValueUpProjection(Transformer m, Transformer.LatentAttention mla, long tokens) {
        return new Gemm("key-value up-projection (MLA)", tokens, (long) m.heads() * (mla.nopeDim() + mla.valueDim()), mla.keyValueRank(),
                Linear.ATTENTION);
    }

    static List<Gemm> gemms(Transformer m, Group g, long tokens, boolean decode) {
        List<Gemm> list = new ArrayList<>();
        long h = m.hidden();
        Transformer.LatentAttention mla = m.latentAttention();
        if (mla != null) {
            long queryOut = (long) m.heads() * mla.queryKeyDim();
            if (mla.queryRank() > 0) {
                list.add(new Gemm("query down-projection (MLA)", tokens, mla.queryRank(), h, Linear.ATTENTION));
                list.add(new Gemm("query up-projection (MLA)", tokens, queryOut, mla.queryRank(), Linear.ATTENTION));
            } else {
                list.add(new Gemm("query projection (MLA)", tokens, queryOut, h, Linear.ATTENTION));
            }
            list.add(new Gemm("key-value down-projection (MLA latent and rotary key)", tokens, (long) mla.keyValueRank() + mla.ropeDim(), h, Linear.ATTENTION));
            // Prefill and training rebuild per-head keys and values from the latent; decode absorbs the same matrix into the
            // query and the output (DeepSeek-V2 §2.1.2): the same weights and FLOPs per token either way.
            list.add(keyValueUpProjection(m, mla, tokens));
        } else {
            list.add(new Gemm("QKV projection", tokens, ((long) m.heads() + 2L * m.kvHeads()) * m.headDim(), h, Linear.ATTENTION));
        }
        list.add(new Gemm("attention output projection", tokens, h, m.attentionWidth(), Linear.ATTENTION));
        int gate = m.gatedFfn() ? 2 : 1;
        if (!g.moe()) {
            list.add(new Gemm("FFN up" + (m.gatedFfn() ? " (gate and up fused)" : ""), tokens, gate * (long) m.ffn(), h, Linear.FFN));
            list.add(new Gemm("FFN down", tokens, h, m.ffn(), Linear.FFN));
            return list;
        }
        Transformer.Mixture moe = m.moe();
        list.add(new Gemm("router", tokens, moe.experts(), h, Linear.ROUTER));
        if (decode) {
            // One grouped launch over the experts the batch touches, as inference runtimes run them (vLLM's and SGLang's fused_moe
            // Triton kernel, TensorRT-LLM's MoE plugin, llama.cpp's mul_mat_id: one kernel per projection for all experts), not a
            // kernel per expert: its weight reads scale with the expected experts touched, its launch latency is paid once. The
            // expected count need not be whole: a grouped GEMM of ⌈touched⌉ experts scaled to the expectation.
            double touched = moe.expectedExpertsTouched(tokens);
            long each = (long) Math.ceil(tokens * (double) moe.expertsPerToken() / touched);
            long group = (long) Math.ceil(touched);
            list.add(new Gemm(ROUTED_EXPERTS + "up (of " + moe.experts() + ", " + round(touched) + " touched, one grouped kernel)", each,
                    gate * (long) moe.expertFfn(), h, group, touched / group, Linear.FFN));
            list.add(new Gemm(ROUTED_EXPERTS + "down (grouped)", each, h, moe.expertFfn(), group, touched / group, Linear.FFN));
        } else {
            long each = Math.max(1, (long) Math.ceil(moe.tokensPerExpert(tokens)));
            list.add(new Gemm(ROUTED_EXPERTS + "up (grouped GEMM, " + moe.experts() + " experts × " + each + " tokens)", each,
                    gate * (long) moe.expertFfn(), h, moe.experts(), 1, Linear.FFN));
            list.add(new Gemm(ROUTED_EXPERTS + "down (grouped GEMM)", each, h, moe.expertFfn(), moe.experts(), 1, Linear.FFN));
        }
        if (moe.sharedExperts() > 0) {
            long shared = (long) moe.sharedExperts() * moe.sharedExpertFfn();
            list.add(new Gemm("shared experts up", tokens, gate * shared, h, Linear.FFN));
            list.add(new Gemm("shared experts down", tokens, h, shared, Linear.FFN));
        }
        return list;
    }

    /** One GEMM's cost: weights at {@code weightBytes} per parameter, its copies included. */
    static OpCost cost(Device d, Calibration cal, Gemm op, Format f, double weightBytes) {
        return cost(d, cal, op, f, weightBytes, null);
    }

    /** As {@link #cost(Device, Calibration, Gemm, Format, double)}, through the sparse kernel when {@code sparse} covers the GEMM. */
    static OpCost cost(Device d, Calibration cal, Gemm op, Format f, double weightBytes, SparseLinears sparse) {
        OpCost one = sparse != null && sparse.covers(op)
                ? dev.accelerometer.model.kernel.SparseGemm.cost(d, sparse.structuredSparsityFactor(), cal, op.m(), op.n(), op.k(), op.batch(), f,
                        sparse.spec())
                : dev.accelerometer.model.kernel.Gemm.estimate(d, cal, op.m(), op.n(), op.k(), op.batch(), f, weightBytes).cost();
        return op.copies() == 1 ? one : one.times(op.copies());
    }

    /** The attention core of one block of {@code g}: full, or over the window. */
    static Attention.Shape attention(Transformer m, Group g, long batch, long queries, long keys) {
        int window = g.local() ? m.slidingWindow().window() : 0;
        Transformer.LatentAttention mla = m.latentAttention();
        if (mla != null) {
            // Per head: scores over nope + rope dimensions, values over valueDim; the mean head dimension gives both FLOPs.
            return new Attention.Shape(batch, queries, keys, m.heads(), m.heads(), (mla.queryKeyDim() + mla.valueDim()) / 2, m.decoder(),
                    window);
        }
        return new Attention.Shape(batch, queries, keys, m.heads(), m.kvHeads(), m.headDim(), m.decoder(), window);
    }

    /** FFN activation width per token of a block: f dense; k·expert + shared widths in a MoE block. */
    static double ffnWidth(Transformer m, Group g) {
        if (!g.moe()) {
            return m.ffn();
        }
        Transformer.Mixture moe = m.moe();
        return moe.expertsPerToken() * (double) moe.expertFfn() * moe.tokenShare() + (double) moe.sharedExperts() * moe.sharedExpertFfn();
    }

    /**
     * Per block: 2 norms (read, write), activation (read up-projection, write f), 2 residual adds (read 2, write 1); a MoE
     * block also permutes every token to its k experts and back (read h, write k·h, then read k·h, write h: MegaBlocks'
     * and Megatron-Core's token permutation) and weights the expert outputs.
     */
    static OpCost streaming(Device d, Calibration cal, Transformer m, Group g, long tokens, Format f) {
        double e = f.inputBytes;
        double th = (double) tokens * m.hidden();
        double tf = tokens * ffnWidth(m, g);
        double norms = 2 * 2 * th * e;
        double activation = ((m.gatedFfn() ? 2 : 1) * tf + tf) * e;
        double residuals = 2 * 3 * th * e;
        double permutation = 0;
        if (g.moe()) {
            double k = m.moe().expertsPerToken() * m.moe().tokenShare();
            permutation = 2 * (th + k * th) * e + tokens * (double) m.moe().experts() * 4;
        }
        // Fused elementwise kernels (norms, bias+activation, residual) — five launches per block; a MoE block adds the
        // router's top-k, the permutation and the un-permutation.
        return Streaming.op(d, cal, "streaming", norms + activation + residuals + permutation, 8 * th + 8 * tf)
                .plusFixed((g.moe() ? 7 : 4) * cal.kernelLatencySeconds());
    }

    /**
     * What a block run op by op in framework eager mode (PyTorch without fused kernels: Hugging Face's and NVIDIA
     * DeepLearningExamples' BERT, torch.nn.TransformerEncoderLayer) moves beyond the fused kernels {@link #streaming} charges,
     * counted from the operations such code runs (forward, then the backward's {@code backward == true}):
     * <ul>
     * <li>splitting Q, K and V into heads for the batched score and value matmuls and merging the heads' outputs back: a
     * permuted (batch, heads, tokens, head dim) view is not a batched matrix, so each is copied contiguous (read and write
     * tokens × width); the backward copies their gradients back the same way;</li>
     * <li>with linear biases, each bias gradient is its own reduction over the tokens (read the output gradient);</li>
     * <li>an encoder's two hidden-state dropouts (after the attention output projection and after the FFN; BERT configs'
     * hidden_dropout_prob 0.1 — decoder pretraining configs set 0 and skip it): read, write, a 1-byte mask; the backward
     * reads the gradient and the mask and writes the gradient;</li>
     * <li>one launch per copy, reduction and dropout.</li>
     * </ul>
     * Attention's own eager passes (scale, mask, dropout of the scores) are {@link dev.accelerometer.model.kernel.Attention}'s.
     */
    static OpCost eagerExtras(Device d, Calibration cal, Transformer m, Group g, long tokens, Format f, boolean backward) {
        double e = f.inputBytes;
        double t = tokens;
        double qkv = ((double) m.heads() + 2.0 * m.kvHeads()) * m.headDim();
        double heads = 2 * t * (qkv + m.attentionWidth()) * e;
        int launches = 4;
        double biases = 0;
        if (backward && m.layout() != null && m.layout().linearBiases()) {
            biases = t * (qkv + 2.0 * m.hidden() + (m.gatedFfn() ? 2 : 1) * ffnWidth(m, g)) * e;
            launches += 4;
        }
        double dropout = 0;
        if (!m.decoder()) {
            dropout = 2 * (2 * t * m.hidden() * e + t * m.hidden());
            launches += 2;
        }
        return Streaming.op(d, cal, "eager head copies, dropouts, bias gradients", heads + biases + dropout, 0)
                .plusFixed((launches - 1) * cal.kernelLatencySeconds());
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
