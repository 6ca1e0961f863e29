package dev.accelerometer.model;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.calibration.CalibrationParameter;
import dev.accelerometer.model.calibration.CalibrationTable;
import dev.accelerometer.model.calibration.ProfileFit;
import dev.accelerometer.model.collective.Collective;
import dev.accelerometer.model.collective.CollectiveEfficiency;
import dev.accelerometer.model.collective.CollectiveModel;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.hardware.Link;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.LayerCosts;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.PlanEvaluation;
import dev.accelerometer.model.parallel.PlanSearch;
import dev.accelerometer.model.parallel.TrainingJob;
import dev.accelerometer.model.workload.Decode;
import dev.accelerometer.model.workload.Runtime;
import dev.accelerometer.model.workload.TrainingStep;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import dev.accelerometer.model.serving.Lengths;
import dev.accelerometer.model.serving.Scheduler;
import dev.accelerometer.model.serving.ServingPlans;
import dev.accelerometer.model.serving.ServingResult;
import dev.accelerometer.model.serving.ServingRuntime;
import dev.accelerometer.model.serving.ServingSimulator;
import dev.accelerometer.model.serving.Workload;
import dev.accelerometer.model.workload.ServingIteration;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * In-process speed of the model: one GEMM, one attention, one BERT-large training step, one decode step, one collective
 * (and a 32-size sweep) on two DGX H100 nodes, one plan evaluation (dense and MoE), and whole plan searches (GPT-3 175B on 1,024 A100s in
 * DGX A100 nodes; DeepSeek-V3 on 2,048 H100s with expert parallelism; every legal plan), a 10,000-request serving simulation and
 * a serving search (84 setups, 2,000 requests each). Run with
 * {@code ./mvnw -pl services/model test -Dbenchmarks -Dtest=ModelBenchmark -Dsurefire.failIfNoSpecifiedTests=false} (add
 * {@code -Djmh.include=<regex>} for a subset).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ModelBenchmark {
    private final Attention.Shape attention = new Attention.Shape(8, 2048, 2048, 16, 16, 128, true);
    /** DGX A100 nodes: NVLink 3 at the NCCL efficiency (ledger comm-01), one HDR port per GPU (catalog seed V3). */
    private final TrainingJob gpt3 = new TrainingJob(Fixtures.GPT3_175B,
            new Cluster(Fixtures.A100_SXM_80GB, 1024, 8, 300e9 * CollectiveEfficiency.NVLINK_RING, 5e-6, 25e9, 5e-6, null, LinkKind.NVSWITCH, false),
            Fixtures.AMPERE, Format.FP16, 1536, 2048, Optimizer.ADAM, 4, 4, Attention.Kernel.STANDARD, 300e9, 0.05);
    private final List<Plan> candidates = PlanSearch.enumerate(gpt3, PlanSearch.Constraints.NONE);
    private final LayerCosts layer = LayerCosts.of(gpt3, 8, 1);
    /** Two DGX H100 nodes: NVSwitch gen3 inside, 8 NDR ports per node between (catalog seed V3/V4). */
    private final Cluster dgxH100 = Cluster.of(Fixtures.H100_SXM, 16, 8, new Link("nvswitch-gen3", "NVSwitch gen3", LinkKind.NVSWITCH, 450e9,
            3.7e-6, 18), new Link("infiniband-ndr", "InfiniBand NDR", LinkKind.INFINIBAND, 50e9, null, null), 8, null, null,
            new java.util.ArrayList<>());
    /** DeepSeek-V3 on 2,048 H100s in DGX H100 nodes (NVSwitch gen3 inside, one NDR port per GPU between), fp8. */
    private final TrainingJob deepSeekV3 = new TrainingJob(Fixtures.DEEPSEEK_V3,
            new Cluster(Fixtures.H100_SXM, 2048, 8, 450e9 * CollectiveEfficiency.NVLINK_RING, 5e-6, 50e9 * CollectiveEfficiency.NIC_RING, 5e-6,
                    null, LinkKind.NVSWITCH, true),
            Fixtures.HOPPER, Format.FP8, 15360, 4096, Optimizer.ADAM, 4, 2, Attention.Kernel.FLASH, 14.8e12, 0.05);
    private final List<Plan> deepSeekCandidates = PlanSearch.enumerate(deepSeekV3, PlanSearch.Constraints.NONE);
    private final LayerCosts deepSeekLayer = LayerCosts.of(deepSeekV3, new Plan(128, 1, 16, 1, 1, Recompute.SELECTIVE, false, 1, 64));
    /** Non-final state and a varying micro-batch size keep the JIT from folding the evaluation into a constant. */
    private int step;

    /**
     * A 100-measurement calibration profile on an A100 (60 GEMMs from 256³ to 16384 × 8192 × 8192, 20 fused attentions, 20
     * batch-1 decode steps), measured on a machine whose GEMM ceiling is 0.85, attention 0.80 and bandwidth 0.80 of peak:
     * issue 19 asks the fit under 200 ms, and an estimate under the fitted calibration as fast as one without.
     */
    private final List<ProfileFit.Observation> profile = profileObservations();
    private final java.util.Map<CalibrationParameter, ProfileFit.Prior> priors = ProfileFit.priors(java.util.Map.of(
            CalibrationParameter.GEMM_CEILING, new ProfileFit.Prior(0.082, "gemm band"),
            CalibrationParameter.ATTENTION_CEILING, new ProfileFit.Prior(0.155, "attention band"),
            CalibrationParameter.BANDWIDTH_FRACTION, new ProfileFit.Prior(0.117, "decode band"),
            CalibrationParameter.TRAINING_STEP_EFFICIENCY, new ProfileFit.Prior(0.195, "training band"),
            CalibrationParameter.INTRA_NODE_COLLECTIVE_SCALE, new ProfileFit.Prior(0.19, "PCIe ring spread"),
            CalibrationParameter.INTER_NODE_COLLECTIVE_SCALE, new ProfileFit.Prior(0.095, "NIC ring spread")),
            new CalibrationTable(List.of(Fixtures.AMPERE, Fixtures.HOPPER, Fixtures.CDNA3, Fixtures.DEFAULT)), Fixtures.AMPERE);
    private final Calibration fitted = ProfileFit.fit(Fixtures.AMPERE, profile, priors, java.util.Set.of(), "profile").calibration();

    private static List<ProfileFit.Observation> profileObservations() {
        Calibration truth = CalibrationParameter.BANDWIDTH_FRACTION.with(CalibrationParameter.ATTENTION_CEILING.with(
                CalibrationParameter.GEMM_CEILING.with(Fixtures.AMPERE, 0.85, ""), 0.80, ""), 0.80, "");
        List<ProfileFit.Observation> out = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long m = 256L << (i % 7), n = 256L << ((i / 7) % 6), k = 512L << (i % 5);
            java.util.function.ToDoubleFunction<Calibration> p = c -> Gemm.estimate(Fixtures.A100_SXM_80GB, c, m, n, k, 1, Format.BF16).cost().timeSeconds();
            out.add(new ProfileFit.Observation("gemm-" + i, p.applyAsDouble(truth), 0.09, p));
        }
        for (int i = 0; i < 20; i++) {
            Attention.Shape shape = new Attention.Shape(1 + i % 4, 1024L << (i % 4), 1024L << (i % 4), 16, 16, 64 << (i % 2), i % 3 == 0);
            java.util.function.ToDoubleFunction<Calibration> p = c -> Attention.estimate(Fixtures.A100_SXM_80GB, c, shape, Attention.Kernel.FLASH,
                    Attention.Pass.FORWARD, Format.BF16).timeSeconds();
            out.add(new ProfileFit.Observation("attention-" + i, p.applyAsDouble(truth), 0.12, p));
        }
        for (int i = 0; i < 20; i++) {
            long context = 128L << (i % 6);
            java.util.function.ToDoubleFunction<Calibration> p = c -> Decode.step(Fixtures.A100_SXM_80GB, c, Fixtures.LLAMA_2_7B, 1, context,
                    Format.FP16).total().timeSeconds();
            out.add(new ProfileFit.Observation("decode-" + i, p.applyAsDouble(truth), 0.19, p));
        }
        return out;
    }

    @Benchmark
    public ProfileFit.Result fitProfileOf100() {
        return ProfileFit.fit(Fixtures.AMPERE, profile, priors, java.util.Set.of(), "profile");
    }

    /** The same GEMM as {@link #gemmH100()}'s shape on the A100 under the profile's fitted calibration and under the table's. */
    @Benchmark
    public OpCost gemmA100UnderProfile() {
        return Gemm.estimate(Fixtures.A100_SXM_80GB, fitted, 8192, 8192, 8192, 1, Format.BF16).cost();
    }

    @Benchmark
    public OpCost gemmA100() {
        return Gemm.estimate(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, 8192, 8192, 8192, 1, Format.BF16).cost();
    }

    @Benchmark
    public OpCost gemmH100() {
        return Gemm.estimate(Fixtures.H100_SXM, Fixtures.HOPPER, 8192, 8192, 8192, 1, Format.BF16).cost();
    }

    /** The same shape with 2:4 sparse weights: the sparse GEMM and its dense counterpart (issue 20's bar: under 5 µs). */
    @Benchmark
    public dev.accelerometer.model.kernel.SparseGemm.Result sparseGemmH100() {
        return dev.accelerometer.model.kernel.SparseGemm.estimate(Fixtures.H100_SXM, 2.0, Fixtures.HOPPER, 8192, 8192, 8192, 1, Format.BF16,
                SPARSE_2_4);
    }

    /** 90 %-sparse unstructured weights through Sputnik on an A100: the sparse time, the dense one and the break-even bisection. */
    @Benchmark
    public dev.accelerometer.model.kernel.SparseGemm.Result unstructuredGemmA100() {
        return dev.accelerometer.model.kernel.SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.FP16,
                UNSTRUCTURED_10);
    }

    /** 10 % of 32-element blocks through PyTorch's Triton BSR kernel on an A100: the sparse time, the dense one and the break-even. */
    @Benchmark
    public dev.accelerometer.model.kernel.SparseGemm.Result blockGemmA100() {
        return dev.accelerometer.model.kernel.SparseGemm.estimate(Fixtures.A100_SXM_80GB, null, Fixtures.AMPERE, 4096, 4096, 4096, 1, Format.FP16,
                BLOCK_32_10);
    }

    static final dev.accelerometer.model.kernel.SparseGemm.Spec BLOCK_32_10 = new dev.accelerometer.model.kernel.SparseGemm.Spec(
            dev.accelerometer.model.kernel.SparseGemm.Pattern.BLOCK, 0.1, 32, dev.accelerometer.model.kernel.SparseGemm.Kernel.TRITON_BSR);

    static final dev.accelerometer.model.kernel.SparseGemm.Spec UNSTRUCTURED_10 = new dev.accelerometer.model.kernel.SparseGemm.Spec(
            dev.accelerometer.model.kernel.SparseGemm.Pattern.UNSTRUCTURED, 0.1, null, dev.accelerometer.model.kernel.SparseGemm.Kernel.SPUTNIK);

    static final dev.accelerometer.model.kernel.SparseGemm.Spec SPARSE_2_4 = new dev.accelerometer.model.kernel.SparseGemm.Spec(
            dev.accelerometer.model.kernel.SparseGemm.Pattern.STRUCTURED_2_4, 0.5, null, dev.accelerometer.model.kernel.SparseGemm.Kernel.CUSPARSELT);

    @Benchmark
    public OpCost flashAttentionA100() {
        return Attention.estimate(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, attention, Attention.Kernel.FLASH, Attention.Pass.FORWARD_BACKWARD,
                Format.BF16);
    }

    @Benchmark
    public OpCost bertLargeTrainingStep() {
        return TrainingStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.BERT_LARGE, 256, 128, Format.FP16, Attention.Kernel.EAGER,
                Optimizer.LAMB).total();
    }

    @Benchmark
    public CollectiveModel.Estimate allReduceTwoDgxH100() {
        return CollectiveModel.estimate(dgxH100, Collective.ALL_REDUCE, (double) (1L << (20 + (step++ & 7))));
    }

    @Benchmark
    public double allReduceSweep32() {
        double total = 0;
        for (int i = 0; i < 32; i++) {
            total += CollectiveModel.estimate(dgxH100, Collective.ALL_REDUCE, (double) (1L << (4 + i))).seconds();
        }
        return total;
    }

    @Benchmark
    public OpCost llama2DecodeStep() {
        return Decode.step(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.LLAMA_2_7B, 1, 4096, Format.FP16).total();
    }

    /** A batch-1 decode step of a 4-bit Llama 2 7B under llama.cpp on an RTX 4090 (the kernels, then the runtime's speed). */
    @Benchmark
    public OpCost llama2DecodeUnderRuntime() {
        return Runtime.LLAMA_CPP.apply(Decode.step(Fixtures.RTX_4090, Fixtures.DEFAULT, Fixtures.LLAMA_2_7B, 1, 128, Format.FP16, 4.5 / 8, 2, null),
                Fixtures.LLAMA_2_7B, Fixtures.RTX_4090, 4.5).total();
    }

    /** The same on an A100 80 GB, where llama.cpp's bytes per SM-clock bound holds the token (the bound's line is added). */
    @Benchmark
    public OpCost llama2DecodeUnderRuntimeOnHbm() {
        return Runtime.LLAMA_CPP.apply(Decode.step(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.LLAMA_2_7B, 1, 128, Format.FP16, 4.5 / 8, 2,
                null), Fixtures.LLAMA_2_7B, Fixtures.A100_SXM_80GB, 4.5).total();
    }

    /** llama.cpp's prompt processing of 512 tokens of a 4-bit Llama 2 7B on an A100 (MMQ per SM-clock, standard attention). */
    @Benchmark
    public OpCost llama2PrefillUnderLlamaCpp() {
        return dev.accelerometer.model.workload.Prefill.llamaCpp(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.LLAMA_2_7B, 1, 512,
                Format.FP16, dev.accelerometer.model.kernel.Attention.Kernel.STANDARD, 4.5 / 8).total();
    }

    /** FlashAttention-2 forward on an H100 at head dim 64 (a named kernel's ceiling and the exponentials). */
    @Benchmark
    public OpCost flashAttention2H100() {
        return Attention.estimate(Fixtures.H100_SXM, Fixtures.HOPPER, attention, Attention.Kernel.FLASH_ATTENTION_2, Attention.Pass.FORWARD,
                Format.BF16);
    }

    @Benchmark
    public PlanEvaluation evaluatePlan() {
        Plan plan = new Plan(16, 8, 8, 2, 1 + (step++ & 1), Recompute.SELECTIVE, true, 1);
        return PlanEvaluation.of(gpt3, plan, layer);
    }

    /** The same evaluation for a mixture of experts (DeepSeek-V3, 64-way expert parallel): issue 17 asks it within 2× of a dense one. */
    @Benchmark
    public PlanEvaluation evaluateMoePlan() {
        Plan plan = new Plan(128, 1, 16, 1, 1 + (step++ & 1), Recompute.SELECTIVE, false, 1, 64);
        return PlanEvaluation.of(deepSeekV3, plan, deepSeekLayer);
    }

    /** Every legal plan of DeepSeek-V3 on 2,048 H100s, expert-parallel sizes included, layer costs computed inside. */
    @Benchmark
    public PlanSearch.Result searchDeepSeekV3On2048H100s() {
        return PlanSearch.search(deepSeekV3, deepSeekCandidates, 20, Long.MAX_VALUE);
    }

    @Benchmark
    public PlanSearch.Result searchGpt3On1024A100s() {
        return PlanSearch.search(gpt3, candidates, 20, Long.MAX_VALUE);
    }

    /** Llama-3-8B in fp8 on one H100: 10,000 Poisson requests at 20/s, log-normal prompts (mean 1,000) and answers (mean 250). */
    private final ServingIteration llamaIteration = ServingIteration.of(Fixtures.H100_SXM, Fixtures.HOPPER, Fixtures.LLAMA_3_8B, 1, Format.FP8, 1, 1,
            Attention.Kernel.FLASH, bytes -> 0, 8192);
    private final Workload chat = new Workload(Workload.Arrival.POISSON, 20, 0, new Lengths.LogNormal(1000, 0.8, 8000),
            new Lengths.LogNormal(250, 0.8, 2000), 0, 10_000, 1);
    /**
     * A serving search: Llama-3-8B in fp8 on up to 16 H100s (two DGX H100 nodes), Poisson 40 requests/s of the chat lengths,
     * 2,000 simulated requests per configuration, p99 TTFT ≤ 1 s and median TPOT ≤ 30 ms; every tensor-parallel size, batch
     * limit and token limit (84 setups), bisection on replicas.
     */
    private final ServingPlans.Job servingJob = new ServingPlans.Job(Fixtures.H100_SXM, Fixtures.HOPPER, Fixtures.LLAMA_3_8B, Format.FP8, 1, 1,
            Attention.Kernel.FLASH, ServingRuntime.TENSORRT_LLM, dgxH100, 0.9,
            new Workload(Workload.Arrival.POISSON, 40, 0, new Lengths.LogNormal(1000, 0.8, 8000), new Lengths.LogNormal(250, 0.8, 2000), 0, 2000, 1),
            new ServingPlans.Objectives(null, 1.0, 0.03, null, null, null));
    private final ServingPlans.Bounds servingBounds = new ServingPlans.Bounds(1, 16, null, ServingPlans.DEFAULT_MAX_SEQUENCES,
            ServingPlans.DEFAULT_MAX_BATCHED_TOKENS);

    /**
     * DeepSeek-V3 in fp8 on one DGX B200 (NVLink 5 through NVSwitch), 1,000 offline requests of 1,000/1,000 tokens: one evaluation
     * of an 8-way tensor-parallel replica, and of one 8-rank expert-parallel group (attention data parallel; each rank simulated
     * with its 125 requests).
     */
    private final Cluster dgxB200 = Cluster.of(Fixtures.B200, 8, 8, new Link("nvswitch-gen4", "NVSwitch gen4", LinkKind.NVSWITCH, 900e9, 3.7e-6,
            18), null, null, null, null, new java.util.ArrayList<>());
    private final ServingPlans.Job deepSeekServing = new ServingPlans.Job(Fixtures.B200, Fixtures.BLACKWELL, Fixtures.DEEPSEEK_V3, Format.FP8, 1,
            1, Attention.Kernel.FLASH, ServingRuntime.TENSORRT_LLM, dgxB200, 0.9, new Workload(Workload.Arrival.OFFLINE, 0, 0,
                    new Lengths.Fixed(1000), new Lengths.Fixed(1000), 0, 1000, 1), ServingPlans.Objectives.NONE);

    @Benchmark
    public ServingPlans.Evaluation evaluateDeepSeekV3TensorParallel() {
        return ServingPlans.evaluate(deepSeekServing, new ServingPlans.Configuration(8, 1, 1, 2048, 8192));
    }

    @Benchmark
    public ServingPlans.Evaluation evaluateDeepSeekV3ExpertParallel() {
        return ServingPlans.evaluate(deepSeekServing, new ServingPlans.Configuration(1, 1, 1, 256, 8192, 8));
    }

    @Benchmark
    public ServingResult simulate10000ServingRequests() {
        return ServingSimulator.run(llamaIteration, new Scheduler(256, 8192, 400_000, 16, ServingRuntime.TENSORRT_LLM.kernelShare()), chat,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Benchmark
    public ServingPlans.Search servingSearchLlama8bOn16H100s() {
        return ServingPlans.search(servingJob, servingBounds, Long.MAX_VALUE);
    }

    @Test
    @Tag("benchmark")
    void run() throws RunnerException {
        // -Djmh.include=<regex> runs a subset, e.g. 'ModelBenchmark.(fitProfileOf100|gemmA100.*)'.
        new Runner(new OptionsBuilder().include(System.getProperty("jmh.include", ModelBenchmark.class.getSimpleName())).build()).run();
    }
}
