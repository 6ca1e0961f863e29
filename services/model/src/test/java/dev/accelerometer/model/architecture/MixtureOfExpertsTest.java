package dev.accelerometer.model.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.architecture.Transformer.FfnKind;
import dev.accelerometer.model.architecture.Transformer.Kind;
import dev.accelerometer.model.architecture.Transformer.Layout;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.KvCache;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.ExpertCommunication;
import dev.accelerometer.model.parallel.ExpertCommunication.Dispatcher;
import dev.accelerometer.model.parallel.LayerCosts;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.PlanEvaluation;
import dev.accelerometer.model.parallel.PlanMemory;
import dev.accelerometer.model.parallel.PlanSearch;
import dev.accelerometer.model.parallel.StepTime;
import dev.accelerometer.model.parallel.TrainingJob;
import dev.accelerometer.model.workload.Decode;
import dev.accelerometer.model.workload.TrainingStep;
import org.junit.jupiter.api.Test;

/**
 * Experts, latent attention and sliding windows in the one shape: parameter counts against the model cards, what a
 * decode step reads, what a training step computes, what the KV cache holds, and expert parallelism in a plan. Shapes
 * from the configs the catalog cites (V16, read 2026-11-29): Mixtral-8x7B-Instruct-v0.1 config.json, DeepSeek-V3
 * inference/configs/config_671B.json, openai/gpt-oss gpt_oss/torch/model.py, Mistral-7B-v0.1 config.json.
 */
class MixtureOfExpertsTest {
    static final Transformer MIXTRAL_8X7B = Fixtures.MIXTRAL_8X7B;

    static final Transformer DEEPSEEK_V3 = Fixtures.DEEPSEEK_V3;

    static final Transformer GPT_OSS_120B = Fixtures.GPT_OSS_120B;

    static final Transformer MISTRAL_7B = new Transformer("mistral-7b", Kind.DECODER, 32, 4096, 32, 8, 128, 14336, FfnKind.SWIGLU, 32000,
            32768, Layout.LLAMA, null, null, null, new Transformer.SlidingWindow(4096, 0), false, 0, null);

    @Test
    void mixtralCountsAsItsConfigAndCard() {
        // 32 × (attention 41.9M + 8 experts × 176.2M + router 32K) + norms + 2 × 32000 × 4096: 46.70B total (card: 46.7B);
        // a token uses 2 of 8 experts: 12.88B (card: 12.9B).
        assertEquals(46_702_792_704L, MIXTRAL_8X7B.parameters());
        assertEquals(12_879_925_248L, MIXTRAL_8X7B.activeParameters());
        assertEquals(45_097_156_608L, MIXTRAL_8X7B.expertParameters());
    }

    @Test
    void deepSeekV3CountsItsLatentAttentionSharedExpertAndDenseBlocks() {
        // 3 dense blocks (FFN 18432), 58 MoE blocks of 256 routed + 1 shared experts of 2048, MLA projections, untied head:
        // 671.03B (card: 671B, MTP module excluded). Active, as DeepSeek counts it (without the input embedding): 36.6B
        // ("37B activated").
        assertEquals(671.03e9, DEEPSEEK_V3.parameters(), 0.01e9);
        long active = DEEPSEEK_V3.activeParameters() - DEEPSEEK_V3.parameterCount().tokenEmbedding();
        assertEquals(37e9, active, 0.5e9);
        // MLA caches 512 + 64 elements per token and block, against 2 × 128 × 128 for the heads it rebuilds.
        assertEquals(61L * 576, KvCache.elementsPerToken(DEEPSEEK_V3));
    }

    @Test
    void gptOssCountsItsExpertBiasesAndItsWindowHalvesTheCache() {
        // OpenAI's card: 116.83B total, 5.13B active (without the input embedding).
        assertEquals(116.83e9, GPT_OSS_120B.parameters(), 0.01e9);
        assertEquals(5.13e9, GPT_OSS_120B.activeParameters() - GPT_OSS_120B.parameterCount().tokenEmbedding(), 0.01e9);
        // Alternate blocks keep 128 tokens: at 64K tokens the cache is just over half the full-attention one.
        double full = KvCache.elementsPerToken(GPT_OSS_120B) * 65536.0;
        assertEquals(0.5, KvCache.elements(GPT_OSS_120B, 65536) / full, 0.01);
        assertEquals(full / 65536 * 100, KvCache.elements(GPT_OSS_120B, 100), 1e-6, "inside the window every block keeps every token");
    }

    @Test
    void expertsStoredApartFromTheRestAreReadAtTheirOwnSize() {
        // gpt-oss as released: MXFP4 experts (4.25 bits), bf16 attention and routers. A batch-1 step reads every block's attention
        // projections and router (36 × (26.54M + 0.37M) parameters) at 2 bytes, not at the experts' 0.53: 1.42 GB more than if they
        // were MXFP4 too.
        var released = Decode.step(Fixtures.H100_SXM, Fixtures.HOPPER, GPT_OSS_120B, 1, 512, Format.BF16, 2.0, 4.25 / 8, 2.0, null, null);
        var uniform = Decode.step(Fixtures.H100_SXM, Fixtures.HOPPER, GPT_OSS_120B, 1, 512, Format.BF16, 4.25 / 8, 4.25 / 8, 2.0, null, null);
        double attentionAndRouter = 36.0 * (2880 * 4096 + 2 * 2880 * 512 + 4096 * 2880 + 2880 * 128);
        assertEquals(attentionAndRouter * (2 - 4.25 / 8), released.total().bytes() - uniform.total().bytes(), 1e-6 * attentionAndRouter);
        assertTrue(released.total().timeSeconds() > uniform.total().timeSeconds());
        // The experts' reads are the same in both.
        var allBf16 = Decode.step(Fixtures.H100_SXM, Fixtures.HOPPER, GPT_OSS_120B, 1, 512, Format.BF16, 2.0, 2.0, 2.0, null, null);
        assertEquals(allBf16.total().bytes(), Decode.step(Fixtures.H100_SXM, Fixtures.HOPPER, GPT_OSS_120B, 1, 512, Format.BF16).total().bytes(), 1e-3);
    }

    @Test
    void batchOneDecodeReadsTheActiveExpertsAndLargeBatchesReadThemAll() {
        // Under uniform routing a batch of B tokens touches E·(1 − (1 − k/E)^B) experts per block (DOMAIN.md §9).
        Transformer.Mixture moe = MIXTRAL_8X7B.moe();
        assertEquals(2, moe.expectedExpertsTouched(1), 1e-12);
        assertEquals(8 * (1 - Math.pow(0.75, 16)), moe.expectedExpertsTouched(16), 1e-12);
        var one = Decode.step(Fixtures.H100_SXM, Fixtures.HOPPER, MIXTRAL_8X7B, 1, 512, Format.BF16);
        var many = Decode.step(Fixtures.H100_SXM, Fixtures.HOPPER, MIXTRAL_8X7B, 64, 512, Format.BF16);
        double active = 2.0 * MIXTRAL_8X7B.activeParameters();
        double all = 2.0 * MIXTRAL_8X7B.parameters();
        assertEquals(active, one.total().bytes(), 0.03 * active, "batch 1 reads about the active weights");
        assertTrue(many.total().bytes() > 0.97 * all, "64 tokens touch nearly every expert: " + many.total().bytes() / all);
    }

    /**
     * Inference runtimes run a MoE block's experts as one grouped kernel per projection (vLLM's and SGLang's fused_moe,
     * TensorRT-LLM's MoE plugin), so the launches a decode step pays do not grow with the experts a batch touches: DeepSeek-V3
     * at batch 64 touches ≈ 222 of 256 experts per block, and its expert GEMMs cost one launch each, not 222. (Kernel-per-expert
     * launches would be 2 × 222 × 58 × the kernel latency ≈ 0.13 s per token, more than half of what reading all 671 GB takes.)
     */
    @Test
    void decodeRunsTheTouchedExpertsAsOneGroupedKernel() {
        var step = Decode.step(Fixtures.H100_SXM, Fixtures.HOPPER, DEEPSEEK_V3, 64, 2048, Format.FP8);
        double touched = DEEPSEEK_V3.moe().expectedExpertsTouched(64);
        assertEquals(256 * (1 - Math.pow(1 - 8.0 / 256, 64)), touched, 1e-9);
        var experts = step.operations().stream().filter(op -> op.name().startsWith("experts")).toList();
        assertEquals(2, experts.size(), "up and down, each one grouped kernel");
        for (var op : experts) {
            // 58 MoE blocks, each one launch of the grouped kernel (scaled by touched/⌈touched⌉ < 1).
            assertEquals(58 * Fixtures.HOPPER.kernelLatencySeconds(), op.fixedSeconds(), 0.01 * 58 * Fixtures.HOPPER.kernelLatencySeconds());
        }
        double launches = experts.stream().mapToDouble(op -> op.fixedSeconds()).sum();
        assertTrue(launches < 0.01 * step.total().timeSeconds(), "the expert launches are a small part of the step: " + launches);
    }

    @Test
    void aMoeTrainingStepComputesTheActiveParametersNotTheTotal() {
        // 6 FLOPs per token per active matrix parameter (plus attention): a Mixtral step is ~3.6× cheaper than a dense
        // model of its total size would be.
        long batch = 4;
        long sequence = 4096;
        var step = TrainingStep.of(Fixtures.H100_SXM, Fixtures.HOPPER, MIXTRAL_8X7B, batch, sequence, Format.BF16, Attention.Kernel.FLASH,
                Optimizer.ADAM);
        double model = StepTime.modelFlops(MIXTRAL_8X7B, batch, sequence);
        // The kernels also count the causal attention as computed (half the s² the model-FLOPs convention counts) and
        // the router: within 10 % of the model FLOPs.
        assertEquals(model, step.total().flops(), 0.10 * model);
        assertTrue(model < 6.0 * batch * sequence * MIXTRAL_8X7B.parameters() / 3);
    }

    @Test
    void aGpuMoeLayerPaysItsHostTimePerMicroBatchAndATpuDoesNot() {
        // Megatron-Core's dropless dispatcher synchronises with the host once per MoE layer: each of Mixtral's 32 MoE blocks
        // pays TrainingStep.MOE_HOST_SECONDS_PER_BLOCK per micro-batch, a third forward and two thirds backward, whatever the
        // batch; XLA on a TPU compiles static expert capacities and pays none.
        for (long batch : new long[] {1, 8}) {
            var step = TrainingStep.of(Fixtures.H100_SXM, Fixtures.HOPPER, MIXTRAL_8X7B, batch, 4096, Format.BF16, Attention.Kernel.FLASH,
                    Optimizer.ADAM);
            double host = step.operations().stream().filter(op -> op.name().startsWith("MoE layer host time")).mapToDouble(op -> op.timeSeconds())
                    .sum();
            assertEquals(32 * TrainingStep.MOE_HOST_SECONDS_PER_BLOCK, host, 1e-9);
        }
        var tpu = TrainingStep.of(Fixtures.TPU_V4, Fixtures.DEFAULT, MIXTRAL_8X7B, 8, 4096, Format.BF16, Attention.Kernel.FLASH, Optimizer.ADAM);
        assertTrue(tpu.operations().stream().noneMatch(op -> op.name().startsWith("MoE layer host time")));
    }

    @Test
    void aSlidingWindowBoundsTheAttentionWork() {
        // Brute force over the query positions: min(p + 1, w) keys each.
        Attention.Shape windowed = new Attention.Shape(1, 32768, 32768, 32, 8, 128, true, 4096);
        double visible = 0;
        for (long p = 0; p < 32768; p++) {
            visible += Math.min(p + 1, 4096);
        }
        assertEquals(visible / (32768.0 * 32768), windowed.visibleFraction(), 1e-12);
        Attention.Shape wide = new Attention.Shape(1, 2048, 2048, 32, 8, 128, true, 4096);
        assertEquals(new Attention.Shape(1, 2048, 2048, 32, 8, 128, true).visibleFraction(), wide.visibleFraction(), 1e-12);
        // Decode with a cache past the window (prefill of 1000 queries after 31768 cached keys).
        Attention.Shape tail = new Attention.Shape(1, 1000, 32768, 32, 8, 128, true, 4096);
        assertEquals(4096.0 / 32768, tail.visibleFraction(), 1e-12);
        var longContext = Decode.step(Fixtures.H100_SXM, Fixtures.HOPPER, MISTRAL_7B, 8, 32768, Format.BF16);
        var atWindow = Decode.step(Fixtures.H100_SXM, Fixtures.HOPPER, MISTRAL_7B, 8, 4096, Format.BF16);
        assertEquals(atWindow.total().bytes(), longContext.total().bytes(), 1, "the cache read stops growing at the window");
    }

    /** DGX H100: NVLink 4 at 450 GB/s per direction, 8 × 400 Gb/s InfiniBand ports (50 GB/s per GPU), 5 µs per step. */
    static Cluster dgxH100(int devices) {
        return new Cluster(Fixtures.H100_SXM, devices, 8, 0.8 * 450e9, 5e-6, 0.9 * 50e9, 5e-6, null, LinkKind.NVSWITCH, true);
    }

    @Test
    void expertParallelismSplitsTheExpertsAndPaysAllToAll() {
        TrainingJob job = new TrainingJob(MIXTRAL_8X7B, dgxH100(64), Fixtures.HOPPER, Format.BF16, 256, 4096, Optimizer.ADAM, 4, 2,
                Attention.Kernel.FLASH, null, 0.05);
        Plan replicated = new Plan(64, 1, 1, 1, 1, Recompute.FULL, false, 1, 1);
        Plan split = new Plan(64, 1, 1, 1, 1, Recompute.FULL, false, 1, 8);
        assertEquals(MIXTRAL_8X7B.expertParameters() / 8.0, PlanMemory.expertShardParameters(job, split), 1);
        PlanEvaluation a = PlanEvaluation.of(job, replicated, LayerCosts.of(job, replicated));
        PlanEvaluation b = PlanEvaluation.of(job, split, LayerCosts.of(job, split));
        assertTrue(b.memory().totalBytes() < 0.3 * a.memory().totalBytes(), "experts' states split 8 ways");
        assertEquals(0, a.step().expertAllToAllSeconds());
        // Inside a node the all-to-alls hide under another micro-batch's compute; 64 ranks over 8 nodes of slow NICs expose them.
        assertEquals(0, b.step().expertAllToAllSeconds());
        Cluster slow = new Cluster(Fixtures.H100_SXM, 64, 8, 0.8 * 450e9, 5e-6, 1e9, 5e-6, null, LinkKind.NVSWITCH, true);
        TrainingJob across = new TrainingJob(DEEPSEEK_V3, slow, Fixtures.HOPPER, Format.BF16, 64, 4096, Optimizer.ADAM, 4, 2,
                Attention.Kernel.FLASH, null, 0.05);
        Plan wide = new Plan(64, 1, 1, 1, 1, Recompute.FULL, false, 1, 64);
        assertTrue(PlanEvaluation.of(across, wide, LayerCosts.of(across, wide)).step().expertAllToAllSeconds() > 0);
        Plan folded = new Plan(8, 8, 1, 1, 1, Recompute.FULL, true, 1, 64);
        assertEquals(1, folded.expertTensorParallel(), "64 expert ranks over 8 data-parallel ones fold over the tensor-parallel ranks");
        // Bad splits name the dimension.
        assertEquals("expertParallel", PlanSearch.rules(job, new Plan(64, 1, 1, 1, 1, Recompute.FULL, false, 1, 3)).get(0).dimension());
        TrainingJob dense = new TrainingJob(MISTRAL_7B, dgxH100(64), Fixtures.HOPPER, Format.BF16, 256, 4096, Optimizer.ADAM, 4, 2,
                Attention.Kernel.FLASH, null, 0.05);
        assertEquals("expertParallel", PlanSearch.rules(dense, split).get(0).dimension());
        // The search tries expert-parallel sizes that divide the experts and the data-parallel ranks.
        assertTrue(PlanSearch.enumerate(job, PlanSearch.Constraints.NONE).stream().anyMatch(p -> p.expertParallel() == 8));
    }

    /**
     * Without overlap (Megatron-Core through Pai-Megatron-Patch 25.04, as XTuner's H800 benchmark ran it) each MoE block waits for
     * its four all-to-alls: Qwen3-235B's shape (94 blocks, hidden 4096, 128 experts, k = 8) on 32 expert-parallel ranks over four
     * DGX H100 nodes, TP 2 with sequence parallelism. Each rank sends 2,048 tokens × 8 copies × 8 KiB, 24/32 of them through a
     * 45 GB/s NIC: 2.24 ms per all-to-all; DeepEP sends a token once to each other node holding one of its experts,
     * 3·(1 − C(96, 8)/C(128, 8)) = 2.72 times instead of 6.
     */
    @Test
    void withoutOverlapEachMoeBlockWaitsForItsAllToAllsAndDeepEpSendsATokenOncePerNode() {
        Transformer qwen = new Transformer("qwen3-235b-a22b-shape", Kind.DECODER, 94, 4096, 64, 4, 128, 12288, FfnKind.SWIGLU, 151936,
                40960, Layout.LLAMA, null, new Transformer.Mixture(128, 8, 0, 1536, 0, 0, 1, null), null, null, false, 0, null);
        Cluster fourNodes = dgxH100(256);
        Plan plan = new Plan(16, 2, 8, 4, 1, Recompute.SELECTIVE, true, 1, 32);
        java.util.function.Function<ExpertCommunication, PlanEvaluation> evaluate = ep -> {
            TrainingJob job = new TrainingJob(qwen, fourNodes, Fixtures.HOPPER, Format.BF16, 2048, 4096, Optimizer.ADAM, 4, 2,
                    Attention.Kernel.FLASH, null, 0.05, true, dev.accelerometer.model.parallel.Host.MEASURED, ep);
            return PlanEvaluation.of(job, plan, LayerCosts.of(job, plan));
        };
        PlanEvaluation hidden = evaluate.apply(ExpertCommunication.DEFAULT);
        PlanEvaluation exposed = evaluate.apply(new ExpertCommunication(Dispatcher.ALL_TO_ALL, false));
        PlanEvaluation deepEp = evaluate.apply(new ExpertCommunication(Dispatcher.DEEPEP, false));
        assertEquals(0, hidden.step().expertAllToAllSeconds(), "overlapped, a block's compute covers its all-to-alls");
        double oneAllToAll = 2048.0 * 8 * 4096 * 2 * 24 / 32 / (0.9 * 50e9) + 5e-6;
        double blocksPerStage = 94 / 8.0;
        assertEquals(128 * blocksPerStage * 4 * oneAllToAll, exposed.step().expertAllToAllSeconds(), 1e-6);
        // They add to the step, and to the pipeline's bubble with it ((p − 1)/(v·micro-batches) = 7/512 of the pipeline's time).
        assertEquals(exposed.step().expertAllToAllSeconds() * (1 + 7.0 / (4 * 128)), exposed.step().totalSeconds() - hidden.step().totalSeconds(),
                1e-9 * exposed.step().totalSeconds());
        double missed = 1;
        for (int i = 0; i < 8; i++) {
            missed *= (96.0 - i) / (128 - i);
        }
        assertEquals(2.72, 3 * (1 - missed), 0.01);
        double deepEpAllToAll = 2048.0 * 4096 * 2 * 3 * (1 - missed) / (0.9 * 50e9) + 5e-6;
        assertEquals(128 * blocksPerStage * 4 * deepEpAllToAll, deepEp.step().expertAllToAllSeconds(), 1e-6);
        // Inside one node (8 expert ranks without tensor parallelism) both dispatchers send the same k copies over NVLink.
        Plan inside = new Plan(32, 1, 8, 4, 1, Recompute.SELECTIVE, false, 1, 8);
        assertEquals(1, inside.expertTensorParallel());
        TrainingJob a2a = new TrainingJob(qwen, fourNodes, Fixtures.HOPPER, Format.BF16, 2048, 4096, Optimizer.ADAM, 4, 2,
                Attention.Kernel.FLASH, null, 0.05, true, dev.accelerometer.model.parallel.Host.MEASURED, new ExpertCommunication(Dispatcher.ALL_TO_ALL, false));
        TrainingJob dep = new TrainingJob(qwen, fourNodes, Fixtures.HOPPER, Format.BF16, 2048, 4096, Optimizer.ADAM, 4, 2,
                Attention.Kernel.FLASH, null, 0.05, true, dev.accelerometer.model.parallel.Host.MEASURED, new ExpertCommunication(Dispatcher.DEEPEP, false));
        assertEquals(PlanEvaluation.of(a2a, inside, LayerCosts.of(a2a, inside)).step().expertAllToAllSeconds(),
                PlanEvaluation.of(dep, inside, LayerCosts.of(dep, inside)).step().expertAllToAllSeconds(), 1e-12);
    }
}
