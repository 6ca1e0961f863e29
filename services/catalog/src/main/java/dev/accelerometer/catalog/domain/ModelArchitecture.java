package dev.accelerometer.catalog.domain;

import dev.accelerometer.common.api.ModelShapes;
import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.common.problem.FieldError;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A workload architecture: a transformer's shape or a CNN's layer list, with its published parameter count. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Model", description = "A model architecture (transformer or CNN) the cost, planner and quantization services run.")
public record ModelArchitecture(
        @Schema(example = "gpt-3-175b") @NotBlank @Pattern(regexp = Slug.PATTERN, message = Slug.MESSAGE) @Size(max = Slug.MAX_LENGTH) String id,
        @Schema(example = "GPT-3 175B") @NotBlank @Size(max = 120) String name,
        @Schema(example = "gpt-3") @Size(max = 40) String family,
        @NotNull Kind kind,
        @Schema(description = "Number of transformer blocks (or weight layers for a CNN).", example = "96") @NotNull @Positive @Max(10000) Integer layers,
        @Schema(description = Descriptions.HIDDEN_SIZE, example = "12288") @Positive @Max(1 << 20) Integer hiddenSize,
        @Schema(description = Descriptions.ATTENTION_HEADS, example = "96") @Positive @Max(4096) Integer attentionHeads,
        @Schema(description = Descriptions.KV_HEADS, example = "96") @Positive @Max(4096) Integer kvHeads,
        @Schema(description = Descriptions.HEAD_DIM, example = "128") @Positive @Max(1024) Integer headDim,
        @Schema(description = Descriptions.FFN_SIZE, example = "49152") @Positive @Max(1 << 24) Integer ffnSize,
        FfnKind ffnKind,
        @Schema(description = Descriptions.VOCAB_SIZE, example = "50257") @Positive @Max(1 << 24) Integer vocabSize,
        @Schema(description = Descriptions.MAX_SEQUENCE_LENGTH, example = "2048") @Positive @Max(1 << 24) Integer maxSequenceLength,
        @Schema(description = "Published parameter count.", example = "175000000000") @NotNull @Positive @Max(1_000_000_000_000_000L) Long parameterCount,
        @Schema(example = "learned") @Size(max = 40) String positionEmbedding,
        @Schema(example = "layernorm") @Size(max = 40) String normalization,
        Boolean tiedEmbeddings,
        @Schema(description = "Whether the blocks' linear layers (and the pooler) carry biases (GPT-2, BERT, OPT, BLOOM: yes; LLaMA: no). "
                + "Default false.", example = "false") Boolean linearBiases,
        @Schema(description = "pre: a norm before each sublayer and a final norm (GPT-2 onwards); post: after each sublayer, no final norm "
                + "(BERT). Default pre.", example = "pre") NormPlacement normPlacement,
        @Schema(description = "Whether a norm follows the embeddings (BERT, BLOOM). Default false.", example = "false") Boolean embeddingNorm,
        @Schema(description = "Number of learned absolute position rows; default maxSequenceLength when positionEmbedding is learned, 0 "
                + "otherwise (OPT keeps 2 more).", example = "2050") @PositiveOrZero @Max(16_777_216) Integer learnedPositionRows,
        @Schema(description = "Number of token-type (segment) embedding rows (BERT: 2). Default 0.", example = "2") @PositiveOrZero @Max(1024)
        Integer tokenTypeVocabSize,
        @Schema(description = "Whether the encoder has BERT's pooler (a dense hidden × hidden layer). Default false.", example = "false")
        Boolean pooler,
        @Schema(description = "mha, gqa, mqa (as kvHeads says; checked when given) or mla (multi-head latent attention, with latentAttention).")
        AttentionKind attentionKind,
        @Valid ModelShapes.MixtureOfExperts mixtureOfExperts,
        @Valid ModelShapes.LatentAttention latentAttention,
        @Valid ModelShapes.SlidingWindow slidingWindow,
        @Schema(description = "Attention and FFN computed in parallel from one norm (GPT-J, PaLM, Falcon); default false.") Boolean parallelBlocks,
        @Schema(description = "Number of decoder blocks of an encoder-decoder (layers counts the encoder's).", example = "24") @Positive @Max(10000)
        Integer decoderLayers,
        @Schema(description = "Published number of parameters used per token (MoE models: the active count the model card gives).", example = "12900000000")
        @Positive @Max(1_000_000_000_000_000L) Long activeParameterCount,
        @Schema(description = "Input image height, pixels (CNN).", example = "224") @Positive Integer inputHeight,
        @Schema(description = "Input image width, pixels (CNN).", example = "224") @Positive Integer inputWidth,
        @Schema(description = "Number of input image channels (CNN).", example = "3") @Positive Integer inputChannels,
        @Valid List<@NotNull @Valid ConvolutionLayer> convolutionLayers,
        @Valid List<@NotNull @Valid FullyConnectedLayer> fullyConnectedLayers,
        @Schema(description = "Published forward FLOPs per sample, where the paper gives one.") @Positive Double forwardFlopsPerSample,
        @NotEmpty @Valid List<@NotNull @Valid Source> sources,
        @NotNull Map<@NotBlank String, @NotBlank String> fieldSources,
        @Size(max = 4000) String notes,
        @Schema(readOnly = true, description = "Revision index: 0 for the seed, one more per change; also sent as the ETag.") Long version,
        @Schema(readOnly = true, description = "Field name -> how its value was obtained (datasheet, measured, derived, estimated): "
                + "the confidence of the source fieldSources names for it.")
        Map<String, ValueConfidence> fieldConfidence) implements CatalogDocument {

    @Schema(name = "ModelKind")
    public enum Kind {
        TRANSFORMER_ENCODER, TRANSFORMER_DECODER, TRANSFORMER_ENCODER_DECODER, CNN;

        @JsonValue
        public String slug() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Schema(name = "NormPlacement")
    public enum NormPlacement {
        PRE, POST;

        @JsonValue
        public String slug() {
            return name().toLowerCase();
        }
    }

    @Schema(name = "AttentionKind")
    public enum AttentionKind {
        MHA, GQA, MQA, MLA;

        @JsonValue
        public String slug() {
            return name().toLowerCase();
        }
    }

    public enum FfnKind {
        GELU, RELU, SWIGLU, GEGLU;

        @JsonValue
        public String slug() {
            return name().toLowerCase();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ConvolutionLayer", description = "Identical 2D convolutions, enough to cost each as an implicit GEMM.")
    public record ConvolutionLayer(
            @NotBlank @Size(max = 80) String name,
            @Schema(description = "How many identical layers.") @NotNull @Positive Integer count,
            @Schema(description = Descriptions.IN_CHANNELS) @NotNull @Positive Integer inChannels,
            @Schema(description = Descriptions.OUT_CHANNELS) @NotNull @Positive Integer outChannels,
            @Schema(description = Descriptions.KERNEL_HEIGHT) @NotNull @Positive Integer kernelHeight,
            @Schema(description = Descriptions.KERNEL_WIDTH) @NotNull @Positive Integer kernelWidth,
            @Schema(description = Descriptions.STRIDE) @NotNull @Positive Integer stride,
            @Schema(description = Descriptions.PADDING + " Default 0.") @PositiveOrZero Integer padding,
            @Schema(description = Descriptions.INPUT_HEIGHT) @NotNull @Positive Integer inputHeight,
            @Schema(description = Descriptions.INPUT_WIDTH) @NotNull @Positive Integer inputWidth,
            @Schema(description = Descriptions.GROUPS + " Default 1.") @Positive Integer groups,
            @Schema(description = "Whether each of these layers' normalized outputs is added to its block's shortcut (a residual block's "
                    + "last convolution: ResNet's bottleneck conv_c) before the activation: one element-wise add of the output forward, one "
                    + "gradient accumulation backward. Default false.") Boolean residualAdd) {
    }

    @Schema(name = "FullyConnectedLayer")
    public record FullyConnectedLayer(@NotBlank @Size(max = 80) String name,
            @Schema(description = "Number of input features.") @NotNull @Positive Integer inFeatures,
            @Schema(description = "Number of output features.") @NotNull @Positive Integer outFeatures) {
    }

    /** Shape rules Bean Validation cannot state: transformers need their dimensions, heads must divide. */
    public List<FieldError> shapeErrors() {
        List<FieldError> errors = new ArrayList<>();
        if (kind == Kind.CNN) {
            return errors;
        }
        for (var required : List.of(
                new Object[] {"hiddenSize", hiddenSize}, new Object[] {"attentionHeads", attentionHeads},
                new Object[] {"ffnSize", ffnSize}, new Object[] {"vocabSize", vocabSize})) {
            if (required[1] == null) {
                errors.add(new FieldError((String) required[0], "is required for a transformer"));
            }
        }
        if (attentionHeads != null && kvHeads != null && kvHeads > 0 && (kvHeads > attentionHeads || attentionHeads % kvHeads != 0)) {
            errors.add(new FieldError("kvHeads", "must divide attentionHeads (" + attentionHeads + ") for MHA/GQA/MQA"));
        }
        if (attentionHeads != null && layers != null) {
            errors.addAll(ModelShapes.errors("", kind == Kind.TRANSFORMER_DECODER, kind == Kind.TRANSFORMER_ENCODER_DECODER, layers, attentionHeads,
                    kvHeads, attentionKind == null ? null : attentionKind.slug(), mixtureOfExperts, latentAttention, slidingWindow,
                    maxSequenceLength, decoderLayers));
        }
        if (errors.isEmpty() && layers != null && ModelShapes.approximateParameters(layers, decoderLayers, hiddenSize, attentionHeads,
                kvHeads, headDim, ffnSize, vocabSize, mixtureOfExperts) > dev.accelerometer.common.api.InlineModel.MAX_PARAMETERS) {
            errors.add(new FieldError("hiddenSize", "with layers, ffnSize, vocabSize and mixtureOfExperts makes more than 1e15 parameters, "
                    + "beyond what the services compute with; check the shape"));
        }
        return errors;
    }

    @Override
    public ModelArchitecture stripped() {
        return presented(null);
    }

    @Override
    public ModelArchitecture presented(long revision) {
        return presented(Long.valueOf(revision));
    }

    private ModelArchitecture presented(Long revision) {
        return new ModelArchitecture(id, name, family, kind, layers, hiddenSize, attentionHeads, kvHeads, headDim, ffnSize,
                ffnKind, vocabSize, maxSequenceLength, parameterCount, positionEmbedding, normalization, tiedEmbeddings, linearBiases,
                normPlacement, embeddingNorm, learnedPositionRows, tokenTypeVocabSize, pooler, attentionKind, mixtureOfExperts, latentAttention,
                slidingWindow, parallelBlocks, decoderLayers, activeParameterCount, inputHeight, inputWidth, inputChannels, convolutionLayers, fullyConnectedLayers, forwardFlopsPerSample,
                sources, fieldSources, notes, revision,
                revision == null ? null : Provenance.fieldConfidence(this));
    }
}
