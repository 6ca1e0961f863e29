package dev.accelerometer.quantization.api;

import dev.accelerometer.common.api.InlineModel;
import dev.accelerometer.common.api.Vocabulary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EstimateRequest", description = "A model at a precision, for inference or fine-tuning, against accelerators.")
public record EstimateRequest(
        @Schema(description = "Catalog model id; or give `model`.", example = "llama-2-70b") @Pattern(regexp = ID, message = ID_MESSAGE) String modelId,
        @Valid InlineModel model,
        @Schema(description = "fp32, fp16, bf16, fp8-e4m3, fp8-e5m2, int8, llm.int8, int4, fp4, nf4, gptq-4bit, gptq-3bit, gptq-2bit, awq-4bit, "
                + "a llama.cpp GGUF file type (q4_0, q4_1, q5_0, q5_1, q8_0, q4_k_s, q4_k_m, q5_k_s, q5_k_m, q6_k: ggml's block formats, a type "
                + "per tensor as llama.cpp's quantizer chooses it, embeddings and output head included; decode defaults to runtime llama-cpp), "
                + "or a microscaling format (mxfp8, mxfp4: OCP MX, a power-of-two scale per 32 weights; nvfp4: an fp8 scale per 16 weights "
                + "and fp32 scales per matrix)",
                example = "nf4", enumeration = {"fp32", "fp16", "bf16", "fp8-e4m3", "fp8-e5m2", "int8", "llm.int8", "int4", "fp4", "nf4", "gptq-4bit",
                        "gptq-3bit", "gptq-2bit", "awq-4bit", "q4_0", "q4_1", "q5_0", "q5_1", "q8_0", "q4_k_s", "q4_k_m", "q5_k_s", "q5_k_m",
                        "q6_k", "mxfp8", "mxfp4", "nvfp4"}) @NotBlank String weightFormat,
        @Schema(description = "Number of weights per quantization block of int4/fp4/nf4 (default 64) or fp8 block scaling (default per tensor); a power of two.") @Positive @Max(1 << 16) Integer blockSize,
        @Schema(description = "Number of weights per GPTQ/AWQ group (default 128); a power of two.") @Positive @Max(1 << 16) Integer groupSize,
        @Schema(description = "Quantize the block constants again (QLoRA); nf4/fp4/int4 only. Default: true for nf4.") Boolean doubleQuantization,
        @Schema(description = "int8 only: a scale per output row (vector-wise) instead of per tensor. Default false.") Boolean vectorWise,
        @Schema(description = OUTLIER_THRESHOLD) @DecimalMin("0.5") @DecimalMax("100") Double outlierThreshold,
        @Schema(description = "Format the matmuls compute in when the device runs the weights' format natively or not (fp4: mxfp4 and nvfp4 "
                + "weights with fp4 activations on FP4 tensor cores); default: native, else fp16/bf16.")
        @Pattern(regexp = "fp32|fp16|bf16|fp8|fp4|int8|int4", message = "must be fp32, fp16, bf16, fp8, fp4, int8 or int4") String computeFormat,
        @Schema(description = "fp32, fp16, bf16, fp8, int8, int4 (default fp16).", enumeration = {"fp32", "fp16", "bf16", "fp8", "int8", "int4"})
        String kvCacheFormat,
        @Schema(description = BATCH, defaultValue = "1") @Positive @Max(1 << 20) Long batch,
        @Schema(description = "Tokens of context per sequence (prompt + generated).", example = "4096") @NotNull @Positive @Max(1 << 24) Long contextLength,
        @Schema(description = "Allow a context beyond the model's maximum (answered with a warning).") Boolean allowLongContext,
        @Schema(description = "inference (default), lora, qlora or full-finetune.") @Pattern(regexp = "inference|lora|qlora|full-finetune",
                message = "must be inference, lora, qlora or full-finetune") String mode,
        @Schema(description = "LoRA rank: the number of columns of each low-rank adapter (default 64, QLoRA's).") @Positive @Max(4096) Integer loraRank,
        @Schema(description = "LoRA target modules (default all linear layers).") List<@Pattern(regexp = "q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj",
                message = "must be one of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj") String> loraTargetModules,
        @Schema(description = Vocabulary.OPTIMIZER_DESCRIPTION + " Default: adamw; paged-adamw for qlora.",
                enumeration = {"adam", "adamw", "lamb", "sgd", "sgd-momentum", "adam-8bit", "adamw-8bit", "paged-adamw", "paged-adamw-8bit"})
        @Pattern(regexp = Vocabulary.OPTIMIZERS, message = Vocabulary.OPTIMIZER_MESSAGE) String optimizer,
        @Schema(description = "Default: true for qlora, false otherwise.") Boolean gradientCheckpointing,
        @Schema(description = "Accelerators to fit on; or give `filter`; default: the whole catalog.") @Size(max = 100) List<@Pattern(regexp = ID, message = ID_MESSAGE) String> acceleratorIds,
        @Schema(description = "Catalog list filters, e.g. {\"kind\": \"gpu\"}.") @Size(max = 20)
        Map<@Pattern(regexp = "[a-zA-Z]{1,40}", message = "must be a parameter name of GET /v1/accelerators (kind, vendor, format, ...)") String,
                @NotBlank @Size(max = 200) String> filter,
        @Schema(description = "Fix the device count instead of asking for the minimum.") @Positive @Max(4096) Integer devices,
        @Schema(description = "Fraction of device memory kept free (default 0).") @DecimalMin("0") @DecimalMax("0.9") Double memoryHeadroomFraction,
        @Schema(description = "CUDA context, allocator and framework memory per device, bytes (default 0: not counted; at most 2^50).")
        @PositiveOrZero @Max(1L << 50) Long runtimeOverheadBytes,
        @Schema(description = "Also time decode and prefill on each accelerator through the costing service (default true for inference).") Boolean speed,
        @Schema(description = Vocabulary.RUNTIME_DESCRIPTION, enumeration = {"kernels", "hf-transformers", "gpt-fast", "llama-cpp", "llama-cpp-2024", "llama-cpp-no-cuda-graphs", "llama-cpp-metal", "exllamav2", "mlc-llm"})
        @Pattern(regexp = Vocabulary.RUNTIMES, message = Vocabulary.RUNTIME_MESSAGE) String runtime,
        @Schema(description = "What generating tokens costs in electricity and emits: an energy region (GET /v1/energy-regions on costing) "
                + "or the price, grid intensity and PUE. Default: us-average, PUE 1.") @Valid dev.accelerometer.common.energy.Energy.Terms energy,
        @Schema(description = "A calibration profile's id (POST /v1/calibration-profiles on costing): on the accelerators it covers, its constants "
                + "fitted to your own measurements replace the calibration table's, and the assumptions say which it changed; "
                + "elsewhere the table's stay and the assumptions say so.") java.util.UUID calibrationProfile,
        @Schema(description = "Inference: Megatron tensor parallelism over this many devices (a count) of one node — decode and prefill are "
                + "timed as one rank's shard plus two all-reduces per block over the accelerator's scale-up (else PCIe) link, and the "
                + "model is split over exactly this many devices (devices, when given, must equal it). Default: none (several devices "
                + "hold consecutive layers).", example = "4") @Positive @Max(64) Integer tensorParallel,
        @Schema(description = "Inference: the linear layers sparse, combined with the weight format (e.g. int8 + 2:4). 2:4: half the "
                + "values stored, plus a 2-bit index per kept value; timed with the sparse kernels (costing's SparseGemm) on accelerators "
                + "with 2:4 sparse tensor cores when the weights are stored at the compute format's size. unstructured: the kept share "
                + "(sparsityDensity) of the values with a column index each (CSR); timed with Sputnik on NVIDIA GPUs for fp16 weights "
                + "computed in fp16. Elsewhere the answer says why they are not timed.", enumeration = {"2:4", "unstructured"})
        @Pattern(regexp = "2:4|unstructured", message = "must be 2:4 or unstructured (block sparsity is timed by costing's matmul and model "
                + "requests, not with quantized weights)") String sparsity,
        @Schema(description = "With sparsity unstructured (required there): the fraction of the linear layers' weights kept, greater than "
                + "0 and at most 1 (0.1 = 90 % sparse). 2:4 keeps 0.5.", example = "0.1")
        @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 (the fraction of weights kept)")
        @jakarta.validation.constraints.DecimalMax(value = "1", message = "must be at most 1 (the fraction of weights kept)") Double sparsityDensity,
        @Schema(description = "Inference with a llama.cpp GGUF file on one GPU: how many of its layers llama.cpp puts on the GPU (-ngl, "
                + "n_gpu_layers: that many blocks, and the output head when it exceeds the blocks); the rest stay in host memory and are "
                + "computed by the CPUs. The fit counts what the GPU holds (its blocks, their share of the KV cache, activations) and, "
                + "with host.memoryBytes, what the host holds; batch-1 decode adds the host's part at its memory bandwidth "
                + "(host.memoryBandwidthBytesPerSecond, required when layers stay on the host). Default: every layer on the GPU.",
                example = "24") @PositiveOrZero @Max(4096) Integer gpuLayers,
        @Schema(description = "The host behind the GPU, for gpuLayers.") @Valid Host host,
        @Schema(description = "Inference on one GPU with the weights in pinned host memory, streamed to it layer by layer for every "
                + "forward pass (DeepSpeed ZeRO-Inference): each pass takes the longer of its streamed bytes over the PCIe host link and "
                + "its compute, so large batches amortise the transfer. Not for GGUF files (llama.cpp computes host layers on the CPU: "
                + "gpuLayers). Default false.") Boolean streamWeights,
        @Schema(description = "With streamWeights: the number of blocks (a count) kept resident on the GPU, read from device memory; "
                + "the other blocks, the embeddings and the head are streamed. Default 0.", example = "12") @PositiveOrZero @Max(4096) Integer residentLayers,
        @Schema(description = "Which linear layers the weight format quantizes: linear (default: every linear layer of the transformer "
                + "blocks) or experts (a mixture of experts' routed experts only; attention, routers, shared experts, embeddings and head "
                + "stay bf16 — gpt-oss as released, its MoE weights in mxfp4). Decode reads each at its own size.",
                enumeration = {"linear", "experts"}) @Pattern(regexp = "linear|experts", message = "must be linear or experts") String quantizedLayers) {

    /** The host's memory, as llama.cpp's CPU layers use it. */
    @Schema(name = "InferenceHost")
    public record Host(
            @Schema(description = "Peak memory bandwidth of the host, bytes/s: channels × transfers per second × 8 bytes (dual-channel "
                    + "DDR4-2400: 38.4e9; dual-channel DDR5-6000: 96e9). The answer applies the share llama.cpp's CPU decode reaches.",
                    example = "38400000000") @Positive @DecimalMax("1e13") Double memoryBandwidthBytesPerSecond,
            @Schema(description = "Host memory, bytes: the layers left on the host and their KV cache must fit in it. Default: not checked.",
                    example = "68719476736") @Positive @DecimalMax("1e16") Double memoryBytes) {
    }

    /** A request without partial offload. */
    public EstimateRequest(String modelId, InlineModel model, String weightFormat, Integer blockSize, Integer groupSize, Boolean doubleQuantization,
            Boolean vectorWise, Double outlierThreshold, String computeFormat, String kvCacheFormat, Long batch, Long contextLength,
            Boolean allowLongContext, String mode, Integer loraRank, List<String> loraTargetModules, String optimizer, Boolean gradientCheckpointing,
            List<String> acceleratorIds, Map<String, String> filter, Integer devices, Double memoryHeadroomFraction, Long runtimeOverheadBytes,
            Boolean speed, String runtime, dev.accelerometer.common.energy.Energy.Terms energy, java.util.UUID calibrationProfile,
            Integer tensorParallel, String sparsity, Double sparsityDensity) {
        this(modelId, model, weightFormat, blockSize, groupSize, doubleQuantization, vectorWise, outlierThreshold, computeFormat, kvCacheFormat,
                batch, contextLength, allowLongContext, mode, loraRank, loraTargetModules, optimizer, gradientCheckpointing, acceleratorIds, filter,
                devices, memoryHeadroomFraction, runtimeOverheadBytes, speed, runtime, energy, calibrationProfile, tensorParallel, sparsity,
                sparsityDensity, null, null, null, null, null);
    }

    /** The same request for another weight format, with the method-specific parameters dropped (they belong to one method). */
    public EstimateRequest withWeightFormat(String format) {
        boolean layered = dev.accelerometer.model.quantization.Method.fromId(format).filter(m -> m.linearLayersOnly()).isPresent();
        return new EstimateRequest(modelId, model, format, null, null, null, null, null, computeFormat, kvCacheFormat, batch, contextLength,
                allowLongContext, mode, loraRank, loraTargetModules, optimizer, gradientCheckpointing, acceleratorIds, filter, devices,
                memoryHeadroomFraction, runtimeOverheadBytes, speed, runtime, energy, calibrationProfile, tensorParallel, sparsity, sparsityDensity,
                null, null, null, null, layered ? quantizedLayers : null);
    }

    static final String ID = Vocabulary.ID;
    static final String BATCH = "Number of sequences processed together (decoded at once, or per fine-tuning step).";
    static final String OUTLIER_THRESHOLD = "llm.int8 only: activation magnitude above which a feature dimension counts as an outlier (default 6.0; dimensionless, like the activations).";
    static final String ID_MESSAGE = "must be a catalog id such as 'llama-2-7b'";
}
