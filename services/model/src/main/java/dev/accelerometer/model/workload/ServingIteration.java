package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.Streaming;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The time of one iteration of a continuous-batching server (vLLM, SGLang, TensorRT-LLM in-flight batching) on one
 * tensor-parallel replica: every scheduled token — prompt tokens of prefill chunks and one token per decoding sequence —
 * goes through the same layer GEMMs in one pass, each decoding sequence reads its own KV cache, each prefill chunk attends
 * causally over its prompt so far, and the sequences that emit a token this iteration go through the output head.
 * <p>
 * The parts are the costing model's own ({@link TransformerLayer}'s GEMMs and streaming kernels, {@link Decode}'s
 * attention over the cache, {@link Attention}'s fused prefill kernel, {@link Gemm} for the head and a streaming pass over
 * its fp32 logits for sampling), on the t-way shard one
 * rank runs, plus two all-reduces per block over the replica's link (Megatron's row-parallel outputs). So that a
 * simulator can ask for thousands of iterations cheaply, the token-proportional part is tabulated once on a grid of token
 * counts (every power of two and the midpoints between them) and interpolated linearly between grid points; the cache
 * reads are linear in the cached tokens each sequence sees (at most its window in a sliding-window block) and are
 * computed exactly.
 */
public final class ServingIteration {
    /** Grid of token counts the layer work is tabulated at: 1, 2, 3, 4, 6, 8, 12, … up to the largest iteration. */
    private final long[] grid;
    /** Layer GEMMs, streaming kernels and tensor-parallel all-reduces for {@code grid[i]} tokens. */
    private final double[] layerSeconds;
    /** The output head for {@code grid[i]} rows (the sequences that emit a token). */
    private final double[] headSeconds;
    /**
     * Attention over the cache, per block group: its compute and its memory traffic, each linear — seconds per cached token seen and
     * per sequence — and seconds per launch. One batched kernel over all the sequences takes the longer of its compute and its
     * traffic: a latent attention's long contexts are compute-bound on the tensor cores (Decode.FLASH_MLA_TENSOR_SHARE). Other
     * attention is priced by its traffic alone, as before: its decode kernels run the grouped heads' few FLOPs per byte on the tensor
     * cores too, not at the vector rate Decode's single-step estimate bounds them by.
     */
    private final double[] cachePerToken;
    private final double[] cachePerSequence;
    private final double[] computePerToken;
    private final double[] computePerSequence;
    private final double[] cacheFixed;
    private final int[] cacheWindow;
    /** Prefill attention: seconds per FLOP of the fused kernel (at its calibrated ceiling), FLOPs per query-key pair. */
    private final double prefillSecondsPerFlop;
    private final double prefillFlopsPerPair;
    private final double prefillFixed;
    /** Under multi-head latent attention, a later prompt chunk re-expands its cached context: seconds per context token. */
    private final double contextSecondsPerToken;

    private ServingIteration(long[] grid, double[] layerSeconds, double[] headSeconds, double[] cachePerToken, double[] cachePerSequence,
            double[] computePerToken, double[] computePerSequence, double[] cacheFixed, int[] cacheWindow, double prefillSecondsPerFlop,
            double prefillFlopsPerPair, double prefillFixed, double contextSecondsPerToken) {
        this.grid = grid;
        this.layerSeconds = layerSeconds;
        this.headSeconds = headSeconds;
        this.cachePerToken = cachePerToken;
        this.cachePerSequence = cachePerSequence;
        this.computePerToken = computePerToken;
        this.computePerSequence = computePerSequence;
        this.cacheFixed = cacheFixed;
        this.cacheWindow = cacheWindow;
        this.prefillSecondsPerFlop = prefillSecondsPerFlop;
        this.prefillFlopsPerPair = prefillFlopsPerPair;
        this.prefillFixed = prefillFixed;
        this.contextSecondsPerToken = contextSecondsPerToken;
    }

    /**
     * The iteration model of {@code m} on {@code t} devices of {@code d}, computing in {@code f} with weights stored at
     * {@code weightBytes} per parameter and the cache at {@code kvBytes} per element, for iterations of up to
     * {@code maxTokens} tokens. {@code allReduceSeconds} gives one all-reduce of a per-device buffer of that many bytes over the
     * replica's t devices (ignored when t = 1). Prefill attention runs {@code kernel} (in bf16 when {@code f} is fp8 or fp4: FP8
     * and FP4 serving recipes quantize the GEMMs, TensorRT-LLM's and vLLM's default context attention stays in 16 bits).
     */
    public static ServingIteration of(Device d, Calibration cal, Transformer m, int t, Format f, double weightBytes, double kvBytes,
            Attention.Kernel kernel, DoubleUnaryOperator allReduceSeconds, long maxTokens) {
        return of(d, cal, m, t, f, weightBytes, kvBytes, kernel, allReduceSeconds, 1, bytes -> 0, maxTokens);
    }

    /**
     * As {@link #of(Device, Calibration, Transformer, int, Format, double, double, Attention.Kernel, DoubleUnaryOperator, long)} for
     * one batch going through {@code stages} pipeline stages of t devices each (the blocks split between them): the same work
     * and, at each of the stages − 1 boundaries, the tokens' hidden states sent on ({@code sendSeconds} of a per-device buffer
     * of that many bytes). A pipelined replica keeps that many batches in flight (vLLM's virtual engines), each taking this time.
     */
    public static ServingIteration of(Device d, Calibration cal, Transformer m, int t, Format f, double weightBytes, double kvBytes,
            Attention.Kernel kernel, DoubleUnaryOperator allReduceSeconds, int stages, DoubleUnaryOperator sendSeconds, long maxTokens) {
        return of(d, cal, m, t, f, weightBytes, kvBytes, kernel, allReduceSeconds, stages, sendSeconds, 1, tokens -> 0, false, maxTokens);
    }

    /**
     * As above for one rank of an e-way expert-parallel group (e &gt; 1 with t = 1: attention data parallel): the rank's own
     * tokens through the attention, the dense FFNs, the shared experts and the head; its 1/e of the routed experts computing
     * what the e ranks' tokens route to them (the experts touched by all e ranks' tokens, read once); and in every MoE block a
     * dispatch and a combine, each {@code exchangeSeconds} of the rank's tokens — added to the block's compute, or, {@code overlapped},
     * run under the other half-batch's compute (DeepSeek's dual micro-batch overlap, SGLang's two-batch overlap), so the block takes
     * the longer of the two. The ranks step together (the exchange synchronises them), each at its own batch: the model prices one
     * rank's iteration at its own load.
     */
    public static ServingIteration of(Device d, Calibration cal, Transformer m, int t, Format f, double weightBytes, double kvBytes,
            Attention.Kernel kernel, DoubleUnaryOperator allReduceSeconds, int stages, DoubleUnaryOperator sendSeconds, int expertParallel,
            DoubleUnaryOperator exchangeSeconds, boolean overlapped, long maxTokens) {
        Transformer shard = t > 1 || expertParallel > 1 ? m.shard(t, expertParallel) : m;
        List<TransformerLayer.Group> groups = TransformerLayer.groups(shard);
        long top = Math.max(1, maxTokens);
        int points = 0;
        long[] scratch = new long[128];
        for (long p = 1; p < top; p *= 2) {
            scratch[points++] = p;
            if (p >= 2 && p + p / 2 < top) {
                scratch[points++] = p + p / 2;
            }
        }
        scratch[points++] = top;
        long[] grid = java.util.Arrays.copyOf(scratch, points);
        java.util.Arrays.sort(grid);
        double[] layer = new double[points];
        double[] head = new double[points];
        for (int i = 0; i < points; i++) {
            long tokens = grid[i];
            double seconds = 0;
            for (TransformerLayer.Group g : groups) {
                double block = 0;
                for (TransformerLayer.Gemm op : TransformerLayer.gemms(shard, g, tokens, true)) {
                    block += TransformerLayer.cost(d, cal, op, f, weightBytes).timeSeconds();
                }
                block += TransformerLayer.streaming(d, cal, shard, g, tokens, f.activations()).timeSeconds();
                if (t > 1) {
                    // The attention output and the FFN output are row-parallel: one all-reduce of the tokens' hidden states each.
                    block += 2 * allReduceSeconds.applyAsDouble((double) tokens * m.hidden() * Format.BF16.inputBytes);
                }
                if (g.moe() && expertParallel > 1) {
                    double exchange = 2 * exchangeSeconds.applyAsDouble(tokens);
                    block = overlapped ? Math.max(block, exchange) : block + exchange;
                }
                seconds += block * g.count();
            }
            layer[i] = seconds + (stages - 1) * sendSeconds.applyAsDouble((double) tokens * m.hidden() * Format.BF16.inputBytes);
            // The head's logits (fp32, the full vocabulary once gathered) are written, then read by the sampler's softmax and top-k/top-p.
            head[i] = Gemm.estimate(d, cal, tokens, shard.vocab(), shard.hidden(), 1, f.activations()).cost().timeSeconds()
                    + Streaming.op(d, cal, "logits and sampling", 3.0 * 4 * tokens * m.vocab(), 5.0 * tokens * m.vocab()).timeSeconds();
        }
        int n = groups.size();
        double[] perToken = new double[n];
        double[] perSequence = new double[n];
        double[] computeToken = new double[n];
        double[] computeSequence = new double[n];
        double[] fixed = new double[n];
        int[] window = new int[n];
        for (int i = 0; i < n; i++) {
            TransformerLayer.Group g = groups.get(i);
            // Compute and traffic are each linear in the cached tokens a sequence sees and in the sequences: two contexts inside any
            // window give each slope.
            OpCost one = Decode.attentionOverCache(d, cal, shard, g, 1, 1, f, kvBytes);
            OpCost two = Decode.attentionOverCache(d, cal, shard, g, 1, 2, f, kvBytes);
            perToken[i] = (two.memorySeconds() - one.memorySeconds()) * g.count();
            perSequence[i] = one.memorySeconds() * g.count() - perToken[i];
            if (shard.latentAttention() != null) {
                computeToken[i] = (two.computeSeconds() - one.computeSeconds()) * g.count();
                computeSequence[i] = one.computeSeconds() * g.count() - computeToken[i];
            }
            fixed[i] = one.fixedSeconds() * g.count();
            window[i] = g.local() ? m.slidingWindow().window() : Integer.MAX_VALUE;
        }
        Format attention = f.gemmOnly() ? Format.BF16 : f;
        long reference = 4096;
        // One sequence's query-key pairs at the reference length; every block attends over them, so the FLOPs per pair are the
        // sum over all blocks (a prompt's attention time is its pairs times every block's work per pair, not one block's).
        double pairs = reference * (reference + 1) / 2.0;
        double flops = 0;
        double prefillSeconds = 0;
        double prefillLaunch = 0;
        for (TransformerLayer.Group g : groups) {
            Attention.Shape s = TransformerLayer.attention(shard, g, 1, reference, reference);
            OpCost cost = Attention.estimate(d, cal, s, kernel, Attention.Pass.FORWARD, attention);
            flops += s.forwardFlops() * g.count();
            prefillSeconds += (cost.timeSeconds() - cost.fixedSeconds()) * g.count();
            prefillLaunch += cost.fixedSeconds() * g.count();
        }
        return new ServingIteration(grid, layer, head, perToken, perSequence, computeToken, computeSequence, fixed, window, prefillSeconds / flops,
                flops / pairs, prefillLaunch, contextSecondsPerToken(d, cal, shard, groups, f, weightBytes, reference));
    }

    /**
     * Multi-head latent attention caches the latent, not per-head keys and values, so a prompt chunk after the first attends to
     * its cached context by expanding that latent again through the key-value up-projection (vLLM v0.8.4
     * {@code _compute_prefill_context}: "gather_cache" then "self.kv_b_proj(kv_c_normed)" and a non-causal pass merged with the
     * chunk's own; SGLang v0.4.5.post2 {@code _chunked_prefix_attn_mha}: the same for prefixes of 8,192 tokens or more; read
     * 2026-12-02 at the releases' tag commits). Per context token: that GEMM in every MLA block, on the shard. Zero for other
     * attention, whose cache holds the keys and values themselves.
     */
    private static double contextSecondsPerToken(Device d, Calibration cal, Transformer shard, List<TransformerLayer.Group> groups, Format f,
            double weightBytes, long reference) {
        Transformer.LatentAttention mla = shard.latentAttention();
        if (mla == null) {
            return 0;
        }
        TransformerLayer.Gemm upProjection = TransformerLayer.keyValueUpProjection(shard, mla, reference);
        double seconds = TransformerLayer.cost(d, cal, upProjection, f, weightBytes).timeSeconds();
        return seconds / reference * groups.stream().mapToInt(TransformerLayer.Group::count).sum();
    }

    /** Layer GEMMs, streaming kernels and all-reduces for {@code tokens} tokens, interpolated on the grid. */
    public double layerSeconds(long tokens) {
        return interpolate(layerSeconds, tokens);
    }

    /** The output head for {@code rows} sequences emitting a token. */
    public double headSeconds(long rows) {
        return rows <= 0 ? 0 : interpolate(headSeconds, rows);
    }

    /** Number of block groups whose cache reads {@link #cacheSeconds} takes a visible-token sum for. */
    public int cacheGroups() {
        return cachePerToken.length;
    }

    /** The window of group {@code i} (Integer.MAX_VALUE for full attention). */
    public int cacheWindow(int i) {
        return cacheWindow[i];
    }

    /** Attention over the cache of {@code sequences} decoding sequences that see {@code visible[i]} cached tokens in all, per group. */
    public double cacheSeconds(int sequences, double[] visible) {
        if (sequences == 0) {
            return 0;
        }
        double seconds = 0;
        for (int i = 0; i < cachePerToken.length; i++) {
            seconds += cacheSeconds(i, sequences, visible[i]);
        }
        return seconds;
    }

    /** Whether every block attends over its whole cache (no sliding window): then one visible-token sum serves every group. */
    public boolean fullAttention() {
        for (int w : cacheWindow) {
            if (w != Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** {@link #cacheSeconds} when every group sees the same {@code visible} tokens in all (full attention). */
    public double cacheSeconds(int sequences, double visible) {
        if (sequences == 0) {
            return 0;
        }
        double seconds = 0;
        for (int i = 0; i < cachePerToken.length; i++) {
            seconds += cacheSeconds(i, sequences, visible);
        }
        return seconds;
    }

    /** Group {@code i}'s batched kernel: its launch, then the longer of its compute and its traffic. */
    private double cacheSeconds(int i, int sequences, double visible) {
        return cacheFixed[i] + Math.max(computePerSequence[i] * sequences + computePerToken[i] * visible,
                cachePerSequence[i] * sequences + cachePerToken[i] * visible);
    }

    /** Re-expanding {@code contextTokens} cached tokens for later prompt chunks (multi-head latent attention only; else 0). */
    public double prefillContextSeconds(double contextTokens) {
        return contextTokens <= 0 ? 0 : contextTokens * contextSecondsPerToken;
    }

    /** Causal prefill attention over {@code pairs} query-key pairs (Σ over chunks of chunk × (prefix + (chunk + 1)/2)). */
    public double prefillAttentionSeconds(double pairs) {
        return pairs <= 0 ? 0 : prefillFixed + pairs * prefillFlopsPerPair * prefillSecondsPerFlop;
    }

    private double interpolate(double[] table, long x) {
        if (x <= grid[0]) {
            return table[0] * x / grid[0];
        }
        int last = grid.length - 1;
        if (x >= grid[last]) {
            return table[last] * x / grid[last];
        }
        int hi = java.util.Arrays.binarySearch(grid, x);
        if (hi >= 0) {
            return table[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double w = (double) (x - grid[lo]) / (grid[hi] - grid[lo]);
        return table[lo] + w * (table[hi] - table[lo]);
    }
}
