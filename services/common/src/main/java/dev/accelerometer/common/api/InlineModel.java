package dev.accelerometer.common.api;

import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.common.problem.FieldError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A transformer given in a request instead of a catalog id — the same schema in every service, mapped to the model
 * library in one place, so costing, planner and quantization count the same parameters for it. Fields left out take
 * the LLaMA layout (no biases, RMSNorm before each sublayer, rotary positions, untied head); the answer says so.
 */
@Schema(name = "InlineModel", description = "A transformer that is not in the catalog. Layout fields left out take the LLaMA layout: "
        + "no biases, RMSNorm before each sublayer, rotary positions, an untied output head.")
public record InlineModel(
        @Schema(example = "my-model") @NotBlank @Size(max = 120) String name,
        @Schema(description = "decoder (causal LM, the default), encoder (masked LM) or encoder-decoder (T5: layers are the encoder's "
                + "blocks, decoderLayers the decoder's).", defaultValue = "decoder", enumeration = {"decoder", "encoder", "encoder-decoder"})
        @Pattern(regexp = "decoder|encoder|encoder-decoder", message = "must be decoder, encoder or encoder-decoder") String kind,
        @Schema(description = Descriptions.LAYERS, example = "32") @NotNull @Positive @Max(10000) Integer layers,
        @Schema(description = Descriptions.HIDDEN_SIZE, example = "4096") @NotNull @Positive @Max(1 << 20) Integer hiddenSize,
        @Schema(description = Descriptions.ATTENTION_HEADS, example = "32") @NotNull @Positive @Max(4096) Integer attentionHeads,
        @Schema(description = Descriptions.KV_HEADS, example = "8") @Positive @Max(4096) Integer kvHeads,
        @Schema(description = Descriptions.HEAD_DIM, example = "128") @Positive @Max(1024) Integer headDim,
        @Schema(description = Descriptions.FFN_SIZE, example = "14336") @NotNull @Positive @Max(1 << 24) Integer ffnSize,
        @Schema(description = "Feed-forward activation; swiglu and geglu are gated (three matrices).", defaultValue = "gelu",
                enumeration = {"gelu", "relu", "swiglu", "geglu"})
        @Pattern(regexp = "gelu|relu|swiglu|geglu", message = "must be gelu, relu, swiglu or geglu") String ffnKind,
        @Schema(description = Descriptions.VOCAB_SIZE, example = "128256") @NotNull @Positive @Max(1 << 24) Integer vocabSize,
        @Schema(description = Descriptions.MAX_SEQUENCE_LENGTH, example = "8192") @Positive @Max(1 << 24) Integer maxSequenceLength,
        @Schema(description = "Output head tied to the token embedding (GPT-2, BERT); default false.") Boolean tiedEmbeddings,
        @Schema(description = "Biases on the blocks' linear layers (GPT-2, BERT, OPT); default false.") Boolean linearBiases,
        @Schema(description = "layernorm (scale and shift), layernorm-no-bias (scale only: MPT, DBRX) or rmsnorm (scale only, the default).",
                defaultValue = "rmsnorm", enumeration = {"layernorm", "layernorm-no-bias", "rmsnorm"})
        @Pattern(regexp = "layernorm|layernorm-no-bias|rmsnorm", message = "must be layernorm, layernorm-no-bias or rmsnorm") String normalization,
        @Schema(description = "pre (norm before each sublayer, a final norm; the default) or post (after each sublayer, BERT).",
                defaultValue = "pre", enumeration = {"pre", "post"})
        @Pattern(regexp = "pre|post", message = "must be pre or post") String normPlacement,
        @Schema(description = "learned (absolute rows of maxSequenceLength), rotary (the default), alibi, or relative (T5's bucketed "
                + "biases, 32 per head in each stack's first block).", defaultValue = "rotary", enumeration = {"learned", "rotary", "alibi", "relative"})
        @Pattern(regexp = "learned|rotary|alibi|relative", message = "must be learned, rotary, alibi or relative") String positionEmbedding,
        @Schema(description = "Published parameter count, reported beside the exact count computed from the shape (never used in place of it).")
        @Positive @Max(MAX_PARAMETERS) Long parameterCount,
        @Schema(description = "mha, gqa or mqa (which kvHeads decides; checked when given) or mla (needs latentAttention).",
                enumeration = {"mha", "gqa", "mqa", "mla"})
        @Pattern(regexp = "mha|gqa|mqa|mla", message = "must be mha, gqa, mqa or mla") String attentionKind,
        @Valid ModelShapes.MixtureOfExperts mixtureOfExperts,
        @Valid ModelShapes.LatentAttention latentAttention,
        @Valid ModelShapes.SlidingWindow slidingWindow,
        @Schema(description = "Attention and FFN computed in parallel from one norm (GPT-J, PaLM, Falcon); default false.") Boolean parallelBlocks,
        @Schema(description = "Number of decoder blocks of an encoder-decoder (kind encoder-decoder only).", example = "24") @Positive @Max(10000)
        Integer decoderLayers) {

    /** The model library's transformer; 400 naming {@code prefix}.kvHeads when the heads do not group. */
    public Transformer toTransformer(String prefix) {
        int heads = attentionHeads;
        int kv = kvHeads == null ? heads : kvHeads;
        if (kv > heads || heads % kv != 0) {
            throw ApiException.invalidField(prefix + ".kvHeads", "must divide attentionHeads (" + heads + ") for MHA/GQA/MQA");
        }
        if ("learned".equals(positionEmbedding) && maxSequenceLength == null) {
            throw ApiException.invalidField(prefix + ".maxSequenceLength", "is required with learned positions (one row per position)");
        }
        List<FieldError> errors = ModelShapes.errors(prefix + ".", kind == null || "decoder".equals(kind), "encoder-decoder".equals(kind), layers,
                heads, kvHeads, attentionKind, mixtureOfExperts, latentAttention, slidingWindow, maxSequenceLength, decoderLayers);
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The inline model's shape is inconsistent.", errors);
        }
        double approximate = ModelShapes.approximateParameters(layers, decoderLayers, hiddenSize, attentionHeads, kv, headDim, ffnSize,
                vocabSize, mixtureOfExperts);
        if (approximate > MAX_PARAMETERS) {
            throw ApiException.invalidField(prefix, String.format(java.util.Locale.ROOT, "has about %.2g parameters (its blocks' attention "
                    + "and FFN or experts, and its embeddings), beyond the %.0e this service computes with; check layers, hiddenSize, ffnSize, "
                    + "vocabSize and mixtureOfExperts (experts, expertFfnSize)", approximate, (double) MAX_PARAMETERS));
        }
        Transformer.Kind k = "encoder".equals(kind) ? Transformer.Kind.ENCODER
                : "encoder-decoder".equals(kind) ? Transformer.Kind.ENCODER_DECODER : Transformer.Kind.DECODER;
        Transformer dense = new Transformer(name, k, layers, hiddenSize, heads, kv, headDim != null ? headDim : hiddenSize / heads, ffnSize,
                Transformer.FfnKind.fromSlug(ffnKind).orElse(Transformer.FfnKind.GELU), vocabSize, maxSequenceLength,
                CatalogMapping.layout(normalization == null ? "rmsnorm" : normalization, normPlacement, linearBiases,
                        positionEmbedding == null ? "rotary" : positionEmbedding, null, maxSequenceLength, null, null, null, tiedEmbeddings),
                parameterCount);
        return ModelShapes.with(dense, mixtureOfExperts, latentAttention, slidingWindow, parallelBlocks, decoderLayers, null);
    }

    /**
     * The largest model this service computes with, parameters: a thousand times today's largest published models, and small
     * enough that every byte count derived from it (16 bytes per parameter and more) stays far inside 64-bit integers.
     */
    public static final long MAX_PARAMETERS = 1_000_000_000_000_000L;

    /** What the answer should say about the layout fields the request left out. */
    public String layoutAssumption() {
        StringBuilder defaulted = new StringBuilder();
        append(defaulted, linearBiases == null, "no biases");
        append(defaulted, normalization == null, "RMSNorm");
        append(defaulted, normPlacement == null, "norms before each sublayer");
        append(defaulted, positionEmbedding == null, "rotary positions");
        append(defaulted, tiedEmbeddings == null, "an untied output head");
        return defaulted.length() == 0 ? null
                : "inline model '" + name + "': parameters counted with the defaults for the layout fields not given (" + defaulted + ")";
    }

    private static void append(StringBuilder into, boolean defaulted, String what) {
        if (defaulted) {
            into.append(into.length() == 0 ? "" : ", ").append(what);
        }
    }
}
