package dev.accelerometer.planner.api;

import dev.accelerometer.common.api.ClusterSpec;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PlanRequest", description = "A training job on a cluster; `plan` for evaluate, `constraints` for a search.")
public record PlanRequest(
        @Schema(description = "Catalog model id; or give `model`.", example = "gpt-3-175b") @Pattern(regexp = ID, message = ID_MESSAGE) String modelId,
        @Valid InlineModel model,
        @NotNull @Valid ClusterSpec cluster,
        @NotNull @Valid Training training,
        @Valid PlanSpec plan,
        @Valid Constraints constraints,
        @Schema(description = "What the training run's electricity costs and emits (with training.tokens): an energy region "
                + "(GET /v1/energy-regions on costing) or the price, grid intensity and PUE. Default: us-average, PUE 1.")
        @Valid dev.accelerometer.common.energy.Energy.Terms energy,
        @Schema(description = "A calibration profile's id (POST /v1/calibration-profiles on costing): on the accelerators it covers, its constants "
                + "fitted to your own measurements replace the calibration table's, and the assumptions say which it changed; "
                + "elsewhere the table's stay and the assumptions say so.") java.util.UUID calibrationProfile,
        @Schema(description = "The host behind each node's devices, as CPU offload (plan.offload, constraints.offload) uses it. Default: "
                + "the optimizer rate of the measured 2020–21 DeepSpeed hosts, host memory not checked.") @Valid Host host) {

    /** A request without host facts. */
    public PlanRequest(String modelId, InlineModel model, ClusterSpec cluster, Training training, PlanSpec plan, Constraints constraints,
            dev.accelerometer.common.energy.Energy.Terms energy, java.util.UUID calibrationProfile) {
        this(modelId, model, cluster, training, plan, constraints, energy, calibrationProfile, null);
    }

    static final String ID = Vocabulary.ID;
    static final String DATA_PARALLEL = "Number of data-parallel replicas.";
    static final String TENSOR_PARALLEL = "Number of tensor-parallel ranks (devices sharing each layer).";
    static final String PIPELINE_PARALLEL = "Number of pipeline stages.";
    static final String VIRTUAL_STAGES = "Number of interleaved model chunks per pipeline stage (1: no interleaving).";
    static final String MICRO_BATCH_SIZE = "Number of sequences per micro-batch.";
    static final String ZERO_STAGE = "ZeRO stage, an index from 0 (off) to 3.";
    static final String EXPERT_PARALLEL = "Number of expert-parallel ranks: a mixture of experts' routed experts split over this many of the "
            + "data-parallel ranks, tokens dispatched to them and combined back by all-to-all; must divide the experts and dataParallel "
            + "(1 for a dense model, the default).";
    static final String EXPERT_TENSOR_PARALLEL = "Number of tensor-parallel ranks each routed expert is split over (Megatron-Core's "
            + "--expert-tensor-parallel-size): must divide tensorParallel. Default: tensorParallel when expertParallel divides "
            + "dataParallel, else 1 (Megatron-Core's default); NVIDIA's MoE performance recipes (Megatron-Bridge, DeepSeek-V3 and Qwen3) "
            + "set 1, which halves the tokens each rank dispatches under tensorParallel 2.";
    static final String CONTEXT_PARALLEL = "Number of context-parallel ranks: every sequence split over this many devices (Megatron-Core's "
            + "context parallelism, Transformer Engine's ring attention: keys and values passed around the ranks under the attention), "
            + "which hold the same weights, so gradients reduce and ZeRO shards over dataParallel × contextParallel; 2 × contextParallel "
            + "must divide the sequence length, and it needs a fused attention kernel. Default 1.";
    static final String ID_MESSAGE = "must be a catalog id such as 'nvidia-a100-sxm-80gb'";
    static final String OFFLOAD = "Where ZeRO keeps the model states: none (on the devices); optimizer (ZeRO-Offload: each rank's fp32 master "
            + "weights, moments and fp32 gradients in host memory, the update on the host's CPUs, gradients and updated 16-bit weights over "
            + "PCIe; needs zeroStage 1 or more); optimizer-and-parameters (ZeRO-3 Offload: the 16-bit weights too, fetched for every forward "
            + "and backward pass; needs zeroStage 3). DeepSpeed's defaults for the buckets the device keeps. Default: none.";
    static final String OFFLOADS = "none|optimizer|optimizer-and-parameters";
    static final String OFFLOAD_MESSAGE = "must be none, optimizer or optimizer-and-parameters";

    @Schema(name = "Training")
    public record Training(@Schema(description = "Number of sequences per step.", example = "1536") @NotNull @Positive @Max(1 << 24) Long globalBatchSize,
            @Schema(description = "Tokens per sequence.", example = "2048") @NotNull @Positive @Max(1 << 20) Long sequenceLength,
            @Schema(defaultValue = "fp16") @Pattern(regexp = "fp16|bf16|fp8|tf32|fp32", message = "must be fp16, bf16, fp8, tf32 or fp32") String format,
            @Schema(description = Vocabulary.OPTIMIZER_DESCRIPTION + " Default: adam.",
                    enumeration = {"adam", "adamw", "lamb", "sgd", "sgd-momentum", "adam-8bit", "adamw-8bit", "paged-adamw", "paged-adamw-8bit"})
            @Pattern(regexp = Vocabulary.OPTIMIZERS, message = Vocabulary.OPTIMIZER_MESSAGE) String optimizer,
            @Schema(description = "Gradients accumulated and reduced in fp32 (Megatron-LM default, 4 bytes); false: fp16 (2 bytes).", defaultValue = "true") Boolean fp32Gradients,
            @Schema(description = "Tokens to train on (for time and cost to train); at most 1e18.") @Positive
            @jakarta.validation.constraints.DecimalMax(value = "1e18", message = "must be at most 1e18 tokens") Double tokens,
            @Schema(description = "Compress data-parallel gradients to 8 bits before the reduction (Dettmers 2016, '8-Bit Approximations "
                    + "for Parallelism in Deep Learning'): 1 byte per parameter on the wire.", defaultValue = "false") Boolean compressGradients8bit,
            @Schema(description = Vocabulary.ATTENTION_KERNEL_DESCRIPTION + " Default: flash on GPUs FlashAttention targets (Ampere and newer), "
                    + "standard (Megatron-LM's fused softmax) elsewhere — as costing's model requests.",
                    enumeration = {"flash", "standard", "eager", "flash-attention-1", "flash-attention-2", "flash-attention-3", "cudnn", "xformers", "triton"})
            @Pattern(regexp = Vocabulary.ATTENTION_KERNELS, message = Vocabulary.ATTENTION_KERNEL_MESSAGE) String attentionKernel,
            @Schema(description = "The training framework, where published runs show it changes what a step spends outside its kernels: "
                    + "megatron-core (NeMo, Megatron-LM, Megatron-Bridge: fused Transformer Engine layers, communication overlapped; on Hopper its "
                    + "own efficiency, derived from NVIDIA's NeMo Llama 3.1 recipes) or pytorch (PyTorch FSDP or DDP: torchtitan, llm-foundry; the "
                    + "calibration table's efficiency, derived from such runs). Elsewhere both use the table's. Default: megatron-core (the "
                    + "planner's layouts are Megatron-Core's).",
                    enumeration = {"megatron-core", "pytorch"})
            @Pattern(regexp = Vocabulary.TRAINING_FRAMEWORKS, message = Vocabulary.TRAINING_FRAMEWORK_MESSAGE) String framework,
            @Schema(description = "Mixture-of-experts models only: how tokens reach their experts over the expert-parallel ranks. all-to-all "
                    + "(Megatron-Core's alltoall dispatcher: each token sent to each of its k experts, the copies for other nodes through the "
                    + "NICs) or deepep (DeepEP: each token crosses to another node once per node holding one of its experts, then fans out "
                    + "over the scale-up link). Default: all-to-all.", enumeration = {"all-to-all", "deepep"})
            @Pattern(regexp = Vocabulary.EXPERT_DISPATCHERS, message = Vocabulary.EXPERT_DISPATCHER_MESSAGE) String expertDispatcher,
            @Schema(description = "Mixture-of-experts models only: whether the expert all-to-alls run under another micro-batch's compute "
                    + "(DeepSeek-V3's DualPipe, Megatron-Core's interleaved-1F1B all-to-all overlap; then only what exceeds a block's compute is "
                    + "exposed) or each MoE block waits for them (Megatron-Core without that overlap, as XTuner's H800 benchmark ran). "
                    + "Default: true.", defaultValue = "true") Boolean expertCommunicationOverlap) {

        /** A training spec that leaves the expert communication to its defaults. */
        public Training(Long globalBatchSize, Long sequenceLength, String format, String optimizer, Boolean fp32Gradients, Double tokens,
                Boolean compressGradients8bit, String attentionKernel, String framework) {
            this(globalBatchSize, sequenceLength, format, optimizer, fp32Gradients, tokens, compressGradients8bit, attentionKernel, framework,
                    null, null);
        }
    }

    @Schema(name = "PlanSpec")
    public record PlanSpec(@Schema(description = DATA_PARALLEL) @NotNull @Positive Integer dataParallel,
            @Schema(description = TENSOR_PARALLEL) @NotNull @Positive Integer tensorParallel,
            @Schema(description = PIPELINE_PARALLEL) @NotNull @Positive Integer pipelineParallel,
            @Schema(description = VIRTUAL_STAGES) @Positive @Max(64) Integer virtualStages,
            @Schema(description = MICRO_BATCH_SIZE) @NotNull @Positive @Max(1 << 16) Integer microBatchSize,
            @Pattern(regexp = "none|selective|full", message = "must be none, selective or full") String recompute,
            Boolean sequenceParallel, @Schema(description = ZERO_STAGE) @PositiveOrZero @Max(3) Integer zeroStage,
            @Schema(description = EXPERT_PARALLEL) @Positive @Max(65536) Integer expertParallel,
            @Schema(description = EXPERT_TENSOR_PARALLEL) @Positive @Max(64) Integer expertTensorParallel,
            @Schema(description = CONTEXT_PARALLEL) @Positive @Max(1024) Integer contextParallel,
            @Schema(description = OFFLOAD, enumeration = {"none", "optimizer", "optimizer-and-parameters"})
            @Pattern(regexp = OFFLOADS, message = OFFLOAD_MESSAGE) String offload) {

        /** A plan that keeps the model states on the devices. */
        public PlanSpec(Integer dataParallel, Integer tensorParallel, Integer pipelineParallel, Integer virtualStages, Integer microBatchSize,
                String recompute, Boolean sequenceParallel, Integer zeroStage, Integer expertParallel, Integer expertTensorParallel,
                Integer contextParallel) {
            this(dataParallel, tensorParallel, pipelineParallel, virtualStages, microBatchSize, recompute, sequenceParallel, zeroStage,
                    expertParallel, expertTensorParallel, contextParallel, null);
        }
    }

    @Schema(name = "TrainingHost", description = "The host CPUs and memory behind each node's devices.")
    public record Host(
            @Schema(description = "Host memory per node, bytes: the offloaded states of the node's ranks must fit in it (less the memory "
                    + "headroom fraction). Default: not checked.", example = "1099511627776") @Positive @DecimalMax("1e16") Double memoryBytes,
            @Schema(description = "Parameters per second the node's CPUs take through the optimizer phase of a step (gradient unscaling and "
                    + "clipping, then DeepSpeedCPUAdam), shared by its ranks; measure it from DeepSpeed's optimizer_gradients and "
                    + "optimizer_step timers. Default: 1.30e9, from the measured hosts (catalog ledger off-03, off2-03, off-16).",
                    example = "1.3e9") @DecimalMin("1e6") @DecimalMax("1e13") Double cpuOptimizerParametersPerSecond) {
    }

    @Schema(name = "Constraints")
    public record Constraints(@Schema(description = "Largest number of tensor-parallel ranks to try.") @Positive Integer maxTensorParallel,
            @Schema(description = "Fix the number of tensor-parallel ranks.") @Positive Integer tensorParallel,
            @Schema(description = "Fix the number of pipeline stages.") @Positive Integer pipelineParallel,
            @Schema(description = "Fix the ZeRO stage, an index from 0 (off) to 3.") @PositiveOrZero @Max(3) Integer zeroStage, @Pattern(regexp = "none|selective|full", message = "must be none, selective or full") String recompute,
            @Schema(description = "Fix the number of expert-parallel ranks (a count; MoE models; the search tries the powers of two that divide the "
                    + "experts and the data-parallel ranks).") @Positive @Max(65536) Integer expertParallel,
            @Schema(description = "Fix the number of context-parallel ranks (a count; default: the search tries 1 and, with a fused attention "
                    + "kernel, the powers of two that leave each rank at least 4,096 tokens of a sequence).") @Positive @Max(1024) Integer contextParallel,
            @Schema(description = "Fraction of device memory kept free (default 0.05, allocator fragmentation).") @DecimalMin("0") @DecimalMax("0.9") Double memoryHeadroomFraction,
            @Schema(description = "Number of candidates returned, best first (default 20).") @Positive @Max(500) Integer limit,
            @Schema(description = "Search deadline, milliseconds (default 1000, at most 10000).") @Positive @Max(10_000) Integer deadlineMillis,
            @Schema(description = "Where the search may keep the model states (" + OFFLOAD + ") — or any: it tries all three and ranks them "
                    + "with the rest by step time. Default: none.", enumeration = {"none", "optimizer", "optimizer-and-parameters", "any"})
            @Pattern(regexp = OFFLOADS + "|any", message = "must be none, optimizer, optimizer-and-parameters or any") String offload) {

        /** Constraints that keep the model states on the devices. */
        public Constraints(Integer maxTensorParallel, Integer tensorParallel, Integer pipelineParallel, Integer zeroStage, String recompute,
                Integer expertParallel, Integer contextParallel, Double memoryHeadroomFraction, Integer limit, Integer deadlineMillis) {
            this(maxTensorParallel, tensorParallel, pipelineParallel, zeroStage, recompute, expertParallel, contextParallel, memoryHeadroomFraction,
                    limit, deadlineMillis, null);
        }
    }
}
