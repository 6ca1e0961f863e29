package dev.accelerometer.common.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.common.problem.FieldError;
import dev.accelerometer.common.problem.Problem;
import dev.accelerometer.model.architecture.Transformer;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The parts of a model's shape beyond a dense decoder — experts, latent attention, a sliding window — as one schema for
 * the catalog's models and every service's inline models, with the cross-field rules both check and the one mapping
 * to the model library.
 */
public final class ModelShapes {
    private ModelShapes() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "MixtureOfExperts", description = "Routed experts in the FFN of some or all blocks (Mixtral, DeepSeek, Qwen MoE, GPT-OSS, "
            + "Llama 4). Blocks before denseLayers keep a dense FFN of ffnSize; after them every moeLayerInterval-th block (block i from 0 "
            + "when i + 1 is a multiple) routes through the experts.")
    public record MixtureOfExperts(
            @Schema(description = "Number of routed experts per MoE block.", example = "8") @NotNull @Positive @Max(65536) Integer experts,
            @Schema(description = "Number of routed experts each token uses (top-k); at most experts.", example = "2") @NotNull @Positive @Max(1024)
            Integer expertsPerToken,
            @Schema(description = "Number of experts every token uses besides the routed ones (DeepSeekMoE); default 0.", example = "0") @PositiveOrZero
            @Max(64) Integer sharedExperts,
            @Schema(description = "FFN width of one routed expert: the number of its intermediate features.", example = "14336") @NotNull @Positive @Max(1 << 24) Integer expertFfnSize,
            @Schema(description = "FFN width of one shared expert: the number of its intermediate features; default expertFfnSize.", example = "2048") @Positive @Max(1 << 24)
            Integer sharedExpertFfnSize,
            @Schema(description = "Number of leading blocks with a dense FFN (DeepSeek's first_k_dense_replace); default 0.", example = "0")
            @PositiveOrZero @Max(10000) Integer denseLayers,
            @Schema(description = "Number of blocks per MoE block after the dense ones: every n-th block routes through the experts (Llama 4 Maverick: 2); default 1.", example = "1")
            @Positive @Max(10000) Integer moeLayerInterval,
            @Schema(description = "Expert slots as a multiple of the uniform share k·tokens/experts (Switch Transformer); leave out for a "
                    + "dropless router, costed at the uniform share.", example = "1.25") @DecimalMin("1.0") @DecimalMax("64.0") Double capacityFactor) {

        Transformer.Mixture toModel() {
            int shared = sharedExperts == null ? 0 : sharedExperts;
            return new Transformer.Mixture(experts, expertsPerToken, shared, expertFfnSize,
                    sharedExpertFfnSize == null ? expertFfnSize : sharedExpertFfnSize, denseLayers == null ? 0 : denseLayers,
                    moeLayerInterval == null ? 1 : moeLayerInterval, capacityFactor);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "LatentAttention", description = "Multi-head latent attention (DeepSeek-V2/V3): keys and values rebuilt per head from a "
            + "cached latent of keyValueRank elements plus a rotary key of ropeHeadDim shared by the heads.")
    public record LatentAttention(
            @Schema(description = "Number of dimensions of the query's low-rank projection (q_lora_rank); 0 or absent for a full query projection (DeepSeek-V2-Lite).",
                    example = "1536") @PositiveOrZero @Max(1 << 20) Integer queryRank,
            @Schema(description = "Number of dimensions of the key-value latent (kv_lora_rank): the elements the KV cache stores per token and block.", example = "512")
            @NotNull @Positive @Max(1 << 20) Integer keyValueRank,
            @Schema(description = "Number of per-head query/key dimensions without rotary positions (qk_nope_head_dim).", example = "128") @NotNull
            @Positive @Max(4096) Integer nopeHeadDim,
            @Schema(description = "Number of rotary query/key dimensions, shared by the heads (qk_rope_head_dim).", example = "64") @NotNull @Positive
            @Max(4096) Integer ropeHeadDim,
            @Schema(description = "Number of per-head value dimensions (v_head_dim).", example = "128") @NotNull @Positive @Max(4096) Integer valueHeadDim) {

        Transformer.LatentAttention toModel() {
            return new Transformer.LatentAttention(queryRank == null ? 0 : queryRank, keyValueRank, nopeHeadDim, ropeHeadDim, valueHeadDim);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(name = "SlidingWindow", description = "Local attention over the last windowTokens tokens, in every block (Mistral 7B v0.1) or "
            + "in all but every globalEvery-th block (Gemma 2 and GPT-OSS: 2; Gemma 3: 6).")
    public record SlidingWindow(
            @Schema(description = "Number of keys a query attends to, itself included (tokens).", example = "4096") @NotNull @Positive @Max(1 << 24) Integer windowTokens,
            @Schema(description = "Number of blocks per global-attention block: block i (from 0) attends globally when i + 1 is a multiple; 0 or absent: every block is local.", example = "2")
            @PositiveOrZero @Max(10000) Integer globalEvery) {

        Transformer.SlidingWindow toModel() {
            return new Transformer.SlidingWindow(windowTokens, globalEvery == null ? 0 : globalEvery);
        }
    }

    /**
     * The rules one field cannot state alone, with {@code prefix} before each field name ("" in the catalog,
     * "model." in a request): top-k within the experts, dense blocks within the layers, an attention kind that agrees
     * with the heads and with latentAttention, a window within the context, MoE only in decoders.
     */
    public static List<FieldError> errors(String prefix, boolean decoderOnly, boolean encoderDecoder, int layers, int heads, Integer kvHeads, String attentionKind,
            MixtureOfExperts moe, LatentAttention mla, SlidingWindow window, Integer maxSequenceLength, Integer decoderLayers) {
        List<FieldError> errors = new ArrayList<>();
        if (moe != null) {
            if (moe.expertsPerToken() != null && moe.experts() != null && moe.expertsPerToken() > moe.experts()) {
                errors.add(new FieldError(prefix + "mixtureOfExperts.expertsPerToken", "must be at most experts (" + moe.experts() + ")"));
            }
            if (moe.denseLayers() != null && moe.denseLayers() >= layers) {
                errors.add(new FieldError(prefix + "mixtureOfExperts.denseLayers", "must be less than layers (" + layers + ") or the model has no MoE "
                        + "block; leave mixtureOfExperts out for a dense model"));
            }
            if (!decoderOnly) {
                errors.add(new FieldError(prefix + "mixtureOfExperts", "is modelled for decoder-only transformers; set kind to a decoder or "
                        + "leave mixtureOfExperts out"));
            }
        }
        int kv = kvHeads == null ? heads : kvHeads;
        if (attentionKind != null) {
            String expected = mla != null ? "mla" : kv == heads ? "mha" : kv == 1 ? "mqa" : "gqa";
            if ("mla".equals(attentionKind) && mla == null) {
                errors.add(new FieldError(prefix + "latentAttention", "is required with attentionKind mla (keyValueRank, nopeHeadDim, ropeHeadDim, "
                        + "valueHeadDim)"));
            } else if (!attentionKind.equals(expected)) {
                errors.add(mla != null
                        ? new FieldError(prefix + "latentAttention", "applies to attentionKind mla only; remove it or set attentionKind to mla")
                        : new FieldError(prefix + "attentionKind", "is " + attentionKind + " but " + heads + " heads with " + kv
                                + " key/value heads is " + expected + " (mha: kvHeads = attentionHeads, mqa: 1, gqa: in between)"));
            }
        }
        if (window != null) {
            if (maxSequenceLength != null && window.windowTokens() != null && window.windowTokens() > maxSequenceLength) {
                errors.add(new FieldError(prefix + "slidingWindow.windowTokens", "must be at most maxSequenceLength (" + maxSequenceLength
                        + "): a window longer than the context is full attention; leave slidingWindow out"));
            }
            if (window.globalEvery() != null && window.globalEvery() > layers) {
                errors.add(new FieldError(prefix + "slidingWindow.globalEvery", "must be at most layers (" + layers + ")"));
            }
        }
        if (encoderDecoder != (decoderLayers != null)) {
            errors.add(new FieldError(prefix + "decoderLayers", decoderLayers == null
                    ? "is required for an encoder-decoder (the decoder's blocks; layers counts the encoder's)"
                    : "applies to kind transformer-encoder-decoder only"));
        }
        return errors;
    }

    /**
     * The model, when its steps can be timed; a 422 naming {@code field} for an encoder-decoder, whose parameters are
     * counted but whose steps (an encoder and a decoder with cross-attention, input and target lengths) are not modelled.
     */
    public static Transformer timed(Transformer m, String field) {
        if (m.kind() == Transformer.Kind.ENCODER_DECODER) {
            throw new ApiException(422, "unsupported-architecture", "Architecture not timed", m.name() + " is an encoder-decoder: its "
                    + String.format(java.util.Locale.ROOT, "%,d", m.parameters()) + " parameters are counted, but a step over an encoder "
                    + "and a decoder with cross-attention (input and target lengths) is not modelled yet; choose a decoder or an encoder "
                    + "model.", List.of(new Problem.Violation(field, "an encoder-decoder is not timed")));
        }
        return m;
    }

    /** The model library's transformer with these parts (null parts: none). */
    public static Transformer with(Transformer dense, MixtureOfExperts moe, LatentAttention mla, SlidingWindow window, Boolean parallelBlocks,
            Integer decoderLayers, Long publishedActiveParameters) {
        return new Transformer(dense.name(), dense.kind(), dense.layers(), dense.hidden(), dense.heads(), mla != null ? dense.heads() : dense.kvHeads(),
                dense.headDim(), dense.ffn(), dense.ffnKind(), dense.vocab(), dense.maxSequenceLength(), dense.layout(), dense.publishedParameters(),
                moe == null ? null : moe.toModel(), mla == null ? null : mla.toModel(), window == null ? null : window.toModel(),
                Boolean.TRUE.equals(parallelBlocks), decoderLayers == null ? 0 : decoderLayers, publishedActiveParameters);
    }

    /**
     * A shape's parameters in floating point (no overflow), to within a few per cent: its blocks' projections and FFNs (or all
     * their experts) and its embeddings — what {@link InlineModel#MAX_PARAMETERS} is checked against before any exact count. Absent
     * {@code kvHeads} and {@code headDim} default as the shapes do: one key/value head per head, hidden / heads.
     */
    public static double approximateParameters(int layers, Integer decoderLayers, double hidden, int heads, Integer kvHeads, Integer headDim,
            double ffn, double vocab, MixtureOfExperts moe) {
        double dimension = headDim != null ? headDim : hidden / heads;
        double attention = hidden * dimension * (2.0 * heads + 2.0 * (kvHeads == null ? heads : kvHeads));
        double perBlockFfn = 3.0 * hidden * ffn;
        if (moe != null) {
            double shared = moe.sharedExperts() == null ? 0
                    : moe.sharedExperts() * (moe.sharedExpertFfnSize() == null ? (double) moe.expertFfnSize() : moe.sharedExpertFfnSize());
            perBlockFfn = Math.max(perBlockFfn, 3.0 * hidden * ((double) moe.experts() * moe.expertFfnSize() + shared));
        }
        double blocks = (double) layers + (decoderLayers == null ? 0 : decoderLayers);
        return blocks * (attention + perBlockFfn) + 2.0 * vocab * hidden;
    }
}
