package dev.accelerometer.costing.api;

import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.common.api.ClusterSpec;
import dev.accelerometer.common.api.InlineModel;
import dev.accelerometer.common.api.Vocabulary;
import dev.accelerometer.model.kernel.Dequantization;
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
    public static final String ID = Vocabulary.ID;
    public static final String ID_MESSAGE = "must be a catalog id such as 'nvidia-h100-sxm'";
    static final String FORMATS = Vocabulary.FORMATS;
    public static final String FORMAT_MESSAGE = Vocabulary.FORMAT_MESSAGE;
    public static final String OPTIMIZER_MESSAGE = Vocabulary.OPTIMIZER_MESSAGE;
    static final String CALIBRATION_PROFILE = "A calibration profile's id (POST /v1/calibration-profiles): on the accelerators it "
            + "covers, its constants fitted to your own measurements replace the calibration table's, and the answer quotes the profile's "
            + "leave-one-out error band; on others the table's constants stay and the answer says so.";
    /** 2^24: larger GEMM dimensions than any accelerator's memory holds; keeps 2·M·N·K·batch well inside a double. */
    static final long MAX_DIM = 16_777_216L;

    private Requests() {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @Schema(name = "MatmulRequest", description = "C[M×N] = A[M×K]·B[K×N], `batch` times.")
    public record Matmul(
            @Schema(example = "nvidia-h100-sxm") @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String acceleratorId,
            @Schema(description = "M: rows of A and of C, elements.", example = "8192") @NotNull @Positive @Max(MAX_DIM) Long m,
            @Schema(description = "N: columns of B and of C, elements.", example = "8192") @NotNull @Positive @Max(MAX_DIM) Long n,
            @Schema(description = "K: the shared inner dimension (columns of A, rows of B), elements.", example = "8192") @NotNull @Positive @Max(MAX_DIM) Long k,
            @Schema(description = "Number of independent multiplications of this shape.", example = "1", defaultValue = "1") @Positive @Max(65536) Long batch,
            @Schema(example = "bf16") @NotBlank @Pattern(regexp = FORMATS, message = FORMAT_MESSAGE) String format,
            @Schema(description = CALIBRATION_PROFILE) java.util.UUID calibrationProfile,
            @Schema(description = "B (the weights, K×N) is sparse: the answer times the sparse kernel and the same GEMM dense, with the "
                    + "speed-up (below 1 when the sparse kernel loses).") @Valid Sparsity sparsity) {


        /** The same workload on another accelerator (comparisons). */
        public Matmul on(String id) {
            return new Matmul(id, m, n, k, batch, format, calibrationProfile, sparsity);
        }
    }

    /** Sparsity patterns of B. */
    public static final String SPARSITY_PATTERNS = "2:4|block|unstructured";
    /** Sparse kernel families (model SparseGemm.Kernel). */
    public static final String SPARSE_KERNELS = "cusparselt|cutlass|hipsparselt|sputnik|triton-bsr|cusparse-blocked-ell|megablocks";

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @Schema(name = "Sparsity", description = "Which elements of B (the weights, K×N) are zero, and the kernel that skips them.")
    public record Sparsity(
            @Schema(description = "2:4: two of every four consecutive elements along K kept (sparse tensor cores: NVIDIA Ampere and later, "
                    + "AMD MI300); block: square blocks kept or dropped whole; unstructured: any element.", example = "2:4",
                    enumeration = {"2:4", "block", "unstructured"})
            @NotBlank @Pattern(regexp = SPARSITY_PATTERNS, message = "must be 2:4, block or unstructured") String pattern,
            @Schema(description = "Fraction of B's elements kept (nonzero), greater than 0 and at most 1; 2:4 keeps exactly 0.5, its default; "
                    + "required for unstructured and block (the fraction of blocks kept).",
                    example = "0.5")
            @jakarta.validation.constraints.DecimalMin(value = "0", inclusive = false, message = "must be greater than 0 (the fraction of elements kept)")
            @jakarta.validation.constraints.DecimalMax(value = "1", message = "must be at most 1 (the fraction of elements kept)") Double density,
            @Schema(description = "Edge of the square blocks kept or dropped whole, elements (block sparsity only, required there): a size the "
                    + "kernel was measured at — triton-bsr 16, 32, 64; cusparse-blocked-ell 8; megablocks 128.", example = "32")
            @Positive @Max(1024) Integer blockSize,
            @Schema(description = "The sparse kernel family; default: for 2:4 the vendor's library (cusparselt on NVIDIA, hipsparselt on AMD), "
                    + "for unstructured sputnik (CSR on the CUDA cores), for block the kernel measured at the block size (triton-bsr: PyTorch's "
                    + "Triton BSR; cusparse-blocked-ell; megablocks).", enumeration = {"cusparselt", "cutlass", "hipsparselt", "sputnik", "triton-bsr",
                            "cusparse-blocked-ell", "megablocks"})
            @Pattern(regexp = SPARSE_KERNELS, message = "must be one of cusparselt, cutlass, hipsparselt, sputnik, triton-bsr, cusparse-blocked-ell, "
                    + "megablocks") String kernel,
            @Schema(description = "Model requests only: which linear layers are sparse — attention (QKV and output projections) and ffn "
                    + "(up, down, experts); default both. The router, the attention core and the output head stay dense.")
            @jakarta.validation.constraints.Size(max = 2) List<@NotBlank @Pattern(regexp = "attention|ffn", message = "must be attention or ffn")
                    String> layers) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @Schema(name = "AttentionRequest")
    public record Attention(
            @Schema(example = "nvidia-a100-sxm-80gb") @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String acceleratorId,
            @Schema(description = "Number of sequences.", example = "8") @NotNull @Positive @Max(65536) Long batch,
            @Schema(description = "Query tokens per sequence.", example = "2048") @NotNull @Positive @Max(MAX_DIM) Long queryLength,
            @Schema(description = "Key/value tokens per sequence (the context attended to).", example = "2048") @NotNull @Positive @Max(MAX_DIM) Long keyLength,
            @Schema(description = "Number of query heads.", example = "16") @NotNull @Positive @Max(4096) Integer heads,
            @Schema(description = "Number of key/value heads (GQA/MQA); default: heads.", example = "16") @Positive @Max(4096) Integer kvHeads,
            @Schema(description = "Elements per head (head dimension).", example = "128") @NotNull @Positive @Max(1024) Integer headDim,
            @Schema(defaultValue = "false") Boolean causal,
            @Schema(description = Vocabulary.ATTENTION_KERNEL_DESCRIPTION + " Default: flash.", defaultValue = "flash",
                    enumeration = {"flash", "standard", "eager", "flash-attention-1", "flash-attention-2", "flash-attention-3", "cudnn", "xformers", "triton"})
            @Pattern(regexp = Vocabulary.ATTENTION_KERNELS, message = Vocabulary.ATTENTION_KERNEL_MESSAGE) String kernel,
            @Schema(defaultValue = "forward") @Pattern(regexp = "forward|backward|forward-backward", message = "must be forward, backward or forward-backward") String pass,
            @Schema(example = "bf16") @NotBlank @Pattern(regexp = FORMATS, message = FORMAT_MESSAGE) String format,
            @Schema(description = CALIBRATION_PROFILE) java.util.UUID calibrationProfile) {

        public Attention on(String id) {
            return new Attention(id, batch, queryLength, keyLength, heads, kvHeads, headDim, causal, kernel, pass, format, calibrationProfile);
        }
    }

    @Schema(name = "Conv2dRequest")
    public record Conv2d(
            @Schema(example = "nvidia-a100-sxm-80gb") @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String acceleratorId,
            @Schema(description = "Number of images (samples) in the batch.", example = "256") @NotNull @Positive @Max(65536) Long batch,
            @Schema(description = Descriptions.IN_CHANNELS, example = "64") @NotNull @Positive @Max(65536) Integer inChannels,
            @Schema(description = Descriptions.OUT_CHANNELS, example = "64") @NotNull @Positive @Max(65536) Integer outChannels,
            @Schema(description = Descriptions.INPUT_HEIGHT, example = "56") @NotNull @Positive @Max(16384) Integer inputHeight,
            @Schema(description = Descriptions.INPUT_WIDTH, example = "56") @NotNull @Positive @Max(16384) Integer inputWidth,
            @Schema(description = Descriptions.KERNEL_HEIGHT, example = "3") @NotNull @Positive @Max(64) Integer kernelHeight,
            @Schema(description = Descriptions.KERNEL_WIDTH, example = "3") @NotNull @Positive @Max(64) Integer kernelWidth,
            @Schema(description = Descriptions.STRIDE, defaultValue = "1") @Positive @Max(64) Integer stride,
            @Schema(description = Descriptions.PADDING, defaultValue = "0") @PositiveOrZero @Max(64) Integer padding,
            @Schema(description = Descriptions.GROUPS, defaultValue = "1") @Positive @Max(65536) Integer groups,
            @Schema(defaultValue = "forward") @Pattern(regexp = "forward|forward-backward", message = "must be forward or forward-backward") String pass,
            @Schema(example = "fp16") @NotBlank @Pattern(regexp = FORMATS, message = FORMAT_MESSAGE) String format,
            @Schema(description = CALIBRATION_PROFILE) java.util.UUID calibrationProfile,
            @Schema(description = "The filter is sparse (2:4 along Cin/groups · kh · kw, as TensorRT prunes convolutions): the answer times the "
                    + "forward pass's sparse implicit GEMM and the same convolution dense. Forward pass only.") @Valid Sparsity sparsity) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @Schema(name = "ModelCostRequest")
    public record ModelCost(
            @Schema(example = "nvidia-a100-sxm-80gb") @NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String acceleratorId,
            @Schema(description = "Number of devices in plain data parallelism (training) or serving replicas.", defaultValue = "1") @Positive @Max(1_000_000) Integer devices,
            @Schema(description = "Catalog model id; or give `model`.", example = "bert-large") @Pattern(regexp = ID, message = ID_MESSAGE) String modelId,
            @Valid InlineModel model,
            @Schema(example = "training") @NotBlank @Pattern(regexp = "training|prefill|decode", message = "must be training, prefill or decode") String mode,
            @Schema(description = "Number of sequences per step across all devices (training) or of concurrent requests (prefill/decode).", example = "256")
            @NotNull @Positive @Max(16_777_216) Long batch,
            @Schema(description = "Tokens per sequence (training, prefill); the KV-cache context for decode. Required for a "
                    + "transformer; a CNN's images are its catalog input size, so a CNN request leaves it out.", example = "128")
            @Positive @Max(16_777_216) Long sequenceLength,
            @Schema(example = "fp16") @NotBlank @Pattern(regexp = FORMATS, message = FORMAT_MESSAGE) String format,
            @Schema(description = "Number of training steps to time (training).") @Positive Long steps,
            @Schema(description = "Tokens to train on (training) or to generate (decode); alternative to steps. At most 1e18.") @Positive
            @jakarta.validation.constraints.DecimalMax(value = "1e18", message = "must be at most 1e18 tokens") Double tokens,
            @Schema(description = Vocabulary.ATTENTION_KERNEL_DESCRIPTION + " Default: flash on Ampere and newer GPUs, standard elsewhere.",
                    enumeration = {"flash", "standard", "eager", "flash-attention-1", "flash-attention-2", "flash-attention-3", "cudnn", "xformers", "triton"})
            @Pattern(regexp = Vocabulary.ATTENTION_KERNELS, message = Vocabulary.ATTENTION_KERNEL_MESSAGE) String attentionKernel,
            @Schema(description = Vocabulary.OPTIMIZER_DESCRIPTION + " Default: adamw for a transformer, sgd (with momentum) for a CNN.",
                    enumeration = {"adam", "adamw", "lamb", "sgd", "sgd-momentum", "adam-8bit", "adamw-8bit", "paged-adamw", "paged-adamw-8bit"})
            @Pattern(regexp = Vocabulary.OPTIMIZERS, message = Vocabulary.OPTIMIZER_MESSAGE) String optimizer,
            @Schema(description = "Decode, and prefill with runtime llama-cpp: layer weights stored at this many bits per parameter, "
                    + "constants included (weight-only quantization, dequantized to `format` in the kernel); default: the format's own "
                    + "size (llama-cpp prefill: Q4_0's 4.5).", example = "4.127")
            @Positive @Max(64) Double weightBitsPerParameter,
            @Schema(description = "Decode only: KV-cache bits per element, scales included; default: the format's own size.", example = "8")
            @Positive @Max(64) Double kvCacheBitsPerElement,
            @Schema(description = "Decode only: the instruction work of the kernel that dequantizes the layer weights; default none "
                    + "(the GEMVs are bandwidth-bound).") @Valid DequantizationKernel dequantization,
            @Schema(description = "Training only: the cluster the data-parallel replicas run on — a catalog system (e.g. "
                    + "nvidia-dgx-h100 with 16 nodes as devices 128), GPUs per node with the links inside and between nodes, or a TPU "
                    + "slice (torusShape). The gradient all-reduce is then priced by the collective model (NVLink rings or NVLS inside "
                    + "a node, NIC-bound rings across nodes, per-axis rings on a torus). Without it, all devices share one link domain "
                    + "(the accelerator's own scale-up link or PCIe). Its acceleratorId, when given, must be acceleratorId; its devices "
                    + "default to devices.") @Valid ClusterSpec cluster,
            @Schema(description = "Training only: each of the data-parallel replicas updates 1/devices of the weights and the "
                    + "gradient all-reduce becomes a reduce-scatter and an all-gather of the same volume (cross-replica weight-update "
                    + "sharding, Xu et al. 2020, arXiv:2004.13336; ZeRO-1 and FSDP on GPUs). Default: true on TPUs (XLA/JAX training "
                    + "shards the update), false on GPUs (PyTorch DDP).") Boolean shardedWeightUpdate,
            @Schema(description = "Decode: " + Vocabulary.RUNTIME_DESCRIPTION + " Prefill: kernels (the default) or llama-cpp, "
                    + "llama.cpp's prompt processing (its quantized matrix multiplications at a rate per SM-clock measured on its CUDA "
                    + "scoreboard, NVIDIA GPUs from Pascal on; its Metal kernels per GPU core-clock on Apple silicon; elsewhere a 422).",
                    enumeration = {"kernels", "hf-transformers", "gpt-fast", "llama-cpp", "llama-cpp-2024", "llama-cpp-no-cuda-graphs", "llama-cpp-metal", "exllamav2", "mlc-llm"})
            @Pattern(regexp = Vocabulary.RUNTIMES, message = Vocabulary.RUNTIME_MESSAGE) String runtime,
            @Schema(description = "What the run's electricity costs and emits: an energy region (GET /v1/energy-regions) or the price, "
                    + "grid intensity and PUE. Default: us-average, PUE 1.") @Valid dev.accelerometer.common.energy.Energy.Terms energy,
            @Schema(description = CALIBRATION_PROFILE) java.util.UUID calibrationProfile,
            @Schema(description = "Prefill and decode only: Megatron tensor parallelism over this many devices of one node (heads, FFN and "
                    + "vocabulary split; two all-reduces of the tokens' hidden states per block over the accelerator's scale-up link, "
                    + "priced by the collective model), as TensorRT-LLM and vLLM run it. Default 1. Each of `devices` replicas then "
                    + "spans this many devices.", example = "4", defaultValue = "1") @Positive @Max(64) Integer tensorParallel,
            @Schema(description = "A transformer's linear layers' weights sparse: pruned once for prefill and decode; for training "
                    + "re-pruned every step, the forward and data-gradient GEMMs sparse, the weight gradients dense (torchao, xFormers). "
                    + "A CNN's forward pass (mode prefill) runs its filters 2:4 where their input channels per group are a multiple of 4. "
                    + "The answer times the sparse kernels and compares the same pass dense.") @Valid Sparsity sparsity,
            @Schema(description = "Training only: the framework, where published runs show it changes what a step spends outside its "
                    + "kernels: pytorch (PyTorch DDP or FSDP: torchtitan, llm-foundry; the calibration table's efficiency, derived from such "
                    + "runs) or megatron-core (NeMo, Megatron-LM; on Hopper its own efficiency, derived from NVIDIA's NeMo Llama 3.1 recipes). "
                    + "Elsewhere both use the table's. Default: pytorch (this answer's replicas are plain data parallelism; the planner "
                    + "plans Megatron-Core layouts).", enumeration = {"megatron-core", "pytorch"})
            @Pattern(regexp = Vocabulary.TRAINING_FRAMEWORKS, message = Vocabulary.TRAINING_FRAMEWORK_MESSAGE) String framework,
            @Schema(description = "CNNs only: how the activations lie in memory. channels-last (NHWC: torch.channels_last, TensorFlow's "
                    + "default), as tensor-core convolutions run; channels-first (NCHW, PyTorch's default): cuDNN transposes each tensor-core "
                    + "convolution's input to NHWC and its output back, forward and in both gradients. Default: channels-last.",
                    enumeration = {"channels-last", "channels-first"})
            @Pattern(regexp = "channels-last|channels-first", message = "must be channels-last or channels-first") String memoryFormat) {

        public ModelCost on(String id) {
            return new ModelCost(id, devices, modelId, model, mode, batch, sequenceLength, format, steps, tokens, attentionKernel,
                    optimizer, weightBitsPerParameter, kvCacheBitsPerElement, dequantization, cluster, shardedWeightUpdate, runtime, energy,
                    calibrationProfile, tensorParallel, sparsity, framework, memoryFormat);
        }
    }


    @Schema(name = "DequantizationKernel", description = "Instructions a weight-only dequantizing matrix-vector kernel executes per "
            + "weight; costing times them with the device's per-SM instruction throughputs (CUDA C++ Programming Guide) and takes "
            + "the longer of that and the weight reads.")
    public record DequantizationKernel(
            @Schema(description = "Name of the kernel, quoted in the assumptions.", example = "GPTQ 3-bit CUDA kernel (fp32)")
            @NotBlank @jakarta.validation.constraints.Size(max = 200) String kernel,
            @Schema(description = "Number of integer-to-float conversion instructions per weight.", example = "1")
            @NotNull @PositiveOrZero @Max(64) Double conversionsPerWeight,
            @Schema(description = "Number of 32-bit integer instructions (shifts, masks) per weight.", example = "2.1")
            @NotNull @PositiveOrZero @Max(64) Double integerOpsPerWeight,
            @Schema(description = "Number of FP32 instructions per weight for scales and zeros (not the multiply-accumulate).", example = "1")
            @NotNull @PositiveOrZero @Max(64) Double floatOpsPerWeight,
            @Schema(description = "Number of shared-memory load instructions per weight (lookup tables, not the input vector).", example = "0")
            @NotNull @PositiveOrZero @Max(64) Double sharedLoadsPerWeight,
            @Schema(description = "Whether the kernel multiplies on the CUDA cores (one FP32 FMA and one shared-memory load of the input "
                    + "per weight per sequence) instead of tensor cores.", example = "true") @NotNull Boolean multipliesOnCudaCores) {

        public Dequantization model() {
            return new Dequantization(kernel, conversionsPerWeight, integerOpsPerWeight, floatOpsPerWeight, sharedLoadsPerWeight,
                    multipliesOnCudaCores);
        }
    }

    @Schema(name = "ComparisonRequest", description = "One workload across several accelerators.")
    public record Comparison(
            @Schema(description = "Accelerator ids to compare (1 to 200); or give `filter`.") List<@Pattern(regexp = ID, message = ID_MESSAGE) String> acceleratorIds,
            @Schema(description = "Catalog list filters, e.g. {\"kind\": \"gpu\", \"format\": \"bf16\"}; every matching accelerator is compared (at most 200).") @jakarta.validation.constraints.Size(max = 20)
            java.util.Map<@Pattern(regexp = "[a-zA-Z]{1,40}", message = "must be a parameter name of GET /v1/accelerators (kind, vendor, format, ...)") String,
                    @NotBlank @jakarta.validation.constraints.Size(max = 200) String> filter,
            @Schema(description = "What to run: exactly one of matmul, attention, model.") @NotNull Workload workload,
            @Schema(description = "Limits a device must meet to be ranked — \"which accelerator for my budget\"; the others are listed "
                    + "in `skipped` with the limit they break.") @Valid Budget budget) {
    }

    @Schema(name = "ComparisonBudget", description = "A budget or constraint per device or per workload; a device whose price the catalog lacks "
            + "cannot be checked against a price limit and is skipped, saying so.")
    public record Budget(
            @Schema(description = "Most one device may cost in the cloud, US dollars per device-hour.", example = "2.5")
            @jakarta.validation.constraints.Positive @jakarta.validation.constraints.DecimalMax("1e6") Double maxCloudUsdPerHour,
            @Schema(description = "Most one device may cost to buy (its list price), US dollars.", example = "10000")
            @jakarta.validation.constraints.Positive @jakarta.validation.constraints.DecimalMax("1e9") Double maxListPriceUsd,
            @Schema(description = "Most the whole workload may cost at the cloud price (a model run: runCostUsd), US dollars.")
            @jakarta.validation.constraints.Positive @jakarta.validation.constraints.DecimalMax("1e12") Double maxCostUsd,
            @Schema(description = "Longest the whole workload may take (a model run: runTimeSeconds), seconds.")
            @jakarta.validation.constraints.Positive @jakarta.validation.constraints.DecimalMax("1e12") Double maxTimeSeconds) {

        /** The limit this entry breaks, or null when it meets them all. */
        public String broken(Double cloudUsdPerHour, Double listPriceUsd, Double costUsd, double timeSeconds) {
            if (maxCloudUsdPerHour != null) {
                if (cloudUsdPerHour == null) {
                    return "budget.maxCloudUsdPerHour: no cloud price in the catalog to check it against";
                }
                if (cloudUsdPerHour > maxCloudUsdPerHour) {
                    return "budget.maxCloudUsdPerHour: costs " + round(cloudUsdPerHour) + " USD per device-hour";
                }
            }
            if (maxListPriceUsd != null) {
                if (listPriceUsd == null) {
                    return "budget.maxListPriceUsd: no list price in the catalog to check it against";
                }
                if (listPriceUsd > maxListPriceUsd) {
                    return "budget.maxListPriceUsd: lists at " + round(listPriceUsd) + " USD";
                }
            }
            if (maxCostUsd != null) {
                if (costUsd == null) {
                    return "budget.maxCostUsd: no cloud price in the catalog to cost the workload";
                }
                if (costUsd > maxCostUsd) {
                    return "budget.maxCostUsd: the workload costs " + round(costUsd) + " USD";
                }
            }
            if (maxTimeSeconds != null && timeSeconds > maxTimeSeconds) {
                return "budget.maxTimeSeconds: the workload takes " + round(timeSeconds) + " s";
            }
            return null;
        }

        private static String round(double value) {
            return value >= 100 ? Long.toString(Math.round(value)) : Double.toString(Math.round(value * 100) / 100.0);
        }
    }

    @Schema(name = "Workload", description = "The workload of a comparison; acceleratorId inside is ignored (the comparison sets it).")
    public record Workload(Matmul matmul, Attention attention, ModelCost model) {
    }
}
