package dev.accelerometer.common.api;

import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.model.architecture.Transformer;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
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
        @Schema(description = "decoder (causal LM, the default) or encoder (masked LM).", defaultValue = "decoder", enumeration = {"decoder", "encoder"})
        @Pattern(regexp = "decoder|encoder", message = "must be decoder or encoder") String kind,
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
        @Schema(description = "layernorm (scale and shift) or rmsnorm (scale only, the default).", defaultValue = "rmsnorm",
                enumeration = {"layernorm", "rmsnorm"})
        @Pattern(regexp = "layernorm|rmsnorm", message = "must be layernorm or rmsnorm") String normalization,
        @Schema(description = "pre (norm before each sublayer, a final norm; the default) or post (after each sublayer, BERT).",
                defaultValue = "pre", enumeration = {"pre", "post"})
        @Pattern(regexp = "pre|post", message = "must be pre or post") String normPlacement,
        @Schema(description = "learned (absolute rows of maxSequenceLength), rotary (the default) or alibi.", defaultValue = "rotary",
                enumeration = {"learned", "rotary", "alibi"})
        @Pattern(regexp = "learned|rotary|alibi", message = "must be learned, rotary or alibi") String positionEmbedding,
        @Schema(description = "Published parameter count, reported beside the exact count computed from the shape (never used in place of it).")
        @Positive Long parameterCount) {

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
        Transformer.Kind k = "encoder".equals(kind) ? Transformer.Kind.ENCODER : Transformer.Kind.DECODER;
        return new Transformer(name, k, layers, hiddenSize, heads, kv, headDim != null ? headDim : hiddenSize / heads, ffnSize,
                Transformer.FfnKind.fromSlug(ffnKind).orElse(Transformer.FfnKind.GELU), vocabSize, maxSequenceLength,
                CatalogMapping.layout(normalization == null ? "rmsnorm" : normalization, normPlacement, linearBiases,
                        positionEmbedding == null ? "rotary" : positionEmbedding, null, maxSequenceLength, null, null, null, tiedEmbeddings),
                parameterCount);
    }

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
