package dev.accelerometer.planner.api;

import dev.accelerometer.common.api.ClusterSpec;
import dev.accelerometer.common.api.InlineModel;
import dev.accelerometer.common.api.Vocabulary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ServingRequest", description = "A model to serve on a cluster at a workload and latency objectives; `configuration` for "
        + "evaluate, `search` (optional) for a search.")
public record ServingRequest(
        @Schema(description = "Catalog model id; or give `model`.", example = "llama-3.1-70b") @Pattern(regexp = Vocabulary.ID, message = PlanRequest.ID_MESSAGE) String modelId,
        @Valid InlineModel model,
        @Schema(description = "The accelerator, how many may be used in all (`devices`, the upper bound of the search) and the node's link "
                + "(tensor-parallel groups stay inside a node).")
        @NotNull @Valid ClusterSpec cluster,
        @Schema(description = "Weights and GEMMs: bf16/fp16, fp8 (FP8 weights and activations, as NVIDIA's FP8 checkpoints run) or fp4 "
                + "(NVFP4 weights and activations in the linear layers, as NVIDIA's FP4 checkpoints run on Blackwell; attention, norms and the "
                + "output head at 8 bits and more). Default: bf16.",
                enumeration = {"bf16", "fp16", "fp8", "fp4"}) @Pattern(regexp = "bf16|fp16|fp8|fp4", message = "must be bf16, fp16, fp8 or fp4") String weightFormat,
        @Schema(description = "KV-cache elements: bf16/fp16 or fp8. Default: the weights' format; with fp8 weights, fp8 under tensorrt-llm, "
                + "intel-gaudi and kernels (FP8 checkpoints quantize the cache too) and bf16 under vllm and sglang (their kv_cache_dtype "
                + "auto is the model's 16-bit dtype; pass fp8 for --kv-cache-dtype fp8).", enumeration = {"bf16", "fp16", "fp8"})
        @Pattern(regexp = "bf16|fp16|fp8", message = "must be bf16, fp16 or fp8") String kvCacheFormat,
        @Schema(description = "Serving runtime: tensorrt-llm (default) and vllm (each at its share of the kernels' modelled speed, derived from "
                + "its own published offline runs), sglang (assumed at TensorRT-LLM's share; the band of its own held-out runs), intel-gaudi "
                + "(Intel's Gaudi software with static batches, at its share derived from Intel's Gaudi 2 table), kernels (the kernels alone, "
                + "an upper bound).",
                enumeration = {"tensorrt-llm", "vllm", "sglang", "intel-gaudi", "kernels"})
        @Pattern(regexp = "tensorrt-llm|vllm|sglang|intel-gaudi|kernels", message = "must be tensorrt-llm, vllm, sglang, intel-gaudi or kernels")
        String runtime,
        @NotNull @Valid Traffic workload,
        @Valid Objectives objectives,
        @Valid SearchSpec search,
        @Valid Configuration configuration,
        @Schema(description = "What the electricity costs and emits: an energy region (GET /v1/energy-regions on costing) or the price, "
                + "grid intensity and PUE. Default: us-average, PUE 1.") @Valid dev.accelerometer.common.energy.Energy.Terms energy,
        @Schema(description = "A calibration profile's id (POST /v1/calibration-profiles on costing): on the accelerators it covers, its constants "
                + "fitted to your own measurements replace the calibration table's, and the assumptions say which it changed; "
                + "elsewhere the table's stay and the assumptions say so.") java.util.UUID calibrationProfile,
        @Schema(description = "Mixtures of experts served expert parallel only: how a group's tokens reach their experts. all-to-all (each "
                + "token sent to each of its k experts' ranks, the copies for other nodes through the NICs: vLLM's and TensorRT-LLM's "
                + "all-to-all) or deepep (DeepEP: each token crosses to another node once per node holding one of its experts, then fans "
                + "out over the scale-up link; SGLang's --moe-a2a-backend deepep). Default: all-to-all.", enumeration = {"all-to-all", "deepep"})
        @Pattern(regexp = Vocabulary.EXPERT_DISPATCHERS, message = Vocabulary.EXPERT_DISPATCHER_MESSAGE) String expertDispatcher,
        @Schema(description = "Mixtures of experts served expert parallel only: whether each MoE block's dispatch and combine run under the "
                + "other half-batch's compute (SGLang's --enable-two-batch-overlap, DeepSeek's dual micro-batch overlap; the block then takes "
                + "the longer of its compute and its exchange) or the block waits for them. Default: false.", defaultValue = "false")
        Boolean expertCommunicationOverlap) {

    @Schema(name = "ServingTraffic", description = "How requests arrive and how long they are.")
    public record Traffic(
            @Schema(description = "offline: every request queued at once (max throughput); poisson: open-loop arrivals at requestsPerSecond; "
                    + "concurrency: that many clients, each sending its next request when the last completes.",
                    enumeration = {"offline", "poisson", "concurrency"})
            @NotNull @Pattern(regexp = "offline|poisson|concurrency", message = "must be offline, poisson or concurrency") String arrival,
            @Schema(description = "Number of requests per second arriving in all (poisson).", example = "20") @Positive @DecimalMax("1e6") Double requestsPerSecond,
            @Schema(description = "Number of concurrent clients in all (concurrency).", example = "64") @Positive @Max(1_000_000) Integer concurrency,
            @Schema(description = "Prompt lengths (or give `trace`).") @Valid Lengths inputTokens,
            @Schema(description = "Output lengths (or give `trace`).") @Valid Lengths outputTokens,
            @Schema(description = "Recorded (input, output) token pairs, replayed in order (cycling when more requests are simulated).")
            @Size(max = 20_000) List<@NotNull @Valid TraceEntry> trace,
            @Schema(description = "Fraction of each prompt a prefix cache already holds (0 to 0.99): those tokens take cache, not compute.",
                    defaultValue = "0") @DecimalMin("0") @DecimalMax("0.99") Double prefixCacheHitRate,
            @Schema(description = "Number of requests simulated per configuration (default 2,000).", defaultValue = "2000") @Positive @Max(20_000) Integer simulatedRequests,
            @Schema(description = "Seed of the simulated arrivals and lengths, a dimensionless integer (same seed, same answer).", defaultValue = "1") Long seed) {
    }

    @Schema(name = "ServingLengths", description = "A token-length distribution.")
    public record Lengths(
            @Schema(enumeration = {"fixed", "uniform", "lognormal"}) @NotNull @Pattern(regexp = "fixed|uniform|lognormal",
                    message = "must be fixed, uniform or lognormal") String distribution,
            @Schema(description = "Number of tokens of every request (fixed).", example = "1000") @Positive @Max(10_000_000) Integer tokens,
            @Schema(description = "Smallest number of tokens (uniform).") @Positive @Max(10_000_000) Integer minTokens,
            @Schema(description = "Largest number of tokens (uniform; lognormal's cut-off, default 8 × mean).") @Positive @Max(10_000_000) Integer maxTokens,
            @Schema(description = "Mean number of tokens (lognormal).", example = "800") @DecimalMin("1") @DecimalMax("1e7") Double meanTokens,
            @Schema(description = "Standard deviation of the log of the length, dimensionless (the lognormal's shape; 0.5–1.5 is typical of chat traffic).",
                    example = "1") @DecimalMin(value = "0", inclusive = false) @DecimalMax("3") Double sigma) {
    }

    @Schema(name = "ServingTraceEntry")
    public record TraceEntry(@Schema(description = "Number of prompt tokens.") @NotNull @Positive @Max(10_000_000) Integer inputTokens,
            @Schema(description = "Number of output tokens.") @NotNull @Positive @Max(10_000_000) Integer outputTokens) {
    }

    @Schema(name = "ServingObjectives", description = "Latency objectives, seconds; a plan meets them when every one given is met and the "
            + "queue is stable.")
    public record Objectives(
            @Schema(description = "Median time to first token, seconds.") @Positive Double ttftP50Seconds,
            @Schema(description = "99th-percentile time to first token, seconds.") @Positive Double ttftP99Seconds,
            @Schema(description = "Median time per output token after the first, seconds.") @Positive Double tpotP50Seconds,
            @Schema(description = "99th-percentile time per output token after the first, seconds.") @Positive Double tpotP99Seconds,
            @Schema(description = "99th-percentile gap between consecutive tokens, seconds.") @Positive Double itlP99Seconds,
            @Schema(description = "99th-percentile end-to-end request latency, seconds.") @Positive Double e2eP99Seconds) {
    }

    @Schema(name = "ServingSearchSpec", description = "Bounds of a search (all optional).")
    public record SearchSpec(
            @Schema(description = "Number of devices the plan uses at least (default 1).") @Positive @Max(1 << 20) Integer minDevices,
            @Schema(description = "Fix the number of tensor-parallel ranks per replica.") @Positive @Max(64) Integer tensorParallel,
            @Schema(description = "Fix the number of pipeline stages per replica (default: 1, 2 and 4 with the widest tensor-parallel group).")
            @Positive @Max(64) Integer pipelineParallel,
            @Schema(description = "Number of sequences per iteration at most: the batch limits to try; default 16, 32, 64, 128, 256, 512, 1024.")
            @Size(max = 12) List<@NotNull @Positive @Max(16_384) Integer> maxSequences,
            @Schema(description = "Number of tokens per iteration at most: the token limits (chunked-prefill budget) to try; default 512, 2048, 8192.")
            @Size(max = 8) List<@NotNull @Positive @Max(1 << 17) Integer> maxBatchedTokens,
            @Schema(description = "The runtime's memory fraction, as the runtime reads it: vLLM's gpu_memory_utilization and SGLang's "
                    + "mem_fraction_static (of the whole device, for weights, workspace and KV cache), TensorRT-LLM's "
                    + "free_gpu_memory_fraction (of what the weights and workspace leave, for the KV cache). Default 0.9.",
                    defaultValue = "0.9") @DecimalMin("0.3") @DecimalMax("0.98") Double memoryUtilization,
            @Schema(description = "Number of plans returned, cheapest first (default 10).") @Positive @Max(200) Integer limit,
            @Schema(description = "Search deadline, milliseconds (default 5000, at most 10000).") @Positive @Max(10_000) Integer deadlineMillis,
            @Schema(description = "Also search disaggregated serving: a prefill pool and a decode pool in the same node, the prompt's KV "
                    + "cache moved between them over its link (default true; needs a node of 2 or more devices).", defaultValue = "true")
            Boolean disaggregated,
            @Schema(description = "Mixtures of experts only: fix the number of expert-parallel ranks per replica (attention data parallel, "
                    + "see ServingConfiguration.expertParallel); only such replicas are then tried. Default: for a mixture of experts, "
                    + "unless tensorParallel or pipelineParallel is fixed, groups of 2, 4, … up to a node that divide the experts are "
                    + "tried beside the tensor-parallel replicas.") @Positive @Max(1024) Integer expertParallel) {
        public SearchSpec(Integer minDevices, Integer tensorParallel, List<Integer> maxSequences, List<Integer> maxBatchedTokens,
                Double memoryUtilization, Integer limit, Integer deadlineMillis) {
            this(minDevices, tensorParallel, null, maxSequences, maxBatchedTokens, memoryUtilization, limit, deadlineMillis, null, null);
        }
    }

    @Schema(name = "ServingConfiguration", description = "One deployment: replicas of a tensor-parallel group, each with its scheduler limits.")
    public record Configuration(
            @Schema(description = "Number of tensor-parallel ranks per replica (inside one node).", example = "4") @NotNull @Positive @Max(64) Integer tensorParallel,
            @Schema(description = "Number of pipeline stages per replica (default 1), each of tensorParallel devices; stages past one node need "
                    + "the cluster's network.", example = "1", defaultValue = "1") @Positive @Max(64) Integer pipelineParallel,
            @Schema(description = "Number of replicas, each serving its share of the traffic.", example = "2") @NotNull @Positive @Max(1 << 20) Integer replicas,
            @Schema(description = "Maximum number of sequences per iteration (max_num_seqs / max_batch_size).", example = "256") @NotNull @Positive @Max(16_384) Integer maxSequences,
            @Schema(description = "Maximum number of tokens per iteration (max_num_batched_tokens / max_num_tokens).", example = "8192") @NotNull @Positive @Max(1 << 17) Integer maxBatchedTokens,
            @Schema(description = "Disaggregated serving: a separate pool that makes each request's first token; the fields above then "
                    + "describe the decode pool.") @Valid Pool prefillPool,
            @Schema(description = "Mixtures of experts only: number of expert-parallel ranks per replica (default 1). Above 1, each replica "
                    + "is a group of that many devices running attention data parallel — each rank its own sequences, with maxSequences "
                    + "and maxBatchedTokens per rank, the attention, dense layers and shared experts whole on every rank — and the routed "
                    + "experts split over the group, each MoE block's tokens dispatched to their experts and combined back (SGLang's "
                    + "--enable-dp-attention with --ep-size, TensorRT-LLM's enable_attention_dp with --ep). tensorParallel and "
                    + "pipelineParallel must then be 1; past one node the group needs cluster.interNodeLinkId. With a prefillPool, the "
                    + "decode pool's group.", example = "8",
                    defaultValue = "1") @Positive @Max(1024) Integer expertParallel) {
        public Configuration(Integer tensorParallel, Integer pipelineParallel, Integer replicas, Integer maxSequences, Integer maxBatchedTokens,
                Pool prefillPool) {
            this(tensorParallel, pipelineParallel, replicas, maxSequences, maxBatchedTokens, prefillPool, null);
        }
    }

    @Schema(name = "ServingPool", description = "A prefill pool: replicas of a tensor-parallel (or expert-parallel) group and their per-iteration "
            + "token limit.")
    public record Pool(
            @Schema(description = "Number of tensor-parallel ranks per prefill replica.", example = "2") @NotNull @Positive @Max(64) Integer tensorParallel,
            @Schema(description = "Number of prefill replicas.", example = "1") @NotNull @Positive @Max(1 << 20) Integer replicas,
            @Schema(description = "Maximum number of prompt tokens per iteration (per rank under expert parallelism).", example = "8192")
            @NotNull @Positive @Max(1 << 17) Integer maxBatchedTokens,
            @Schema(description = "Mixtures of experts only: number of expert-parallel ranks per prefill replica, running attention data "
                    + "parallel (as ServingConfiguration.expertParallel; tensorParallel must then be 1). Default 1.", example = "8",
                    defaultValue = "1") @Positive @Max(1024) Integer expertParallel) {
        public Pool(Integer tensorParallel, Integer replicas, Integer maxBatchedTokens) {
            this(tensorParallel, replicas, maxBatchedTokens, null);
        }
    }
}
