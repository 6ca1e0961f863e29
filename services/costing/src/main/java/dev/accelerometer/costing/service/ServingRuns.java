package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.common.catalog.CatalogSystem;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.ExpertCommunication;
import dev.accelerometer.model.serving.Lengths;
import dev.accelerometer.model.serving.ServingPlans;
import dev.accelerometer.model.serving.ServingResult;
import dev.accelerometer.model.serving.ServingRuntime;
import dev.accelerometer.model.serving.ServingSimulator;
import dev.accelerometer.model.serving.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Published serving benchmarks (catalog ledger srv-*, V19, and the MoE rows of V17) predicted by the serving simulator
 * the planner answers with: the catalog's model on the run's device, t-way tensor parallel over its DGX/HGX system's
 * NVLink, replicas = devices ÷ t, the TensorRT-LLM runtime (its share of the kernels' speed and its front end's time per
 * request), and the run's workload — offline (all requests at
 * once: the best of max batch 256, 512, 1,024 and 2,048 sequences at 8,192 tokens per iteration, as trtllm-bench tunes
 * them), Poisson at the stated rate, or the stated number of clients. fp8 and fp4 runs keep the KV cache in fp8 (NVIDIA's FP8
 * and FP4 checkpoints quantize it), others in 16 bits, unless the run states its launch ({@link Launch}). Runs whose lengths
 * are a dataset the ledger does not describe (ShareGPT, MLPerf's OpenOrca set), static batching at a fixed batch, pipeline
 * parallelism or a device without the system's link are reported as not expressible. A mixture of experts' run with attention data
 * parallelism over its devices (TensorRT-LLM's enable_attention_dp) is run as one expert-parallel group of them
 * ({@link ServingPlans.Configuration#expertParallel()}). A run that states its expert-parallel layout (SGLang's data-parallel
 * attention over an EP group as wide as the run, across nodes over the system's network) and measures one pool of a disaggregated
 * deployment alone (SGLang's EP32 prefill and EP72 decode on H100 nodes, the other phase "assuming unlimited resources") is that
 * pool at that phase ({@link ServingPlans#evaluatePool}); DeepSeek's own production figures (an in-house system at production
 * load) and simulated runs are not expressible.
 */
public final class ServingRuns {
    /** Validation categories: max-throughput runs, and latency (or throughput) at a stated load. */
    static final String THROUGHPUT = "serving-throughput";
    static final String LATENCY = "serving-latency";

    /**
     * The systems whose scale-up link the tensor-parallel groups use (DGX/HGX 8-GPU nodes; the GB200 NVL72 rack's NVLink domain; the
     * MI300X Platform's Infinity Fabric).
     */
    static final Map<String, String> SYSTEMS = Map.of("nvidia-h100-sxm", "nvidia-dgx-h100", "nvidia-h200", "nvidia-hgx-h200-8gpu",
            "nvidia-a100-sxm-80gb", "nvidia-dgx-a100-80gb", "nvidia-b200", "nvidia-dgx-b200", "nvidia-gb200", "nvidia-gb200-nvl72",
            "amd-mi300x", "amd-mi300x-platform-8gpu", "intel-gaudi2", "intel-hls-gaudi2", "intel-gaudi3", "intel-hls-gaudi3");
    /** Ledger spellings of catalog accelerators. */
    static final Map<String, String> ALIASES = Map.of("nvidia-h200-sxm", "nvidia-h200");

    /** The runs ServingRuntime.Constants.TENSORRT_LLM_SHARE is derived from (costing ServingCalibrationTest). */
    public static final Set<String> SHARE_CALIBRATION = Set.of("srv-05", "srv-07", "srv-12", "srv-14", "srv-17", "srv-22", "srv-23", "srv-27",
            "srv-28", "srv-30", "moe-24", "moe-27");
    /**
     * The runs ServingRuntime.Constants.VLLM_SHARE is derived from (ServingCalibrationTest): vLLM's decode-dominated offline runs,
     * one per model and source (DeepSeek-R1 1000/2000 on 8 × H200; Llama 3.1 70B and 405B 128/2048 on 8 × MI300X, AMD's table;
     * 405B 128/128, Oracle's run). The other vLLM runs — longer prompts, longer outputs, the online latencies — are held out.
     */
    public static final Set<String> VLLM_SHARE_CALIBRATION = Set.of("vsr-01", "vsr-09", "vsr-13", "vsr-17");
    /**
     * The runs ServingRuntime.Constants.INTEL_GAUDI_SHARE is derived from (ServingCalibrationTest): the Llama 2 7B fp8 cells of
     * Intel's Gaudi 2 inference table (static batches, one card). Its other cells and the Gaudi 3 table are held out.
     */
    public static final Set<String> INTEL_GAUDI_SHARE_CALIBRATION = Set.of("gdi-01", "gdi-02", "gdi-03", "gdi-04");
    /** The low-load online runs ServingRuntime.Constants.TENSORRT_LLM_REQUEST_SECONDS is derived from (ServingCalibrationTest). */
    public static final Set<String> FRONT_END_CALIBRATION = Set.of("srv-32", "srv-38", "srv-43");
    /** Every calibration run; the rest are held out. */
    public static final Set<String> CALIBRATION = java.util.stream.Stream.of(SHARE_CALIBRATION, FRONT_END_CALIBRATION, VLLM_SHARE_CALIBRATION,
                    INTEL_GAUDI_SHARE_CALIBRATION)
            .flatMap(Set::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Batch limits trtllm-bench's offline runs are predicted at (the best of them). */
    static final List<Integer> OFFLINE_MAX_SEQUENCES = List.of(256, 512, 1024, 2048);
    static final int MAX_BATCHED_TOKENS = 8192;
    /**
     * Online runs: TensorRT-LLM's Triton backend and NIM do not state their batch limit. It is above 256: at 16 requests/s
     * srv-34/35 (mean TTFT 175 ms, mean ITL 66 ms, 256 output tokens) hold 16 × (0.175 + 255 × 0.066) ≈ 272 requests in
     * flight (Little's law); assumed 2,048, the largest offline limit tried.
     */
    static final int ONLINE_MAX_SEQUENCES = 2048;
    static final int OFFLINE_REQUESTS = 1000;
    /**
     * A decode pool measured alone states the cache length its batch decodes at, not output lengths: it is run with requests of that
     * prompt and this many output tokens, so the contexts stay within 3.2 % of the stated length (SGLang's 2,000-token row).
     */
    static final int DECODE_POOL_OUTPUT_TOKENS = 64;

    private ServingRuns() {
    }

    /** What a ledger run fixes, read from its inputs. */
    public record Run(String id, String acceleratorId, String modelId, Format format, int devices, int tensorParallel, int inputTokens,
            int outputTokens, Workload.Arrival arrival, double rate, int concurrency, int requests, String metric, String unit,
            double freeMemoryFraction, ServingRuntime runtime, int staticBatch, Launch launch, int expertParallel, ServingSimulator.Phase phase) {
        /** Devices per replica: the tensor-parallel group, or the expert-parallel group whose ranks run attention data parallel. */
        int group() {
            return tensorParallel * expertParallel;
        }
    }

    /**
     * What a run's launch fixed, where its source states it or gives the command and the runtime's defaults at that version were
     * read (ledger inputs {@code kvCacheDtype}, {@code maxNumBatchedTokens}, {@code maxNumSeqs}; catalog V74 for the DeepSeek-R1
     * runs): the KV cache's element format (vLLM's and SGLang's {@code --kv-cache-dtype auto} is the model's 16-bit dtype, not the
     * fp8 of its weights), the tokens per iteration and the batch limit. What a run does not state keeps this validation's
     * defaults: the cache in the weights' format (as NVIDIA's FP8 checkpoints quantize it), {@link #MAX_BATCHED_TOKENS} and the
     * offline or online batch limits. {@code stated} names the inputs the run gave, for the answer.
     */
    public record Launch(Format kvCache, int maxBatchedTokens, int maxSequences, List<String> stated, ExpertCommunication expertCommunication) {
        static final List<String> INPUTS = List.of("kvCacheDtype", "maxNumBatchedTokens", "maxNumSeqs");

        public Launch(Format kvCache, int maxBatchedTokens, int maxSequences, List<String> stated) {
            this(kvCache, maxBatchedTokens, maxSequences, stated, ServingPlans.Job.SERVING_DEFAULT);
        }

        /**
         * Read from the run's inputs ({@code kvCacheDtype} is read by its first word: "fp8 (FP8-KV checkpoint)", "bf16 (…)");
         * the cache is in the weights' format (fp8 with fp4 weights: {@link Format#activations()}) when the run does not state one;
         * empty for a format the model does not know.
         */
        static Optional<Launch> of(Map<String, Object> in, Format weights) {
            Optional<Format> kv = in.get("kvCacheDtype") == null ? Optional.of(weights.activations())
                    : Format.fromSlug(String.valueOf(in.get("kvCacheDtype")).split(" ", 2)[0]);
            // SGLang's large-scale EP runs name DeepEP's dispatch and two-batch overlap in their framework (ledger moe-38, moe-40).
            String framework = String.valueOf(in.get("framework"));
            ExpertCommunication experts = new ExpertCommunication(framework.contains("DeepEP") ? ExpertCommunication.Dispatcher.DEEPEP
                    : ExpertCommunication.Dispatcher.ALL_TO_ALL, framework.contains("two-batch overlap"));
            return kv.map(f -> new Launch(f, MoeRuns.integer(in, "maxNumBatchedTokens", MAX_BATCHED_TOKENS), MoeRuns.integer(in, "maxNumSeqs", 0),
                    INPUTS.stream().filter(in::containsKey).toList(), experts));
        }
    }

    /** A benchmark script's single-prompt prefill (no serving runtime: the kernels alone), e.g. NAVER's Gaudi 2 prefill table. */
    static final String PREFILL_LATENCY = "prefill-latency";

    /**
     * vLLM's gpu_memory_utilization default, the share of the whole device its weights, activations and KV cache may take
     * (vLLM engine arguments, "--gpu-memory-utilization ... Default: 0.9"). SGLang's mem_fraction_static is sized by the
     * server from the parallel sizes; a run whose source fixes it states it (input {@code memoryFraction}: 0.81 at TP8 in
     * SGLang 0.4.5, catalog V74), others take 0.9 too.
     */
    static final double VLLM_MEMORY_UTILIZATION = 0.9;

    /**
     * Where a run's page does not say whether its tokens/s counts the prompt tokens too (AMD's vLLM table), the run is a case
     * only while the two readings differ by at most 1/16 (input ≤ output/16: 128/2048, 128/4096); it is predicted as output
     * tokens/s and the assumption says by how much the other reading would lower the measured output rate.
     */
    static final double AMBIGUOUS_COUNT_TOLERANCE = 1.0 / 16;

    /**
     * TensorRT-LLM's free_gpu_memory_fraction (default 0.9: "90% of free GPU memory (after loading weights)", TensorRT-LLM
     * docs/source/examples/kvcacheconfig.md, read 2026-11-29); the v0.17 performance tables ran at 0.95 "in majority of
     * cases (0.90 fallback)" (the page, ledger notes of srv-01 … srv-18).
     */
    static final double TENSORRT_LLM_FREE_MEMORY_FRACTION = 0.9;
    static final double PERF_TABLES_V017_FREE_MEMORY_FRACTION = 0.95;

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        // The ledger's mixtures of experts (moe_inference_*) have a band of their own: a small-expert MoE on one Blackwell is several
        // tens of percent slower than the model (ledger moe-190 … -228), which a dense model's answer should not quote; and their
        // expert-parallel runs another (TensorRT-LLM's DeepSeek-R1 EP8 runs are 40–190 % slower than the model), which an
        // expert-parallel answer quotes.
        boolean moe = m.category().startsWith("moe_");
        return run(m).map(r -> new ValidationCases.Spec((!moe ? "" : r.expertParallel() > 1 ? ServingRuntime.EXPERT_PARALLEL_VALIDATION_PREFIX
                : ServingRuntime.MOE_VALIDATION_PREFIX) + category(r), r.acceleratorId(), CALIBRATION.contains(m.id()), describe(r),
                (device, cal, catalog) -> predict(device, cal, catalog, r, r.runtime())));
    }

    /**
     * The validation category of a run: its runtime's, throughput (offline) or latency (at a stated load). vLLM's, SGLang's and
     * Intel's Gaudi runs have their own (ServingRuntime.validationPrefix), so that their errors are not mixed into TensorRT-LLM's
     * band and an answer under each runtime quotes how its share did on that runtime's published runs.
     */
    static String category(Run r) {
        boolean offline = r.arrival() == Workload.Arrival.OFFLINE || r.unit().equals("tokens/s") && r.rate() > 0 && r.requests() <= BURST_REQUESTS;
        String prefix = r.runtime().validationPrefix();
        if (!prefix.isEmpty()) {
            return prefix + (offline ? THROUGHPUT : LATENCY);
        }
        return r.runtime() == ServingRuntime.KERNELS ? offline ? THROUGHPUT : PREFILL_LATENCY
                : r.arrival() == Workload.Arrival.OFFLINE ? THROUGHPUT : LATENCY;
    }

    /**
     * A run of at most this many requests sent at a rate is a burst: its output rate is the engine's over that batch (bench_serving's
     * 50 prompts at 10 requests/s arrive within 5 s), so it joins its runtime's throughput cases; its latencies stay latency cases.
     */
    static final int BURST_REQUESTS = 64;

    /** A metric stated per node of {@link #NODE_DEVICES} GPUs (ledger inputs.metric), not for the run's devices. */
    static final String PER_NODE = "per 8-GPU node";
    /** A metric stated per GPU of the run (ledger inputs.metric). */
    static final String PER_GPU = "per GPU";
    static final int NODE_DEVICES = 8;

    /** The metric of runs whose tokens/s counts prompt and generated tokens: the output rate × (input + output) / output. */
    static final String TOTAL_TOKENS = "Total throughput (prompt and generated tokens/s)";

    /** The runtime a ledger run used, from its framework's name; empty for one this validation does not model. */
    static Optional<ServingRuntime> runtime(String framework) {
        return framework.contains("TensorRT-LLM") || framework.contains("NIM") ? Optional.of(ServingRuntime.TENSORRT_LLM)
                : framework.contains("vLLM") ? Optional.of(ServingRuntime.VLLM)
                : framework.contains("SGLang") ? Optional.of(ServingRuntime.SGLANG)
                : framework.startsWith("Intel Gaudi software") ? Optional.of(ServingRuntime.INTEL_GAUDI) : Optional.empty();
    }

    /** The run a ledger entry describes, when it is a TensorRT-LLM continuous-batching run with stated lengths. */
    public static Optional<Run> run(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (in == null || !Set.of("serving_throughput", "serving_latency", "moe_inference_throughput", "moe_inference_decode").contains(m.category())
                || in.containsKey("simulatedMTP")) {
            return Optional.empty();
        }
        // One pool of a disaggregated deployment measured alone: SGLang's prefill (inputs.phase) and decode (a decode row at a stated
        // cache length) pools.
        ServingSimulator.Phase phase = "prefill".equals(in.get("phase")) ? ServingSimulator.Phase.PREFILL
                : m.category().equals("moe_inference_decode") && in.containsKey("kvCacheLength") ? ServingSimulator.Phase.DECODE
                : ServingSimulator.Phase.BOTH;
        String framework = String.valueOf(in.get("framework"));
        String format = String.valueOf(in.get("format"));
        Format f = switch (format) {
            case "fp8" -> Format.FP8;
            // NVIDIA's FP4 checkpoints (nvidia/*-FP4): NVFP4 weights and activations in the linear layers.
            case "fp4", "nvfp4" -> Format.FP4;
            case "fp16" -> Format.FP16;
            case "bf16" -> Format.BF16;
            default -> null;
        };
        String hardware = ALIASES.getOrDefault(String.valueOf(in.get("hardware")), String.valueOf(in.get("hardware")));
        int devices = MoeRuns.integer(in, "devices", 0);
        int t = MoeRuns.integer(in, "tensorParallel", devices);
        String metric = String.valueOf(in.getOrDefault("metric", "Output throughput (tokens/s)"));
        boolean tokensPerSecond = "tokens/s".equals(m.unit());
        boolean latency = "ms".equals(m.unit()) && (metric.contains("TTFT") || metric.contains("ITL") || metric.contains("TPOT"));
        Optional<ServingRuntime> runtime = "kernels".equals(in.get("runtime")) ? Optional.of(ServingRuntime.KERNELS) : runtime(framework);
        boolean countAmbiguous = String.valueOf(in.get("tokensCounted")).startsWith("not stated");
        // vLLM's benchmark_throughput "total tokens/s" (dstack's CSVs): prompt and generated tokens over the run's time.
        boolean countsPrompts = String.valueOf(in.get("tokensCounted")).startsWith("input and output");
        if (runtime.isEmpty() || f == null || devices <= 0 || t <= 0 || devices % t != 0
                || countAmbiguous && MoeRuns.integer(in, "inputTokens", 0) > AMBIGUOUS_COUNT_TOLERANCE * MoeRuns.integer(in, "outputTokens", 1)
                || MoeRuns.integer(in, "pipelineParallel", 1) != 1 || in.get("inputTokens") == null
                || in.get("outputTokens") == null && phase == ServingSimulator.Phase.BOTH || !(tokensPerSecond || latency)) {
            return Optional.empty();
        }
        // TensorRT-LLM's attention data parallelism over a MoE run's devices (the llm_options.yml its performance pages document): one
        // expert-parallel group of them (the run's --ep is not stated; its MoE layers as expert parallel over the same devices). A run
        // that states its layout: expert parallel over all its devices with as many data-parallel attention ranks, else not expressed.
        int experts = in.containsKey("attentionDataParallel") && devices > 1 ? devices : 1;
        if (in.containsKey("expertParallel")) {
            experts = MoeRuns.integer(in, "expertParallel", 0);
            int dataParallel = MoeRuns.integer(in, "dataParallel", MoeRuns.integer(in, "attentionDataParallel", 0));
            if (experts != devices || dataParallel != devices || t != devices && t != 1) {
                return Optional.empty();
            }
        }
        Workload.Arrival arrival = in.get("requestRatePerSecond") instanceof Number ? Workload.Arrival.POISSON
                : in.get("concurrency") != null ? Workload.Arrival.CONCURRENCY : Workload.Arrival.OFFLINE;
        int concurrency = MoeRuns.integer(in, "concurrency", 0);
        // A static batch (Intel's Gaudi tables): that many requests at once, the batch limit the batch itself.
        int staticBatch = MoeRuns.integer(in, "staticBatch", 0);
        int requests = staticBatch > 0 ? staticBatch : in.get("numPrompts") instanceof Number n ? n.intValue() : switch (arrival) {
            // The Triton online table: "500 requests".
            case POISSON -> 500;
            case CONCURRENCY -> Math.max(100, 10 * concurrency);
            case OFFLINE -> String.valueOf(in.get("lengthDistribution")).contains("500 requests") ? 500 : OFFLINE_REQUESTS;
        };
        double rate = in.get("requestRatePerSecond") instanceof Number n ? n.doubleValue() : 0;
        Optional<Launch> launch = Launch.of(in, f);
        if (launch.isEmpty()) {
            return Optional.empty();
        }
        // A prefill-only run (0 output tokens) is its first token's time: one token out.
        int output = phase == ServingSimulator.Phase.DECODE ? DECODE_POOL_OUTPUT_TOKENS : MoeRuns.integer(in, "outputTokens", 1);
        return Optional.of(new Run(m.id(), hardware, String.valueOf(in.get("model")), f, devices, experts > 1 ? 1 : t,
                MoeRuns.integer(in, "inputTokens", 1),
                Math.max(1, output), arrival, rate, concurrency, requests, countAmbiguous ? metric + " (counted as output tokens)"
                        : countsPrompts ? TOTAL_TOKENS : metric,
                m.unit(), memoryFraction(in, runtime.get()), runtime.get(), staticBatch, launch.get(), experts, phase));
    }

    /** The memory fraction the run's runtime was given: as the run states it, else the runtime's default (its version's, for TensorRT-LLM). */
    static double memoryFraction(Map<String, Object> in, ServingRuntime runtime) {
        if (in.get("memoryFraction") instanceof Number n) {
            return n.doubleValue();
        }
        return runtime != ServingRuntime.TENSORRT_LLM ? VLLM_MEMORY_UTILIZATION
                : "0.17".equals(in.get("frameworkVersion")) ? PERF_TABLES_V017_FREE_MEMORY_FRACTION : TENSORRT_LLM_FREE_MEMORY_FRACTION;
    }

    static String describe(Run r) {
        Launch l = r.launch();
        int maxBatch = l.maxSequences() > 0 ? l.maxSequences() : ONLINE_MAX_SEQUENCES;
        String limits = String.format(Locale.ROOT, "max batch %d, %d tokens per iteration", maxBatch, l.maxBatchedTokens());
        String stated = l.stated().isEmpty() ? "" : " (the run states " + String.join(", ", l.stated()) + ")";
        String load = r.staticBatch() > 0 ? "a static batch of " + r.staticBatch() + " requests at once (max batch " + r.staticBatch() + ", "
                + l.maxBatchedTokens() + " prompt tokens per iteration)" : switch (r.arrival()) {
            case OFFLINE -> "offline, " + (l.maxSequences() > 0 ? "max batch " + l.maxSequences() : "best of max batch " + OFFLINE_MAX_SEQUENCES)
                    + " at " + l.maxBatchedTokens() + " tokens per iteration";
            case POISSON -> String.format(Locale.ROOT, "Poisson arrivals at %.4g requests/s, %s", r.rate(), limits);
            case CONCURRENCY -> r.concurrency() + " clients in a closed loop, " + limits;
        };
        return String.format(Locale.ROOT, "%s on %d × %s, %s (%d replicas), %s weights, KV cache in %s%s, %d/%d tokens, %s, %d simulated requests; "
                + "%s; predicts %s", r.modelId(), r.devices(), r.acceleratorId(), (r.expertParallel() > 1 ? "EP" + r.expertParallel()
                        + " with attention data parallel" + (r.phase() == ServingSimulator.Phase.BOTH ? ", its --ep not stated" : "")
                        + " (batch limits per rank; " + l.expertCommunication().describe() + ")," : "TP" + r.tensorParallel()) + switch (r.phase()) {
                            case PREFILL -> " a prefill pool alone (decode unlimited)";
                            case DECODE -> " a decode pool alone (prefill unlimited; prompts of the stated cache length, " + DECODE_POOL_OUTPUT_TOKENS
                                    + " tokens decoded each)";
                            case BOTH -> "";
                        },
                r.devices() / r.group(), r.format().slug(), l.kvCache().slug(), stated, r.inputTokens(), r.outputTokens(), load,
                r.requests(), r.runtime() == ServingRuntime.TENSORRT_LLM ? "TensorRT-LLM runtime (share of the kernels' speed, front end per request)"
                        : r.runtime().describe() + String.format(Locale.ROOT, "; memory fraction %.2f of the device", r.freeMemoryFraction()),
                r.metric());
    }

    /** The run's metric as the simulator predicts it under {@code runtime}, in the run's unit. */
    public static double predict(Device device, Calibration cal, CatalogCache catalog, Run r, ServingRuntime runtime) {
        Transformer model = ValidationCases.model(catalog, r.modelId(), "inputs.model");
        Cluster cluster = null;
        Cluster nodes = null;
        if (r.group() > 1) {
            String systemId = SYSTEMS.get(device.id());
            if (systemId == null) {
                throw new IllegalArgumentException("no multi-GPU system with a link between " + device.id() + " devices in the mapping");
            }
            CatalogSystem system = catalog.system(systemId, "inputs.hardware");
            cluster = Cluster.of(device, system.acceleratorsPerNode(), system.acceleratorsPerNode(), catalog.link(system.intraNodeLinkId(),
                    "intraNodeLinkId"), null, null, null, system.id(), new ArrayList<>());
            if (r.group() > system.acceleratorsPerNode()) {
                nodes = ValidationCases.systemCluster(catalog, device, systemId, r.devices());
            }
        }
        // An offline run's requests are the deployment's: an expert-parallel group's data-parallel ranks share them (each rank is
        // simulated with its share), as a tensor-parallel replica has them all. A pool measured alone at a stated batch per device is
        // simulated with that many requests per rank, enough for its steady state.
        boolean shared = r.arrival() == Workload.Arrival.OFFLINE && r.phase() == ServingSimulator.Phase.BOTH;
        int requests = shared ? Math.max(1, r.requests() / r.expertParallel()) : r.requests();
        Workload w = new Workload(r.arrival(), r.arrival() == Workload.Arrival.POISSON ? r.rate() : 0, r.concurrency(),
                new Lengths.Fixed(r.inputTokens()), new Lengths.Fixed(r.outputTokens()), 0, requests, 1);
        Launch launch = r.launch();
        ServingPlans.Job job = new ServingPlans.Job(device, cal, model, r.format(), r.format().inputBytes, launch.kvCache().inputBytes,
                Attention.Kernel.defaultFor(device), runtime, cluster, r.freeMemoryFraction(), w, ServingPlans.Objectives.NONE, nodes,
                launch.expertCommunication());
        int replicas = r.devices() / r.group();
        List<Integer> limits = r.staticBatch() > 0 ? List.of(r.staticBatch()) : launch.maxSequences() > 0 ? List.of(launch.maxSequences())
                : r.arrival() == Workload.Arrival.OFFLINE ? OFFLINE_MAX_SEQUENCES : List.of(ONLINE_MAX_SEQUENCES);
        ServingPlans.Evaluation best = null;
        for (int seqs : limits) {
            ServingPlans.Configuration c = new ServingPlans.Configuration(r.tensorParallel(), 1, replicas, seqs, launch.maxBatchedTokens(),
                    r.expertParallel());
            ServingPlans.Evaluation e = r.phase() == ServingSimulator.Phase.BOTH ? ServingPlans.evaluate(job, c)
                    : ServingPlans.evaluatePool(job, c, r.phase());
            if (best == null || e.outputTokensPerSecond() > best.outputTokensPerSecond()) {
                best = e;
            }
        }
        ServingResult replica = best.replica();
        if ("ms".equals(r.unit())) {
            boolean median = r.metric().contains("Median");
            ServingResult.Percentiles p = r.metric().contains("TTFT") ? replica.ttftSeconds() : r.metric().contains("TPOT") ? replica.tpotSeconds()
                    : replica.itlSeconds();
            return (median ? p.p50() : p.mean()) * 1e3;
        }
        // SGLang's pools state tokens/s per node of 8 GPUs, prompt tokens for a prefill pool; InferenceX states them per GPU.
        double perNode = r.metric().contains(PER_NODE) ? (double) NODE_DEVICES / r.devices() : r.metric().contains(PER_GPU) ? 1.0 / r.devices() : 1;
        if (r.phase() == ServingSimulator.Phase.PREFILL) {
            return best.inputTokensPerSecond() * perNode;
        }
        double output = best.outputTokensPerSecond() * perNode;
        return TOTAL_TOKENS.equals(r.metric()) ? output * (r.inputTokens() + r.outputTokens()) / r.outputTokens() : output;
    }
}
