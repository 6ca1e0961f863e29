package dev.accelerometer.model.serving;

import static dev.accelerometer.model.Fixtures.H100_SXM;
import static dev.accelerometer.model.Fixtures.HOPPER;
import static dev.accelerometer.model.Fixtures.LLAMA_3_8B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.KvCache;
import dev.accelerometer.model.workload.ServingIteration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The continuous-batching simulator and the serving search against what follows from their definitions. */
class ServingSimulatorTest {
    static final double INF = Double.POSITIVE_INFINITY;
    /** Llama-3-8B in fp8 on one H100, the iteration model every case below runs on. */
    static final ServingIteration IT = ServingIteration.of(H100_SXM, HOPPER, LLAMA_3_8B, 1, Format.FP8, 1, 1, Attention.Kernel.FLASH, b -> 0, 8192);

    static Workload offline(int requests, int in, int out) {
        return new Workload(Workload.Arrival.OFFLINE, 0, 0, new Lengths.Fixed(in), new Lengths.Fixed(out), 0, requests, 7);
    }

    static Scheduler scheduler(int maxSequences, long kvTokens) {
        return new Scheduler(maxSequences, 8192, kvTokens, 16, 1);
    }

    @Test
    void oneRequestTakesOnePrefillIterationThenOneDecodeIterationPerToken() {
        ServingResult r = ServingSimulator.run(IT, scheduler(8, 1_000_000), offline(1, 1000, 11), INF, INF);
        double prefill = IT.layerSeconds(1000) + IT.headSeconds(1) + IT.prefillAttentionSeconds(1000 * 1001 / 2.0);
        assertEquals(prefill, r.ttftSeconds().p50(), 1e-12);
        double[] visible = new double[IT.cacheGroups()];
        double decodes = 0;
        for (int context = 1000; context < 1010; context++) {
            java.util.Arrays.fill(visible, context);
            decodes += IT.layerSeconds(1) + IT.headSeconds(1) + IT.cacheSeconds(1, visible);
        }
        assertEquals(prefill + decodes, r.e2eSeconds().p50(), 1e-9);
        assertEquals(decodes / 10, r.tpotSeconds().p50(), 1e-9);
        assertEquals(11, r.iterations());
    }

    @Test
    void aRuntimeAtHalfTheKernelsSpeedTakesTwiceAsLong() {
        ServingResult full = ServingSimulator.run(IT, scheduler(64, 1_000_000), offline(200, 500, 100), INF, INF);
        ServingResult half = ServingSimulator.run(IT, new Scheduler(64, 8192, 1_000_000, 16, 0.5), offline(200, 500, 100), INF, INF);
        assertEquals(2 * full.durationSeconds(), half.durationSeconds(), 1e-9 * full.durationSeconds());
    }

    @Test
    void batchingRaisesThroughputUntilTheWeightsStopDominating() {
        double one = ServingSimulator.run(IT, scheduler(1, 1_000_000), offline(64, 200, 200), INF, INF).outputTokensPerSecond();
        double sixtyFour = ServingSimulator.run(IT, scheduler(64, 1_000_000), offline(64, 200, 200), INF, INF).outputTokensPerSecond();
        // At batch 1 each decode step reads all 8 GB of weights; 64 sequences share that read.
        assertTrue(sixtyFour > 20 * one, one + " vs " + sixtyFour);
    }

    @Test
    void aSmallCachePreemptsAndRecomputesButLosesNoRequest() {
        ServingResult roomy = ServingSimulator.run(IT, scheduler(64, 1_000_000), offline(64, 500, 500), INF, INF);
        ServingResult tight = ServingSimulator.run(IT, scheduler(64, 8_000), offline(64, 500, 500), INF, INF);
        assertEquals(0, roomy.preemptions());
        assertTrue(tight.preemptions() > 0);
        assertEquals(64, tight.requests());
        assertTrue(tight.peakKvTokens() <= 8_000);
        assertTrue(tight.outputTokensPerSecond() < roomy.outputTokensPerSecond());
        assertThrows(IllegalArgumentException.class, () -> ServingSimulator.run(IT, scheduler(64, 900), offline(1, 500, 500), INF, INF));
    }

    @Test
    void aLightPoissonLoadWaitsForNothingAndAnOverloadSaturates() {
        ServingResult single = ServingSimulator.run(IT, scheduler(256, 1_000_000), offline(1, 1000, 100), INF, INF);
        Workload light = new Workload(Workload.Arrival.POISSON, 0.1, 0, new Lengths.Fixed(1000), new Lengths.Fixed(100), 0, 300, 3);
        ServingResult r = ServingSimulator.run(IT, scheduler(256, 1_000_000), light, INF, INF);
        // At 0.1 requests/s a request (well under a second) almost never meets another.
        assertEquals(single.ttftSeconds().p50(), r.ttftSeconds().p50(), 0.01 * single.ttftSeconds().p50());
        assertFalse(r.saturated());
        double capacity = ServingSimulator.run(IT, scheduler(256, 1_000_000), offline(2000, 1000, 100), INF, INF).requestsPerSecond();
        Workload heavy = light.atRate(2 * capacity);
        ServingResult over = ServingSimulator.run(IT, scheduler(256, 1_000_000), heavy.withConcurrency(0), INF, INF);
        assertTrue(over.saturated());
        assertTrue(over.ttftSeconds().p99() > 10 * r.ttftSeconds().p99());
    }

    @Test
    void oneClosedLoopClientSendsOneRequestAtATime() {
        Workload one = new Workload(Workload.Arrival.CONCURRENCY, 0, 1, new Lengths.Fixed(300), new Lengths.Fixed(50), 0, 20, 1);
        ServingResult r = ServingSimulator.run(IT, scheduler(64, 1_000_000), one, INF, INF);
        assertEquals(1.0, r.meanBatchSequences(), 1e-12);
        assertEquals(1 / r.e2eSeconds().mean(), r.requestsPerSecond(), 1e-6 * r.requestsPerSecond());
    }

    @Test
    void prefixCacheHitsShortenTheFirstToken() {
        Workload cold = new Workload(Workload.Arrival.POISSON, 1, 0, new Lengths.Fixed(4000), new Lengths.Fixed(50), 0, 100, 5);
        Workload warm = new Workload(Workload.Arrival.POISSON, 1, 0, new Lengths.Fixed(4000), new Lengths.Fixed(50), 0.75, 100, 5);
        double coldTtft = ServingSimulator.run(IT, scheduler(64, 1_000_000), cold, INF, INF).ttftSeconds().p50();
        double warmTtft = ServingSimulator.run(IT, scheduler(64, 1_000_000), warm, INF, INF).ttftSeconds().p50();
        assertTrue(warmTtft < 0.5 * coldTtft, coldTtft + " vs " + warmTtft);
    }

    @Test
    void theSameWorkloadGivesTheSameAnswer() {
        Workload w = new Workload(Workload.Arrival.POISSON, 5, 0, new Lengths.LogNormal(800, 1, 8000), new Lengths.Uniform(10, 400), 0, 500, 42);
        assertEquals(ServingSimulator.run(IT, scheduler(128, 200_000), w, 1, 0.05), ServingSimulator.run(IT, scheduler(128, 200_000), w, 1, 0.05));
    }

    @Test
    void theCacheGetsWhatTheWeightsAndWorkspaceLeave() {
        Replica r = Replica.of(H100_SXM, LLAMA_3_8B, 1, 1, 1, 8192, 256, 0.9);
        double weights = LLAMA_3_8B.parameters();
        assertEquals(weights, r.weightBytesPerDevice(), 1);
        double perToken = KvCache.elementsPerToken(LLAMA_3_8B);
        assertEquals(32 * 2 * 8 * 128, perToken, 0);
        assertEquals(Math.floor((0.9 * H100_SXM.memoryBytes() - weights - r.workspaceBytesPerDevice()) / perToken), r.kvCapacityTokens(), 0);
        // Two-way tensor parallelism halves the weights and the K/V heads each device holds.
        Replica two = Replica.of(H100_SXM, LLAMA_3_8B, 2, 1, 1, 8192, 256, 0.9);
        assertEquals(weights / 2, two.weightBytesPerDevice(), 1);
        assertEquals(perToken / 2, two.kvBytesPerTokenPerDevice(), 0);
    }

    @Test
    void theSearchFindsTheFewestDevicesThatMeetTheObjectivesOrSaysWhyNone() {
        Workload w = new Workload(Workload.Arrival.POISSON, 20, 0, new Lengths.Fixed(1000), new Lengths.Fixed(200), 0, 1000, 1);
        ServingPlans.Objectives slo = new ServingPlans.Objectives(null, 1.0, 0.05, null, null, null);
        ServingPlans.Job job = new ServingPlans.Job(H100_SXM, HOPPER, LLAMA_3_8B, Format.FP8, 1, 1, Attention.Kernel.FLASH,
                ServingRuntime.TENSORRT_LLM, null, 0.9, w, slo);
        ServingPlans.Bounds bounds = new ServingPlans.Bounds(1, 16, null, List.of(64, 256), List.of(2048, 8192));
        ServingPlans.Search found = ServingPlans.search(job, bounds, Long.MAX_VALUE);
        assertFalse(found.meeting().isEmpty());
        ServingPlans.Evaluation best = found.meeting().get(0);
        assertTrue(best.meetsObjectives());
        // One device fewer (with the same scheduler) misses them.
        if (best.configuration().replicas() > 1) {
            ServingPlans.Configuration fewer = new ServingPlans.Configuration(1, best.configuration().replicas() - 1,
                    best.configuration().maxSequences(), best.configuration().maxBatchedTokens());
            assertFalse(ServingPlans.evaluate(job, fewer).meetsObjectives());
        }
        assertFalse(found.frontier().isEmpty());
        ServingPlans.Job impossible = new ServingPlans.Job(H100_SXM, HOPPER, LLAMA_3_8B, Format.FP8, 1, 1, Attention.Kernel.FLASH,
                ServingRuntime.TENSORRT_LLM, null, 0.9, w, new ServingPlans.Objectives(0.001, null, null, null, null, null));
        ServingPlans.Search none = ServingPlans.search(impossible, bounds, Long.MAX_VALUE);
        assertTrue(none.meeting().isEmpty());
        assertFalse(none.closest().isEmpty());
        assertTrue(none.closest().get(0).violations().get(0).startsWith("ttftP50Seconds"));
    }

    /** One DGX H100 node: NVSwitch gen3 at NCCL's ring efficiency (CollectiveEfficiency), NVLink SHARP. */
    static final dev.accelerometer.model.parallel.Cluster DGX_H100 = new dev.accelerometer.model.parallel.Cluster(H100_SXM, 8, 8,
            450e9 * dev.accelerometer.model.collective.CollectiveEfficiency.NVLINK_RING, 5e-6, 450e9, 5e-6, null,
            dev.accelerometer.model.hardware.LinkKind.NVSWITCH, true);

    @Test
    void disaggregatedPoolsKeepLongPromptsOutOfTheDecodeIterations() {
        // 4,000-token prompts and 200-token answers at 3 requests/s: co-located, a replica's decodes wait behind 8,192-token prompt
        // chunks; split, the decode replica runs decode iterations only.
        Workload w = new Workload(Workload.Arrival.POISSON, 3, 0, new Lengths.Fixed(4000), new Lengths.Fixed(200), 0, 600, 11);
        ServingPlans.Job job = new ServingPlans.Job(H100_SXM, HOPPER, LLAMA_3_8B, Format.FP8, 1, 1, Attention.Kernel.FLASH,
                ServingRuntime.TENSORRT_LLM, DGX_H100, 0.9, w, ServingPlans.Objectives.NONE);
        ServingPlans.Evaluation colocated = ServingPlans.evaluate(job, new ServingPlans.Configuration(1, 2, 256, 8192));
        ServingPlans.Evaluation split = ServingPlans.evaluateDisaggregated(job, new ServingPlans.Configuration(1, 1, 256, 8192),
                new ServingPlans.Configuration(1, 1, 256, 8192));
        assertEquals(2, colocated.devices());
        assertEquals(2, split.devices());
        assertTrue(split.replica().tpotSeconds().p99() < colocated.replica().tpotSeconds().p99(),
                split.replica().tpotSeconds() + " vs " + colocated.replica().tpotSeconds());
        // The longest token gap co-located is a decode stuck behind a prompt chunk; split, it is a transfer and one admission.
        assertTrue(split.replica().itlSeconds().max() < 0.5 * colocated.replica().itlSeconds().max(),
                split.replica().itlSeconds() + " vs " + colocated.replica().itlSeconds());
        // The first token is the prefill pool's; the transfer is the mean prompt's cache over NVLink.
        assertEquals(split.prefillPool().replica().ttftSeconds(), split.replica().ttftSeconds());
        double cache = KvCache.bytes(LLAMA_3_8B, 4000, 1);
        assertEquals(cache / DGX_H100.intraBandwidth() + DGX_H100.intraLatency(), split.kvTransferSeconds(), 1e-12);
        assertEquals(w.requestsPerSecond(), split.requestsPerSecond(), 0.15 * w.requestsPerSecond());
    }

    @Test
    void aSearchOffersDisaggregatedPoolsWhenTheyNeedFewerDevices() {
        // Whole 4,000-token prompts in one iteration (8,192-token limit) stall every co-located decode for ~30 ms: a 20 ms p99
        // token gap needs the prompts spread thin over many co-located replicas, while one prefill and one decode device meet it.
        Workload w = new Workload(Workload.Arrival.POISSON, 6, 0, new Lengths.Fixed(4000), new Lengths.Fixed(200), 0, 400, 2);
        ServingPlans.Job job = new ServingPlans.Job(H100_SXM, HOPPER, LLAMA_3_8B, Format.FP8, 1, 1, Attention.Kernel.FLASH,
                ServingRuntime.TENSORRT_LLM, DGX_H100, 0.9, w, new ServingPlans.Objectives(null, 2.0, null, null, 0.02, null));
        ServingPlans.Search found = ServingPlans.search(job, new ServingPlans.Bounds(1, 8, List.of(1), List.of(64, 256), List.of(8192), true),
                Long.MAX_VALUE);
        ServingPlans.Evaluation best = found.meeting().get(0);
        assertTrue(best.prefillPool() != null, "the cheapest plan splits the pools: " + best);
        assertTrue(found.meeting().stream().filter(e -> e.prefillPool() == null).allMatch(e -> e.devices() > best.devices()));
        found.frontier().forEach(e -> assertEquals(null, e.prefillPool()));
        // Without the option, the search answers co-located plans only.
        ServingPlans.Search colocated = ServingPlans.search(job, new ServingPlans.Bounds(1, 8, List.of(1), List.of(64, 256), List.of(8192), false),
                Long.MAX_VALUE);
        assertTrue(colocated.meeting().stream().allMatch(e -> e.prefillPool() == null));
    }

    @Test
    void pipelineStagesSplitTheWeightsAndKeepABatchInFlightPerStage() {
        // LLaMA-65B in fp16 (130 GB) on H100s: 2-way tensor × 2-stage pipeline against 4-way tensor parallelism, same 4 devices.
        Replica staged = Replica.of(H100_SXM, dev.accelerometer.model.Fixtures.LLAMA_65B, 2, 2, 2, 2, 8192, 256, 0.9);
        assertEquals(dev.accelerometer.model.Fixtures.LLAMA_65B.parameters() * 2.0 / 4, staged.weightBytesPerDevice(), 1);
        Workload w = new Workload(Workload.Arrival.POISSON, 4, 0, new Lengths.Fixed(500), new Lengths.Fixed(200), 0, 300, 4);
        ServingPlans.Job job = new ServingPlans.Job(H100_SXM, HOPPER, dev.accelerometer.model.Fixtures.LLAMA_65B, Format.FP16, 2, 2,
                Attention.Kernel.FLASH, ServingRuntime.TENSORRT_LLM, DGX_H100, 0.9, w, ServingPlans.Objectives.NONE);
        ServingPlans.Evaluation pipelined = ServingPlans.evaluate(job, new ServingPlans.Configuration(2, 2, 1, 256, 8192));
        ServingPlans.Evaluation tensor = ServingPlans.evaluate(job, new ServingPlans.Configuration(4, 1, 1, 256, 8192));
        assertEquals(4, pipelined.devices());
        // A token goes through every stage in turn: per token, the 2-way group's whole-model time, slower than 4-way.
        assertTrue(pipelined.replica().tpotSeconds().p50() > tensor.replica().tpotSeconds().p50());
        assertEquals(w.requestsPerSecond(), pipelined.requestsPerSecond(), 0.15 * w.requestsPerSecond());
        // Stages past one node need the network the cluster names.
        assertThrows(ServingPlans.DoesNotFit.class, () -> ServingPlans.evaluate(job, new ServingPlans.Configuration(8, 2, 1, 256, 8192)));
    }

    /** One DGX B200 node: NVLink 5 (900 GB/s a direction per GPU) through NVSwitch, at NCCL's ring efficiency. */
    static final dev.accelerometer.model.parallel.Cluster DGX_B200 = new dev.accelerometer.model.parallel.Cluster(
            dev.accelerometer.model.Fixtures.B200, 8, 8, 900e9 * dev.accelerometer.model.collective.CollectiveEfficiency.NVLINK_RING, 5e-6,
            900e9, 5e-6, null,
            dev.accelerometer.model.hardware.LinkKind.NVSWITCH, true);

    @Test
    void expertParallelRanksHoldTheirShareOfTheExpertsAndCacheTheirOwnSequences() {
        var v3 = dev.accelerometer.model.Fixtures.DEEPSEEK_V3;
        var b200 = dev.accelerometer.model.Fixtures.B200;
        var blackwell = dev.accelerometer.model.Fixtures.BLACKWELL;
        // Weights: everything but the routed experts whole on every rank, 1/8 of the routed experts.
        Replica rank = Replica.of(b200, v3, 1, 1, 8, 1, 2, 8192, 256, 0.9, false);
        double experts = v3.expertParameters();
        assertEquals((v3.parameters() - experts) + experts / 8, rank.weightBytesPerDevice(), 1);
        // Multi-head latent attention: tensor parallelism replicates the latent on every rank; a data-parallel rank caches only its
        // own sequences' latents, so the eight ranks hold eight times the tokens of the 8-way tensor-parallel replica.
        Replica tensor = Replica.of(b200, v3, 8, 1, 1, 1, 2, 8192, 256, 0.9, false);
        assertEquals(tensor.kvBytesPerTokenPerDevice(), rank.kvBytesPerTokenPerDevice(), 1e-9);
        Workload w = offline(2000, 1000, 1000);
        ServingPlans.Job job = new ServingPlans.Job(b200, blackwell, v3, Format.FP8, 1, 2, Attention.Kernel.FLASH, ServingRuntime.TENSORRT_LLM,
                DGX_B200, 0.9, w, ServingPlans.Objectives.NONE);
        ServingPlans.Evaluation dp = ServingPlans.evaluate(job, new ServingPlans.Configuration(1, 1, 1, 256, 8192, 8));
        ServingPlans.Evaluation tp = ServingPlans.evaluate(job, new ServingPlans.Configuration(8, 1, 1, 2048, 8192));
        assertEquals(8, dp.devices());
        // The 8-way replica's cache holds ~690 of the 2,000-token requests at once, far below its 2,048 limit; the eight ranks run
        // their 256 each. Same devices, same total batch limit: the data-parallel ranks decode several times the tokens.
        assertTrue(tp.replica().meanBatchSequences() <= tp.memory().kvCapacityTokens() / 2000.0);
        assertTrue(dp.outputTokensPerSecond() > 2 * tp.outputTokensPerSecond(), dp.outputTokensPerSecond() + " vs " + tp.outputTokensPerSecond());
        // A rank's experts see every rank's tokens: of its 32 experts, those the 8 ranks' tokens touch.
        var shard = v3.shard(1, 8).moe();
        assertEquals(32, shard.experts());
        assertEquals(32 * (1 - Math.pow(1 - 8.0 / 256, 8)), shard.expectedExpertsTouched(1), 1e-9);
        // Past one node the exchange needs the cluster's network; expert parallelism runs attention data parallel only.
        assertThrows(ServingPlans.DoesNotFit.class, () -> ServingPlans.evaluate(job, new ServingPlans.Configuration(1, 1, 1, 256, 8192, 16)));
        assertThrows(IllegalArgumentException.class, () -> new ServingPlans.Configuration(2, 1, 1, 256, 8192, 4));
        // Two B200 nodes over 400 Gb/s NICs (50 GB/s per GPU): an EP16 group's exchange leaves the node; DeepEP's per-node dispatch with
        // the exchange under the other half-batch's compute (SGLang's large-scale EP launch) is faster than k copies waited for.
        var twoNodes = new dev.accelerometer.model.parallel.Cluster(b200, 16, 8, DGX_B200.intraBandwidth(), 5e-6, 50e9, 1e-5, null,
                dev.accelerometer.model.hardware.LinkKind.NVSWITCH, true);
        ServingPlans.Configuration ep16 = new ServingPlans.Configuration(1, 1, 1, 256, 8192, 16);
        ServingPlans.Evaluation waited = ServingPlans.evaluate(new ServingPlans.Job(b200, blackwell, v3, Format.FP8, 1, 2, Attention.Kernel.FLASH,
                ServingRuntime.TENSORRT_LLM, DGX_B200, 0.9, w, ServingPlans.Objectives.NONE, twoNodes), ep16);
        ServingPlans.Evaluation overlapped = ServingPlans.evaluate(new ServingPlans.Job(b200, blackwell, v3, Format.FP8, 1, 2, Attention.Kernel.FLASH,
                ServingRuntime.TENSORRT_LLM, DGX_B200, 0.9, w, ServingPlans.Objectives.NONE, twoNodes,
                new dev.accelerometer.model.parallel.ExpertCommunication(
                        dev.accelerometer.model.parallel.ExpertCommunication.Dispatcher.DEEPEP, true)),
                ep16);
        assertEquals(16, waited.devices());
        assertTrue(overlapped.outputTokensPerSecond() > waited.outputTokensPerSecond(),
                overlapped.outputTokensPerSecond() + " vs " + waited.outputTokensPerSecond());
        // The search tries expert-parallel groups for a mixture of experts and finds them best here.
        ServingPlans.Search found = ServingPlans.search(job, new ServingPlans.Bounds(8, 8, null, List.of(256), List.of(8192), false), Long.MAX_VALUE);
        assertEquals(8, found.meeting().get(0).configuration().expertParallel(), found.meeting().get(0).toString());
    }

    /**
     * DeepSeek-V3's absorbed latent attention over a 2,048-token cache for 128 sequences is compute-bound: 2 × 128 heads × (576 + 512)
     * FLOPs per cached token and block (scores over the latent and rotary key, values over the latent) at FlashMLA's share of the
     * 16-bit tensor peak — not the 576 cached bytes per token, and not the vector rate.
     */
    @Test
    void latentAttentionOverALongCacheIsComputeBoundOnTheTensorCores() {
        var v3 = dev.accelerometer.model.Fixtures.DEEPSEEK_V3;
        ServingIteration it = ServingIteration.of(H100_SXM, HOPPER, v3, 1, Format.FP8, 1, 1, Attention.Kernel.FLASH, b -> 0, 2048);
        double visible = 128.0 * 2048;
        double flops = 2.0 * 128 * (576 + 512) * visible * v3.layers();
        double compute = flops / (989.5e12 * dev.accelerometer.model.workload.Decode.FLASH_MLA_TENSOR_SHARE);
        double launches = v3.layers() * HOPPER.kernelLatencySeconds();
        assertEquals(compute + launches, it.cacheSeconds(128, visible), 0.01 * compute);
        // One short sequence's cache: little more than the launches.
        assertTrue(it.cacheSeconds(1, 16) < 2 * launches);
    }
}
