package dev.accelerometer.model.parallel;

import dev.accelerometer.model.hardware.LinkKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.collective.Collectives;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Optimizer;
import org.junit.jupiter.api.Test;

/** The step-time composition: pipeline bubble, collectives and the Megatron FLOP count. */
class StepTimeTest {
    /** A100 SXM 80GB in DGX A100 nodes: NVLink 3 300 GB/s per direction, HDR 25 GB/s per port, 5 µs per step. */
    static Cluster dgxA100(int devices) {
        return new Cluster(Fixtures.A100_SXM_80GB, devices, 8, 300e9, 5e-6, 25e9, 5e-6, null, LinkKind.NVSWITCH, false);
    }

    static final LayerCosts ONE_MS = new LayerCosts(1e-3, 2e-3, 0.2e-3, 0.5e-3, 0);

    static TrainingJob job(Transformer m, Cluster c, long batch, double wireBytes) {
        return new TrainingJob(m, c, Fixtures.AMPERE, Format.FP16, batch, 2048, Optimizer.ADAM, 4, wireBytes, Attention.Kernel.STANDARD,
                null, 0.05);
    }

    static final Transformer M_6B = new Transformer("m", Transformer.Kind.DECODER, 32, 4096, 32, 32, 128, 16384, Transformer.FfnKind.GELU,
            51200, 2048, Transformer.Layout.gpt(2048), null);

    @Test
    void oneF1bBubbleIsPMinusOneOverM() {
        // Narayanan et al. 2021 §2.2: bubble fraction (p − 1)/m; interleaving with v stages divides it by v.
        Plan plain = new Plan(1, 8, 8, 1, 1, Recompute.NONE, false, 0);
        Plan interleaved = new Plan(1, 8, 8, 2, 1, Recompute.NONE, false, 0);
        TrainingJob job = job(M_6B, dgxA100(64), 16, 2);
        StepTime.Breakdown a = StepTime.of(job, plain, ONE_MS);
        StepTime.Breakdown b = StepTime.of(job, interleaved, ONE_MS);
        double perMicro = 4 * 3e-3 + 4 * a.tensorParallelSeconds() / (16 * 4);
        assertEquals(16 * perMicro * 7.0 / 16, a.pipelineBubbleSeconds(), 1e-9);
        assertEquals(a.pipelineBubbleSeconds() / 2, b.pipelineBubbleSeconds(), 1e-9);
    }

    @Test
    void tensorParallelCollectivesUnderTheGemmsExposeOnlyWhatExceedsThem() {
        // 8-way tensor parallel in one DGX A100 node: 4 all-reduce volumes of b·s·h per layer. Overlapped (Megatron-Core with
        // Transformer Engine's userbuffers), a layer's GEMMs — its compute less the attention, 3 − 0.7 ms here — hide them.
        Plan plan = new Plan(1, 8, 1, 1, 1, Recompute.NONE, true, 0);
        TrainingJob between = job(M_6B, dgxA100(8), 8, 2);
        TrainingJob under = new TrainingJob(M_6B, between.cluster(), Fixtures.AMPERE, Format.FP16, 8, 2048, Optimizer.ADAM, 4, 2,
                Attention.Kernel.STANDARD, null, 0.05, true);
        double collectives = StepTime.of(between, plan, ONE_MS).tensorParallelSeconds();
        assertTrue(collectives > 0);
        assertEquals(0, StepTime.of(under, plan, ONE_MS).tensorParallelSeconds(), 1e-12);
        // Layers too small to hide them (0.1 ms of GEMMs): only the excess is charged.
        LayerCosts tiny = new LayerCosts(0.05e-3, 0.1e-3, 0.02e-3, 0.03e-3, 0);
        double perLayer = StepTime.of(between, plan, tiny).tensorParallelSeconds() / (8 * 32);
        assertEquals(8 * 32 * Math.max(0, perLayer - (0.15e-3 - 0.05e-3)), StepTime.of(under, plan, tiny).tensorParallelSeconds(), 1e-12);
    }

    @Test
    void megatronFlopCountForGpt3() {
        // Narayanan et al. 2021, eq. 3 (no recomputation): 72·B·s·l·h²·(1 + s/(6h) + V/(16lh)) for GPT-3 175B, B = 1536.
        Transformer gpt3 = Fixtures.GPT3_175B;
        double expected = 72.0 * 1536 * 2048 * 96 * 12288.0 * 12288 * (1 + 2048 / (6 * 12288.0) + 50257 / (16 * 96 * 12288.0));
        assertEquals(expected, StepTime.modelFlops(gpt3, 1536, 2048), expected * 1e-12);
        // ≈ 6 · 175B · tokens plus attention: within 10 % of 6·N·T.
        assertTrue(Math.abs(StepTime.modelFlops(gpt3, 1536, 2048) / (6 * 175e9 * 1536 * 2048) - 1) < 0.1);
    }

    @Test
    void dataParallelCommunicationCrossesNodesHierarchically() {
        // 64 replicas (no TP/PP) on 8 DGX nodes: NVLink reduce-scatter/all-gather inside, HDR ring across, 2-byte gradients.
        Plan plan = new Plan(64, 1, 1, 1, 1, Recompute.FULL, false, 0);
        TrainingJob job = job(M_6B, dgxA100(64), 512, 2);
        double bytes = M_6B.parameters() * 2.0;
        double expected = Collectives.ringReduceScatter(bytes, 8, 300e9, 5e-6) + Collectives.ringAllReduce(bytes / 8, 8, 25e9, 5e-6)
                + Collectives.ringAllGather(bytes, 8, 300e9, 5e-6);
        assertEquals(expected, StepTime.of(job, plan, ONE_MS).dataParallelSeconds(), 1e-9);
    }

    @Test
    void shardedGradientsReduceAfterEveryMicroBatchAndZero3GathersTheWeightsForEach() {
        // 8 replicas of M_6B over PCIe-class links (16 GB/s), 64 sequences: 8 micro-batches of one sequence, 32 layers × 3 ms
        // = 96 ms of compute each. ZeRO-1 accumulates whole gradients and all-reduces once per step. ZeRO-2 keeps only its
        // shard, so each of the 7 micro-batches before the last also reduce-scatters its fp32 gradients (half the all-reduce:
        // 25.8 GB × 7/8 at 16 GB/s ≈ 1.4 s) under its 96 ms; ZeRO-3 also gathers the 16-bit weights for each one's forward and
        // backward (DeepSpeed issue #2252; pytorch PR #126166).
        Cluster pcie = new Cluster(Fixtures.A100_SXM_80GB, 8, 8, 16e9, 5e-6, 16e9, 5e-6, null, LinkKind.PCIE, false);
        TrainingJob job = job(M_6B, pcie, 64, 4);
        StepTime.Breakdown z1 = StepTime.of(job, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 1), ONE_MS);
        StepTime.Breakdown z2 = StepTime.of(job, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 2), ONE_MS);
        StepTime.Breakdown z3 = StepTime.of(job, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 3), ONE_MS);
        assertEquals(8, z1.microBatches());
        double perMicro = 32 * 3e-3;
        double reduce = z1.dataParallelSeconds() / 2;
        assertTrue(reduce > 1.2 && reduce < 1.6, "the reduce-scatter: " + reduce);
        assertEquals(0, z1.zeroGatherSeconds());
        assertEquals(z1.dataParallelSeconds() + 7 * (reduce - perMicro), z2.dataParallelSeconds(), 1e-9);
        assertEquals(z1.totalSeconds() + 7 * (reduce - perMicro), z2.totalSeconds(), 1e-9);
        // ZeRO-3: the step's two gathers (g, charged whole at the end as before) also precede each earlier micro-batch; the
        // excess over its compute is split between the reduction and the gathers in proportion.
        double gathers = StepTime.of(new TrainingJob(M_6B, pcie, Fixtures.AMPERE, Format.FP16, 8, 2048, Optimizer.ADAM, 4, 4,
                Attention.Kernel.STANDARD, null, 0.05), new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 3), ONE_MS).zeroGatherSeconds();
        assertEquals(z1.totalSeconds() + gathers + 7 * (reduce + gathers - perMicro), z3.totalSeconds(), 1e-9);
        assertEquals(gathers + 7 * (reduce + gathers - perMicro) * gathers / (reduce + gathers), z3.zeroGatherSeconds(), 1e-9);
        // Layers 100 × longer hide every earlier micro-batch's traffic: ZeRO-2 then costs what ZeRO-1 does.
        LayerCosts long_ = new LayerCosts(0.1, 0.2, 0.02, 0.05, 0);
        assertEquals(StepTime.of(job, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 1), long_).totalSeconds(),
                StepTime.of(job, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 2), long_).totalSeconds(), 1e-9);
        // One micro-batch per step: nothing before the last.
        TrainingJob single = job(M_6B, pcie, 8, 4);
        assertEquals(StepTime.of(single, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 1), ONE_MS).dataParallelSeconds(),
                StepTime.of(single, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 2), ONE_MS).dataParallelSeconds(), 1e-12);
    }

    @Test
    void eightBitGradientsQuarterTheFp32Reduction() {
        // Dettmers 2016: 8-bit approximation of 32-bit gradients cuts data-parallel traffic 4×.
        Plan plan = new Plan(64, 1, 1, 1, 1, Recompute.FULL, false, 0);
        double fp32 = StepTime.of(job(M_6B, dgxA100(64), 512, 4), plan, ONE_MS).dataParallelSeconds();
        double int8 = StepTime.of(job(M_6B, dgxA100(64), 512, 1), plan, ONE_MS).dataParallelSeconds();
        assertEquals(0.25, int8 / fp32, 0.01);
    }

    @Test
    void optimizerTrafficFollowsTheOptimizer() {
        // The planner used to charge Adam's 28 bytes per parameter for every optimizer; with fp32 gradients (4 bytes read) Adam
        // moves 4 + 24 + 2 = 30 bytes per parameter and SGD with momentum 4 + 16 + 2 = 22. Both are memory-bound.
        Plan plan = new Plan(8, 1, 1, 1, 1, Recompute.FULL, false, 0);
        TrainingJob adam = job(M_6B, dgxA100(8), 64, 4);
        TrainingJob sgd = new TrainingJob(M_6B, adam.cluster(), Fixtures.AMPERE, Format.FP16, 64, 2048, Optimizer.SGD, 4, 4,
                Attention.Kernel.STANDARD, null, 0.05);
        double latency = Fixtures.AMPERE.kernelLatencySeconds() / Fixtures.AMPERE.trainingStepEfficiency();
        assertEquals(22.0 / 30, (StepTime.of(sgd, plan, ONE_MS).optimizerSeconds() - latency)
                / (StepTime.of(adam, plan, ONE_MS).optimizerSeconds() - latency), 1e-9);
    }

    /** The job of {@link #job} with a fused attention kernel and sequences of {@code sequence} tokens. */
    static TrainingJob longJob(Cluster c, long batch, long sequence) {
        return new TrainingJob(M_6B, c, Fixtures.AMPERE, Format.BF16, batch, sequence, Optimizer.ADAM, 4, 4, Attention.Kernel.FLASH, null, 0.05);
    }

    @Test
    void contextParallelRanksShareEachSequencesWorkAndReduceGradientsWithTheDataParallelOnes() {
        // 16 devices: 8 data-parallel replicas × 2 context-parallel ranks against 16 replicas. Each CP rank does half of each
        // sequence's work (balanced causal chunks), with twice the micro-batches of a replica; the same weights, so the gradients
        // reduce over all 16 in both plans.
        TrainingJob job = longJob(dgxA100(16), 32, 8192);
        Plan dataOnly = new Plan(16, 1, 1, 1, 1, Recompute.NONE, false, 1);
        Plan context = new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 1, 1, 0, 2);
        StepTime.Breakdown a = StepTime.of(job, dataOnly, ONE_MS);
        StepTime.Breakdown b = StepTime.of(job, context, ONE_MS);
        assertEquals(16, context.devices());
        assertEquals(2 * a.microBatches(), b.microBatches());
        assertEquals(a.computeSeconds(), b.computeSeconds(), 1e-12, "2 × the micro-batches at half the work each");
        assertEquals(a.dataParallelSeconds(), b.dataParallelSeconds(), 1e-12, "the reduction runs over d·c = 16 ranks");
        assertEquals(a.optimizerSeconds(), b.optimizerSeconds(), 1e-12, "ZeRO-1 shards the update over d·c");
    }

    @Test
    void theKeyValueRingIsChargedOnlyBeyondTheAttentionItFeeds() {
        // M_6B (32 heads of 128, no GQA), 8192 tokens over c = 4 in one DGX A100: per layer 3 × 3 transfers of 2048 tokens ×
        // 2 × 4096 × 2 bytes = 33.6 MB at 300 GB/s ≈ 1.0 ms — beyond an attention of 0.7 ms (ONE_MS: 0.2 forward + 0.5 backward)
        // by 0.3 ms; against attention 40 × longer, nothing.
        TrainingJob job = longJob(dgxA100(8), 8, 8192);
        Plan plan = new Plan(2, 1, 1, 1, 1, Recompute.NONE, false, 1, 1, 0, 4);
        double transfer = Collectives.pointToPoint(2048 * 2.0 * 4096 * 2, 300e9, 5e-6);
        double perLayer = 9 * transfer - 0.7e-3 / 4;
        StepTime.Breakdown exposed = StepTime.of(job, plan, ONE_MS);
        assertEquals(perLayer * 32 * exposed.microBatches(), exposed.contextParallelSeconds(), 1e-9);
        StepTime.Breakdown hidden = StepTime.of(job, plan, new LayerCosts(40e-3, 80e-3, 8e-3, 20e-3, 0));
        assertEquals(0, hidden.contextParallelSeconds());
    }

    @Test
    void contextParallelRanksHoldTheirShareOfTheActivations() {
        TrainingJob job = longJob(dgxA100(16), 32, 8192);
        double whole = PlanMemory.of(job, new Plan(16, 1, 1, 1, 1, Recompute.NONE, false, 1)).activationBytes();
        double half = PlanMemory.of(job, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 1, 1, 0, 2)).activationBytes();
        assertEquals(whole / 2, half, whole * 1e-9);
    }

    @Test
    void contextParallelRulesNameTheirField() {
        TrainingJob job = longJob(dgxA100(16), 32, 8192);
        assertTrue(PlanSearch.rules(job, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 1, 1, 0, 2)).isEmpty());
        // 2·c must divide the sequence: 8192 over c = 3 does not split into 6 chunks (and 16 devices are not 5 × 3).
        assertEquals("contextParallel", PlanSearch.rules(longJob(dgxA100(6), 32, 8192), new Plan(2, 1, 1, 1, 1, Recompute.NONE, false, 1, 1, 0, 3))
                .get(0).dimension());
        // Ring attention needs a fused kernel.
        TrainingJob standard = job(M_6B, dgxA100(16), 32, 4);
        assertEquals("contextParallel", PlanSearch.rules(standard, new Plan(8, 1, 1, 1, 1, Recompute.NONE, false, 1, 1, 0, 2)).get(0).dimension());
        // The search tries c = 2 at 8,192 tokens (4,096 per rank) and not c = 4.
        assertTrue(PlanSearch.enumerate(job, PlanSearch.Constraints.NONE).stream().anyMatch(p -> p.contextParallel() == 2));
        assertTrue(PlanSearch.enumerate(job, PlanSearch.Constraints.NONE).stream().noneMatch(p -> p.contextParallel() > 2));
    }

    @Test
    void interleavingMayLeaveChunksUneven() {
        // NeMo's Llama 3.1 405B recipe: 126 blocks on 8 stages of 8 interleaved chunks (ledger fp8-11): chunks of ⌈126/64⌉ = 2.
        Transformer deep = new Transformer("m", Transformer.Kind.DECODER, 126, 4096, 32, 32, 128, 16384, Transformer.FfnKind.GELU, 51200,
                2048, Transformer.Layout.gpt(2048), null);
        TrainingJob job = job(deep, dgxA100(64), 64, 4);
        Plan plan = new Plan(1, 8, 8, 8, 1, Recompute.NONE, false, 0);
        assertTrue(PlanSearch.rules(job, plan).isEmpty());
        StepTime.Breakdown step = StepTime.of(job, plan, ONE_MS);
        assertEquals(64 * 16 * 3e-3, step.computeSeconds(), 1e-9, "16 blocks per stage at 3 ms per micro-batch");
        assertEquals("pipelineParallel", PlanSearch.rules(job, new Plan(1, 8, 8, 16, 1, Recompute.NONE, false, 0)).get(0).dimension());
    }
}
