package dev.accelerometer.costing.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the cost endpoints. Dimensions are bounded so products cannot overflow a double's exact range. */
public final class Requests {
    static final String ID = "^[a-z0-9]+([-.][a-z0-9]+)*$";
    static final String ID_MESSAGE = "must be a catalog id such as 'nvidia-h100-sxm'";
    static final String FORMATS = "fp64|fp32|tf32|fp16|bf16|fp8|int8|int4";
    static final String FORMAT_MESSAGE = "must be one of fp64, fp32, tf32, fp16, bf16, fp8, int8, int4";
    /** 2^24: larger GEMM dimensions than any accelerator's memory holds; keeps 2·M·N·K·batch well inside a double. */
    static final long MAX_DIM = 16_777_216L;

    private Requests() {
    }

    @Schema(name = "MatmulRequest", description = "C[M×N] = A[M×K]·B[K×N], `batch` times.")
    public record Matmul(
            @Schema(example = "nvidia-h100-sxm") @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String acceleratorId,
            @Schema(example = "8192") @NotNull @Positive @Max(MAX_DIM) Long m,
            @Schema(example = "8192") @NotNull @Positive @Max(MAX_DIM) Long n,
            @Schema(example = "8192") @NotNull @Positive @Max(MAX_DIM) Long k,
            @Schema(example = "1", defaultValue = "1") @Positive @Max(65536) Long batch,
            @Schema(example = "bf16") @NotBlank @Pattern(regexp = FORMATS, message = FORMAT_MESSAGE) String format) {

        /** The same workload on another accelerator (comparisons). */
        public Matmul on(String id) {
            return new Matmul(id, m, n, k, batch, format);
        }
    }

    @Schema(name = "AttentionRequest")
    public record Attention(
            @Schema(example = "nvidia-a100-sxm-80gb") @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String acceleratorId,
            @Schema(example = "8") @NotNull @Positive @Max(65536) Long batch,
            @Schema(example = "2048") @NotNull @Positive @Max(MAX_DIM) Long queryLength,
            @Schema(example = "2048") @NotNull @Positive @Max(MAX_DIM) Long keyLength,
            @Schema(example = "16") @NotNull @Positive @Max(4096) Integer heads,
            @Schema(description = "Key/value heads (GQA/MQA); default: heads.", example = "16") @Positive @Max(4096) Integer kvHeads,
            @Schema(example = "128") @NotNull @Positive @Max(1024) Integer headDim,
            @Schema(defaultValue = "false") Boolean causal,
            @Schema(description = "flash (fused, default), standard (fused softmax, materialised scores) or eager (framework ops).",
                    defaultValue = "flash") @Pattern(regexp = "flash|standard|eager", message = "must be flash, standard or eager") String kernel,
            @Schema(defaultValue = "forward") @Pattern(regexp = "forward|backward|forward-backward", message = "must be forward, backward or forward-backward") String pass,
            @Schema(example = "bf16") @NotBlank @Pattern(regexp = FORMATS, message = FORMAT_MESSAGE) String format) {

        public Attention on(String id) {
            return new Attention(id, batch, queryLength, keyLength, heads, kvHeads, headDim, causal, kernel, pass, format);
        }
    }

    @Schema(name = "Conv2dRequest")
    public record Conv2d(
            @Schema(example = "nvidia-a100-sxm-80gb") @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String acceleratorId,
            @Schema(example = "256") @NotNull @Positive @Max(65536) Long batch,
            @Schema(example = "64") @NotNull @Positive @Max(65536) Integer inChannels,
            @Schema(example = "64") @NotNull @Positive @Max(65536) Integer outChannels,
            @Schema(example = "56") @NotNull @Positive @Max(16384) Integer inputHeight,
            @Schema(example = "56") @NotNull @Positive @Max(16384) Integer inputWidth,
            @Schema(example = "3") @NotNull @Positive @Max(64) Integer kernelHeight,
            @Schema(example = "3") @NotNull @Positive @Max(64) Integer kernelWidth,
            @Schema(defaultValue = "1") @Positive @Max(64) Integer stride,
            @Schema(defaultValue = "0") @PositiveOrZero @Max(64) Integer padding,
            @Schema(defaultValue = "1") @Positive @Max(65536) Integer groups,
            @Schema(defaultValue = "forward") @Pattern(regexp = "forward|forward-backward", message = "must be forward or forward-backward") String pass,
            @Schema(example = "fp16") @NotBlank @Pattern(regexp = FORMATS, message = FORMAT_MESSAGE) String format) {
    }

    @Schema(name = "ModelShape", description = "An inline transformer when the model is not in the catalog.")
    public record ModelShape(
            @Schema(example = "my-model") @NotBlank String name,
            @Schema(description = "decoder (causal LM) or encoder (masked LM).", example = "decoder") @NotBlank @Pattern(regexp = "decoder|encoder", message = "must be decoder or encoder") String kind,
            @NotNull @Positive @Max(10000) Integer layers,
            @NotNull @Positive @Max(1_000_000) Integer hiddenSize,
            @NotNull @Positive @Max(4096) Integer attentionHeads,
            @Positive @Max(4096) Integer kvHeads,
            @Positive @Max(1024) Integer headDim,
            @NotNull @Positive @Max(10_000_000) Integer ffnSize,
            @Schema(defaultValue = "gelu") @Pattern(regexp = "gelu|relu|swiglu|geglu", message = "must be gelu, relu, swiglu or geglu") String ffnKind,
            @NotNull @Positive @Max(10_000_000) Integer vocabSize,
            @Schema(description = "Parameter count; default: computed from the shape.") @Positive Long parameterCount) {
    }

    @Schema(name = "ModelCostRequest")
    public record ModelCost(
            @Schema(example = "nvidia-a100-sxm-80gb") @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String acceleratorId,
            @Schema(description = "Devices in plain data parallelism (training) or that serve replicas.", defaultValue = "1") @Positive @Max(1_000_000) Integer devices,
            @Schema(description = "Catalog model id; or give `model`.", example = "bert-large") @Pattern(regexp = ID, message = ID_MESSAGE) String modelId,
            @Valid ModelShape model,
            @Schema(example = "training") @NotBlank @Pattern(regexp = "training|prefill|decode", message = "must be training, prefill or decode") String mode,
            @Schema(description = "Sequences per step across all devices (training) or concurrent requests (prefill/decode).", example = "256")
            @NotNull @Positive @Max(16_777_216) Long batch,
            @Schema(description = "Tokens per sequence (training, prefill); the KV-cache context for decode.", example = "128")
            @NotNull @Positive @Max(16_777_216) Long sequenceLength,
            @Schema(example = "fp16") @NotBlank @Pattern(regexp = FORMATS, message = FORMAT_MESSAGE) String format,
            @Schema(description = "Training steps to time (training).") @Positive Long steps,
            @Schema(description = "Tokens to train on (training) or to generate (decode); alternative to steps.") @Positive Double tokens,
            @Schema(description = "flash, standard or eager; default flash on Ampere and newer GPUs, standard elsewhere.")
            @Pattern(regexp = "flash|standard|eager", message = "must be flash, standard or eager") String attentionKernel,
            @Schema(description = "adamw (default), adam, lamb or sgd.") @Pattern(regexp = "adam|adamw|lamb|sgd", message = "must be adam, adamw, lamb or sgd") String optimizer,
            @Schema(description = "Decode only: layer weights stored at this many bits per parameter, constants included (weight-only "
                    + "quantization, dequantized to `format` in the kernel); default: the format's own size.", example = "4.127")
            @Positive @Max(64) Double weightBitsPerParameter,
            @Schema(description = "Decode only: KV-cache bits per element, scales included; default: the format's own size.", example = "8")
            @Positive @Max(64) Double kvCacheBitsPerElement) {

        public ModelCost on(String id) {
            return new ModelCost(id, devices, modelId, model, mode, batch, sequenceLength, format, steps, tokens, attentionKernel,
                    optimizer, weightBitsPerParameter, kvCacheBitsPerElement);
        }
    }

    @Schema(name = "ComparisonRequest", description = "One workload across several accelerators.")
    public record Comparison(
            @Schema(description = "Accelerator ids to compare; or give `filter`.") List<@Pattern(regexp = ID, message = ID_MESSAGE) String> acceleratorIds,
            @Schema(description = "Catalog list filters, e.g. {\"kind\": \"gpu\", \"format\": \"bf16\"}.") java.util.Map<String, String> filter,
            @Schema(description = "What to run: exactly one of matmul, attention, model.") @NotNull Workload workload) {
    }

    @Schema(name = "Workload", description = "The workload of a comparison; acceleratorId inside is ignored (the comparison sets it).")
    public record Workload(Matmul matmul, Attention attention, ModelCost model) {
    }
}
