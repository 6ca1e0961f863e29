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
 */
public record Transformer(String name, Kind kind, int layers, int hidden, int heads, int kvHeads, int headDim, int ffn,
        FfnKind ffnKind, int vocab, Integer maxSequenceLength, Layout layout, Long publishedParameters) {

    public enum Kind {
        ENCODER, DECODER;

        public String slug() {
            return name().toLowerCase(Locale.ROOT);
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
        RMSNORM(1);

        public final int parametersPerFeature;

        Norm(int parametersPerFeature) {
            this.parametersPerFeature = parametersPerFeature;
        }
    }

    /** Pre-norm blocks (GPT-2 onwards) end with a final norm; post-norm blocks (the original transformer, BERT) do not. */
    public enum NormPlacement { PRE, POST }

    /**
     * What holds parameters besides the blocks' weight matrices. {@code positionRows}: learned absolute position rows (0
     * for rotary or ALiBi); {@code tokenTypes}: segment-embedding rows (BERT: 2); {@code pooler}: BERT's dense h × h + h.
     */
    public record Layout(Norm norm, NormPlacement placement, boolean linearBiases, int positionRows, int tokenTypes,
            boolean embeddingNorm, boolean pooler, boolean tiedEmbeddings) {

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

    /** The parts of the exact parameter count. */
    public record ParameterCount(long blockMatrices, long biases, long norms, long tokenEmbedding, long positions, long tokenTypes,
            long pooler, long outputHead) {
        public long total() {
            return blockMatrices + biases + norms + tokenEmbedding + positions + tokenTypes + pooler + outputHead;
        }
    }

    public boolean decoder() {
        return kind == Kind.DECODER;
    }

    public boolean gatedFfn() {
        return ffnKind.gated();
    }

    /** Width of the attention output (heads × head dimension), which need not equal the hidden size. */
    public long attentionWidth() {
        return (long) heads * headDim;
    }

    /** The weight matrices of all blocks, named as in the Hugging Face LLaMA implementation. */
    public List<Matrix> linearLayers() {
        long attention = attentionWidth();
        long kv = (long) kvHeads * headDim;
        List<Matrix> list = new ArrayList<>();
        list.add(new Matrix("q_proj", hidden, attention, layers));
        list.add(new Matrix("k_proj", hidden, kv, layers));
        list.add(new Matrix("v_proj", hidden, kv, layers));
        list.add(new Matrix("o_proj", attention, hidden, layers));
        if (gatedFfn()) {
            list.add(new Matrix("gate_proj", hidden, ffn, layers));
        }
        list.add(new Matrix("up_proj", hidden, ffn, layers));
        list.add(new Matrix("down_proj", ffn, hidden, layers));
        return list;
    }

    /** Parameters in the blocks' weight matrices (what weight-only quantization replaces): the sum of {@link #linearLayers()}. */
    public long linearParameters() {
        long h = hidden;
        return layers * (2 * h * attentionWidth() + 2 * h * (long) kvHeads * headDim + (gatedFfn() ? 3L : 2L) * h * ffn);
    }

    /** The exact count, part by part. */
    public ParameterCount parameterCount() {
        long h = hidden;
        long biases = 0;
        if (layout.linearBiases()) {
            // One bias per output of each block matrix (Q, K, V, O, the FFN's up/gate and down), and the pooler's.
            biases = layers * (attentionWidth() + 2L * kvHeads * headDim + h + (gatedFfn() ? 2L : 1L) * ffn + h) + (layout.pooler() ? h : 0);
        }
        long normSize = (long) layout.norm().parametersPerFeature * h;
        long norms = 2L * layers * normSize + (layout.placement() == NormPlacement.PRE ? normSize : 0)
                + (layout.embeddingNorm() ? normSize : 0);
        long embedding = (long) vocab * h;
        return new ParameterCount(linearParameters(), biases, norms, embedding, (long) layout.positionRows() * h,
                (long) layout.tokenTypes() * h, layout.pooler() ? h * h : 0, layout.tiedEmbeddings() ? 0 : embedding);
    }

    /** The exact parameter count of the released model. */
    public long parameters() {
        return parameterCount().total();
    }

    /** Parameters outside the blocks' weight matrices (embeddings, head, norms, biases, pooler), kept in 16 bits by quantizers. */
    public long highPrecisionParameters() {
        return parameters() - linearParameters();
    }

    /**
     * One t-way tensor-parallel shard of {@code layers} blocks (Megatron: heads, FFN and vocabulary split t ways; K/V heads
     * too, at least one per rank), for costing the work one rank does.
     */
    public Transformer shard(int tensorParallel, int shardLayers) {
        int t = tensorParallel;
        return new Transformer(name + (t > 1 ? "-tp" + t : ""), kind, shardLayers, hidden, heads / t, Math.max(1, kvHeads / t), headDim,
                ffn / t, ffnKind, (int) Math.ceil((double) vocab / t), maxSequenceLength, layout, null);
    }
}
