package dev.accelerometer.model.architecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A transformer: its blocks' dimensions and everything else that holds parameters, so that {@link #parameters()} is
 * the exact count the released checkpoint has (Hugging Face {@code num_parameters()} of the base model: BertModel with
 * its pooler, GPT2Model, LlamaForCausalLM with its untied head) and not a rounded published figure.
 *
 * <p>Per block: Q and O projections (h × heads·d), K and V (h × kvHeads·d), the FFN (two matrices h × f, three when
 * gated), their biases where the architecture has them, and two norms (LayerNorm: weight and bias, 2h; RMSNorm: h).
 * Outside the blocks: the token embedding (vocab × h), learned positions (rows × h), token-type embeddings (BERT), a
 * norm after the embeddings (BERT, BLOOM), a final norm (pre-norm models), the BERT pooler (h × h + h) and the output
 * head when it is not tied to the embedding. The parts and their sources are in {@link ParameterCount}.
 *
 * <p>Today's shapes on top of that: a {@link Mixture} of experts in some or all blocks (Mixtral, DeepSeek, Qwen MoE,
 * GPT-OSS, Llama 4), {@link LatentAttention} (DeepSeek-V2/V3's multi-head latent attention, which replaces the Q/K/V
 * projections and caches a compressed latent), a {@link SlidingWindow} on some or all blocks (Mistral, Gemma 2/3,
 * GPT-OSS), parallel attention and FFN from one norm (GPT-J, PaLM, Falcon), and encoder-decoder stacks (T5: the decoder
 * blocks add cross-attention). Null / false / 0 where the model has none of them.
 */
public record Transformer(String name, Kind kind, int layers, int hidden, int heads, int kvHeads, int headDim, int ffn,
        FfnKind ffnKind, int vocab, Integer maxSequenceLength, Layout layout, Long publishedParameters, Mixture moe,
        LatentAttention latentAttention, SlidingWindow slidingWindow, boolean parallelBlocks, int decoderLayers,
        Long publishedActiveParameters) {

    /** A dense transformer (no experts, latent attention, window or parallel blocks). */
    public Transformer(String name, Kind kind, int layers, int hidden, int heads, int kvHeads, int headDim, int ffn, FfnKind ffnKind,
            int vocab, Integer maxSequenceLength, Layout layout, Long publishedParameters) {
        this(name, kind, layers, hidden, heads, kvHeads, headDim, ffn, ffnKind, vocab, maxSequenceLength, layout, publishedParameters,
                null, null, null, false, 0, null);
    }

    /**
     * Routed experts in the FFN of some blocks (Shazeer et al. 2017; Fedus et al. 2022): each token goes to
     * {@code expertsPerToken} of {@code experts} experts of width {@code expertFfn}, plus {@code sharedExperts} that
     * every token uses (DeepSeekMoE, Dai et al. 2024) of width {@code sharedExpertFfn}; a router (h × experts) scores
     * them. The first {@code denseLayers} blocks keep a dense FFN of width {@link #ffn()} (DeepSeek's
     * first_k_dense_replace); after them every {@code layerInterval}-th block is a MoE block (block i, counted from 0,
     * when (i + 1) is a multiple of the interval: Llama 4 Maverick's interleave step 2), the others dense.
     * {@code capacityFactor}: the slots per expert as a multiple of the uniform share (Switch Transformer), null for a
     * dropless router (MegaBlocks), whose experts are costed at their uniform share. {@code tokenShare}: the share of a
     * block's tokens whose routed-expert work one rank does — 1, except in a shard whose expert-parallel group folds over
     * the tensor-parallel ranks, where each rank routes only its 1/t of the sequence-parallel tokens. {@code expertParallel}: the
     * ranks the routed experts are split over in a shard ({@code experts} is then one rank's), whose tokens all route to them.
     */
    public record Mixture(int experts, int expertsPerToken, int sharedExperts, int expertFfn, int sharedExpertFfn, int denseLayers,
            int layerInterval, Double capacityFactor, double tokenShare, int expertParallel) {

        public Mixture(int experts, int expertsPerToken, int sharedExperts, int expertFfn, int sharedExpertFfn, int denseLayers,
                int layerInterval, Double capacityFactor, double tokenShare) {
            this(experts, expertsPerToken, sharedExperts, expertFfn, sharedExpertFfn, denseLayers, layerInterval, capacityFactor, tokenShare, 1);
        }

        public Mixture(int experts, int expertsPerToken, int sharedExperts, int expertFfn, int sharedExpertFfn, int denseLayers,
                int layerInterval, Double capacityFactor) {
            this(experts, expertsPerToken, sharedExperts, expertFfn, sharedExpertFfn, denseLayers, layerInterval, capacityFactor, 1);
        }

        /** The blocks (of {@code layers}) that route their FFN through the experts. */
        public int moeLayers(int layers) {
            // Blocks i in [denseLayers, layers) with (i + 1) a multiple of the interval.
            int n = Math.max(1, layerInterval);
            return denseLayers >= layers ? 0 : layers / n - denseLayers / n;
        }

        /**
         * Expected distinct experts a batch of {@code tokens} tokens touches in one block under uniform routing: E·(1 − (1 − k/E)^B).
         * In a shard of e expert-parallel ranks, {@code tokens} per rank: of this rank's E/e experts, those the e·B tokens of all
         * ranks touch, (E/e)·(1 − (1 − k/E)^(e·B)).
         */
        public double expectedExpertsTouched(double tokens) {
            int ep = Math.max(1, expertParallel);
            double all = (double) experts * ep;
            return experts * (1 - Math.pow(1 - expertsPerToken / all, tokens * ep));
        }

        /** Tokens each expert computes for {@code tokens} tokens: the uniform share k·T/E (of this rank's token share), times the capacity factor when set. */
        public double tokensPerExpert(double tokens) {
            return tokens * tokenShare * expertsPerToken / experts * (capacityFactor == null ? 1 : capacityFactor);
        }
    }

    /**
     * Multi-head latent attention (DeepSeek-V2, Liu et al. 2024 §2.1): queries through an optional low-rank
     * {@code queryRank} (0: a full h × heads·(nope + rope) projection), keys and values rebuilt per head from a
     * {@code keyValueRank} latent, plus a {@code ropeDim} rotary key shared by the heads; heads use {@code nopeDim} +
     * {@code ropeDim} for scores and {@code valueDim} for values. The KV cache holds the latent and the rotary key:
     * keyValueRank + ropeDim elements per token per block.
     */
    public record LatentAttention(int queryRank, int keyValueRank, int nopeDim, int ropeDim, int valueDim) {
        public int queryKeyDim() {
            return nopeDim + ropeDim;
        }
    }

    /**
     * Local attention over the last {@code window} tokens (Beltagy et al. 2020; Mistral 7B). {@code globalEvery}: 0 when
     * every block is local (Mistral 7B v0.1), n when block i (from 0) attends globally if (i + 1) is a multiple of n and
     * locally otherwise (Gemma 2 and GPT-OSS: 2; Gemma 3: 6).
     */
    public record SlidingWindow(int window, int globalEvery) {
        public int localLayers(int layers) {
            return globalEvery <= 0 ? layers : layers - layers / globalEvery;
        }
    }

    public enum Kind {
        ENCODER, DECODER, ENCODER_DECODER;

        public String slug() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum FfnKind {
        GELU, RELU, SWIGLU, GEGLU;

        /** Gated FFNs (SwiGLU, GeGLU; Shazeer 2020) have a gate matrix beside the up projection. */
        public boolean gated() {
            return this == SWIGLU || this == GEGLU;
        }

        public String slug() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<FfnKind> fromSlug(String slug) {
            return Arrays.stream(values()).filter(k -> k.slug().equals(slug)).findFirst();
        }
    }

    public enum Norm {
        /** Ba et al. 2016: a scale and a shift per feature. */
        LAYERNORM(2),
        /** Zhang & Sennrich 2019: a scale per feature. */
        RMSNORM(1),
        /** LayerNorm without its shift (MPT's no_bias, DBRX): a scale per feature. */
        LAYERNORM_NO_BIAS(1);

        public final int parametersPerFeature;

        Norm(int parametersPerFeature) {
            this.parametersPerFeature = parametersPerFeature;
        }
    }

    /** Pre-norm blocks (GPT-2 onwards) end with a final norm; post-norm blocks (the original transformer, BERT) do not. */
    public enum NormPlacement { PRE, POST }

    /**
     * What holds parameters besides the blocks' weight matrices. {@code positionRows}: learned absolute position rows (0
     * for rotary or ALiBi); {@code tokenTypes}: segment-embedding rows (BERT: 2); {@code pooler}: BERT's dense h × h + h;
     * {@code relativeBuckets}: T5's relative position biases, one per bucket and head in the first block of each stack.
     */
    public record Layout(Norm norm, NormPlacement placement, boolean linearBiases, int positionRows, int tokenTypes,
            boolean embeddingNorm, boolean pooler, boolean tiedEmbeddings, int relativeBuckets) {

        public Layout(Norm norm, NormPlacement placement, boolean linearBiases, int positionRows, int tokenTypes, boolean embeddingNorm,
                boolean pooler, boolean tiedEmbeddings) {
            this(norm, placement, linearBiases, positionRows, tokenTypes, embeddingNorm, pooler, tiedEmbeddings, 0);
        }

        /** A bias-free, pre-RMSNorm decoder with rotary positions and an untied head (the LLaMA layout). */
        public static final Layout LLAMA = new Layout(Norm.RMSNORM, NormPlacement.PRE, false, 0, 0, false, false, false);

        /** A GPT-2 style decoder: biases, pre-LayerNorm, learned positions, head tied to the embedding. */
        public static Layout gpt(int positionRows) {
            return new Layout(Norm.LAYERNORM, NormPlacement.PRE, true, positionRows, 0, false, false, true);
        }

        /** A BERT encoder: biases, post-LayerNorm with a norm after the embeddings, learned positions, 2 token types, a pooler. */
        public static Layout bert(int positionRows) {
            return new Layout(Norm.LAYERNORM, NormPlacement.POST, true, positionRows, 2, true, true, true);
        }
    }

    /** One weight matrix of the blocks: {@code in} inputs (the reduction dimension), {@code out} outputs, {@code count} copies. */
    public record Matrix(String name, long in, long out, long count) {
        public long parameters() {
            return in * out * count;
        }
    }

    /** The parts of the exact parameter count; {@code routers}: the MoE routers (h × experts per MoE block). */
    public record ParameterCount(long blockMatrices, long biases, long norms, long tokenEmbedding, long positions, long tokenTypes,
            long pooler, long outputHead, long routers) {
        public long total() {
            return blockMatrices + biases + norms + tokenEmbedding + positions + tokenTypes + pooler + outputHead + routers;
        }
    }

    public boolean decoder() {
        return kind != Kind.ENCODER;
    }

    public boolean gatedFfn() {
        return ffnKind.gated();
    }

    /** Width of the attention output (heads × head dimension, heads × value dimension under latent attention). */
    public long attentionWidth() {
        return (long) heads * (latentAttention != null ? latentAttention.valueDim() : headDim);
    }

    /** Every block: the encoder's and, for an encoder-decoder, the decoder's. */
    public int blocks() {
        return layers + decoderLayers;
    }

    /** Blocks whose FFN is a mixture of experts. */
    public int moeBlocks() {
        return moe == null ? 0 : moe.moeLayers(layers);
    }

    /** Blocks with a dense FFN of width {@link #ffn()}. */
    public int denseBlocks() {
        return blocks() - moeBlocks();
    }

    /** Blocks that attend over a sliding window only. */
    public int localBlocks() {
        return slidingWindow == null ? 0 : slidingWindow.localLayers(layers);
    }

    /**
     * The weight matrices of all blocks, named as in the Hugging Face implementations (LLaMA; DeepSeek-V2's MLA
     * projections; Mixtral/DeepSeek experts), each with the number of copies in the model. Routers are not in the list:
     * they stay in 16 bits under weight-only quantization and are counted in {@link ParameterCount#routers()}.
     */
    public List<Matrix> linearLayers() {
        long h = hidden;
        List<Matrix> list = new ArrayList<>();
        // Self-attention in every block; an encoder-decoder's decoder blocks add cross-attention of the same shape.
        long attentionBlocks = blocks() + (long) decoderLayers;
        if (latentAttention != null) {
            LatentAttention a = latentAttention;
            long queryOut = (long) heads * a.queryKeyDim();
            if (a.queryRank() > 0) {
                list.add(new Matrix("q_a_proj", h, a.queryRank(), attentionBlocks));
                list.add(new Matrix("q_b_proj", a.queryRank(), queryOut, attentionBlocks));
            } else {
                list.add(new Matrix("q_proj", h, queryOut, attentionBlocks));
            }
            list.add(new Matrix("kv_a_proj_with_mqa", h, (long) a.keyValueRank() + a.ropeDim(), attentionBlocks));
            list.add(new Matrix("kv_b_proj", a.keyValueRank(), (long) heads * (a.nopeDim() + a.valueDim()), attentionBlocks));
        } else {
            long kv = (long) kvHeads * headDim;
            list.add(new Matrix("q_proj", h, attentionWidth(), attentionBlocks));
            list.add(new Matrix("k_proj", h, kv, attentionBlocks));
            list.add(new Matrix("v_proj", h, kv, attentionBlocks));
        }
        list.add(new Matrix("o_proj", attentionWidth(), h, attentionBlocks));
        ffnMatrices(list, "", ffn, denseBlocks());
        if (moe != null && moeBlocks() > 0) {
            ffnMatrices(list, "experts.", moe.expertFfn(), (long) moe.experts() * moeBlocks());
            if (moe.sharedExperts() > 0) {
                ffnMatrices(list, "shared_experts.", (long) moe.sharedExperts() * moe.sharedExpertFfn(), moeBlocks());
            }
        }
        return list;
    }

    private void ffnMatrices(List<Matrix> list, String prefix, long width, long count) {
        if (count == 0 || width == 0) {
            return;
        }
        if (gatedFfn()) {
            list.add(new Matrix(prefix + "gate_proj", hidden, width, count));
        }
        list.add(new Matrix(prefix + "up_proj", hidden, width, count));
        list.add(new Matrix(prefix + "down_proj", width, hidden, count));
    }

    /** Parameters in the blocks' weight matrices (what weight-only quantization replaces): the sum of {@link #linearLayers()}. */
    public long linearParameters() {
        long sum = 0;
        for (Matrix m : linearLayers()) {
            sum += m.parameters();
        }
        return sum;
    }

    /** The exact count, part by part. */
    public ParameterCount parameterCount() {
        long h = hidden;
        List<Matrix> matrices = linearLayers();
        long biases = 0;
        long blockMatrices = 0;
        long outputs = 0;
        for (Matrix m : matrices) {
            blockMatrices += m.parameters();
            outputs += m.out() * m.count();
        }
        if (layout.linearBiases()) {
            // One bias per output of each block matrix, and the pooler's.
            biases = outputs + (layout.pooler() ? h : 0);
        }
        long normSize = (long) layout.norm().parametersPerFeature * h;
        // Two norms per block (one when attention and FFN run in parallel from the same input, GPT-J/PaLM/Falcon-7B), one
        // more per decoder block of an encoder-decoder (before cross-attention); MLA normalises its two latents.
        long perBlock = parallelBlocks ? 1 : 2;
        long norms = perBlock * blocks() * normSize + (long) decoderLayers * normSize
                + (layout.placement() == NormPlacement.PRE ? normSize * (kind == Kind.ENCODER_DECODER ? 2 : 1) : 0)
                + (layout.embeddingNorm() ? normSize : 0);
        if (latentAttention != null) {
            norms += (long) blocks() * layout.norm().parametersPerFeature * (latentAttention.queryRank() + latentAttention.keyValueRank());
        }
        long embedding = (long) vocab * h;
        long positions = (long) layout.positionRows() * h
                + (long) layout.relativeBuckets() * heads * (kind == Kind.ENCODER_DECODER ? 2 : 1);
        long routers = moe == null ? 0 : (long) moeBlocks() * moe.experts() * h;
        return new ParameterCount(blockMatrices, biases, norms, embedding, positions, (long) layout.tokenTypes() * h, layout.pooler() ? h * h : 0,
                layout.tiedEmbeddings() ? 0 : embedding, routers);
    }

    /** The exact parameter count of the released model. */
    public long parameters() {
        return parameterCount().total();
    }

    /**
     * Parameters one token uses: all of them except the routed experts it is not sent to — (experts − expertsPerToken)
     * experts' matrices (and biases) in every MoE block. Equal to {@link #parameters()} for a dense model.
     */
    public long activeParameters() {
        return activeParameters(parameters());
    }

    /** {@link #activeParameters()} given the model's {@code total} parameter count (already counted). */
    public long activeParameters(long total) {
        if (moe == null || moeBlocks() == 0) {
            return total;
        }
        return total - expertParameters() / moe.experts() * (moe.experts() - moe.expertsPerToken());
    }

    /** Parameters of the routed experts (matrices and biases) over all MoE blocks: what expert parallelism splits. */
    public long expertParameters() {
        if (moe == null) {
            return 0;
        }
        long perExpert = (gatedFfn() ? 3L : 2L) * hidden * moe.expertFfn()
                + (layout.linearBiases() ? (gatedFfn() ? 2L : 1L) * moe.expertFfn() + hidden : 0);
        return (long) moeBlocks() * moe.experts() * perExpert;
    }

    /** Parameters outside the blocks' weight matrices (embeddings, head, norms, biases, pooler, routers), kept in 16 bits by quantizers. */
    public long highPrecisionParameters() {
        return parameters() - linearParameters();
    }

    /**
     * One t-way tensor-parallel shard of the whole model (Megatron: heads, FFN and vocabulary split t ways; K/V heads
     * too, at least one per rank; each expert's FFN split t ways as well, Megatron-Core's default expert tensor
     * parallelism), for costing the work one rank does.
     */
    public Transformer shard(int tensorParallel) {
        return shard(tensorParallel, 1);
    }

    /**
     * One rank's shard under t-way tensor and e-way expert parallelism: as {@link #shard(int)}, holding experts ÷ e of the
     * routed experts, each of which then computes the tokens of e ranks (k·T·e/E for T tokens per rank), so the shard's
     * grouped GEMMs and expert weights are what one rank runs and holds.
     */
    public Transformer shard(int tensorParallel, int expertParallel) {
        return shard(tensorParallel, expertParallel, tensorParallel);
    }

    /** As {@link #shard(int, int)} with each expert split {@code expertTensorParallel} ways (Megatron-Core's expert tensor parallelism). */
    public Transformer shard(int tensorParallel, int expertParallel, int expertTensorParallel) {
        int t = tensorParallel;
        int et = Math.max(1, expertTensorParallel);
        int e = Math.max(1, expertParallel);
        // A group that does not divide the experts holds ⌈E/e⌉ per rank (DeepSeek's EPLB: 256 experts and 32 redundant copies in 288
        // slots over 72 ranks).
        Mixture experts = moe == null ? null : new Mixture((moe.experts() + e - 1) / e, moe.expertsPerToken(), moe.sharedExperts(),
                Math.max(1, moe.expertFfn() / et), Math.max(1, moe.sharedExpertFfn() / t), moe.denseLayers(), moe.layerInterval(),
                moe.capacityFactor(), moe.tokenShare() * et / t, Math.max(1, moe.expertParallel()) * Math.max(1, expertParallel));
        return new Transformer(name + (t > 1 ? "-tp" + t : ""), kind, layers, hidden, heads / t, Math.max(1, kvHeads / t), headDim,
                Math.max(1, ffn / t), ffnKind, (int) Math.ceil((double) vocab / t), maxSequenceLength, layout, null, experts,
                latentAttention, slidingWindow, parallelBlocks, decoderLayers, null);
    }
}
