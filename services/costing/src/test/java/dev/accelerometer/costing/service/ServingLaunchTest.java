package dev.accelerometer.costing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.costing.store.Calibrations;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Published serving runs are costed as they were launched. The DeepSeek-R1 runs on 8 × H200 (ledger vsr-01 … vsr-08, vsl-01 …
 * vsl-04) passed no --kv-cache-dtype, so vLLM 0.8.4 and SGLang 0.4.5 kept the MLA cache in the model's bf16, and vLLM V1 scheduled
 * 8,192 tokens and 1,024 sequences per iteration on an H200 (catalog V74, read 2026-12-02 from the releases' tagged sources);
 * AMD's MI300X table states its max-num-seqs. A run that states nothing keeps the validation's defaults.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class ServingLaunchTest {
    @Inject
    CatalogCache catalog;

    @Inject
    Calibrations calibrations;

    private ServingRuns.Run run(String id) {
        CatalogMeasurement m = catalog.measurements().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        return ServingRuns.run(m).orElseThrow(() -> new AssertionError(id + " is not expressible"));
    }

    @Test
    void deepSeekR1UnderVllm084KeepsItsCacheInBf16AndV1sH200Limits() {
        ServingRuns.Run r = run("vsr-04");
        assertEquals(new ServingRuns.Launch(Format.BF16, 8192, 1024, List.of("kvCacheDtype", "maxNumBatchedTokens", "maxNumSeqs")), r.launch());
        assertTrue(ServingRuns.describe(r).contains("fp8 weights, KV cache in bf16 (the run states kvCacheDtype, maxNumBatchedTokens, "
                + "maxNumSeqs)"), ServingRuns.describe(r));
        assertTrue(ServingRuns.describe(r).contains("max batch 1024, 8192 tokens per iteration"), ServingRuns.describe(r));
        // The same run with its cache in the weights' fp8, as the validation costed it before V74: 30,000-token prompts read and hold
        // twice the cache in bf16, so the run as launched is slower.
        Device h200 = catalog.device(r.acceleratorId(), "acceleratorId");
        Calibration cal = calibrations.table().forArchitecture(h200.architecture());
        ServingRuns.Run fp8 = new ServingRuns.Run(r.id(), r.acceleratorId(), r.modelId(), r.format(), r.devices(), r.tensorParallel(), r.inputTokens(),
                r.outputTokens(), r.arrival(), r.rate(), r.concurrency(), r.requests(), r.metric(), r.unit(), r.freeMemoryFraction(), r.runtime(),
                r.staticBatch(), new ServingRuns.Launch(Format.FP8, 8192, 1024, List.of()), r.expertParallel(), r.phase());
        double asLaunched = ServingRuns.predict(h200, cal, catalog, r, r.runtime());
        double withFp8Cache = ServingRuns.predict(h200, cal, catalog, fp8, fp8.runtime());
        assertTrue(asLaunched < withFp8Cache, asLaunched + " tokens/s as launched against " + withFp8Cache + " with an fp8 cache");
    }

    @Test
    void sglangRunsKeepTheirMemoryFractionAndChunkSize() {
        ServingRuns.Run r = run("vsr-08");
        assertEquals(0.81, r.freeMemoryFraction(), 1e-12);
        assertEquals(new ServingRuns.Launch(Format.BF16, 8192, 0, List.of("kvCacheDtype", "maxNumBatchedTokens")), r.launch());
    }

    @Test
    void amdsTableStatesItsBatchLimitAndARunThatStatesNothingKeepsTheDefaults() {
        ServingRuns.Run amd = run("vsr-09");
        assertEquals(new ServingRuns.Launch(Format.FP8, ServingRuns.MAX_BATCHED_TOKENS, 3200, List.of("kvCacheDtype", "maxNumSeqs")), amd.launch());
        assertTrue(ServingRuns.describe(amd).contains("offline, max batch 3200 at 8192 tokens per iteration"), ServingRuns.describe(amd));
        ServingRuns.Run trtllm = run("srv-05");
        assertEquals(new ServingRuns.Launch(trtllm.format(), ServingRuns.MAX_BATCHED_TOKENS, 0, List.of()), trtllm.launch());
    }

    /**
     * TensorRT-LLM's MoE performance rows ran with attention data parallelism (enable_attention_dp in the documented llm_options.yml;
     * ledger moe-29 … -33, perf-overview.md at 00f37686, read 2026-11-29): an 8-GPU row is one group of eight data-parallel attention
     * ranks over expert-parallel MoE layers, the deployment's offline requests shared by the ranks; its tensor-parallel reading would
     * cache Qwen3-235B's four K/V heads twice over. A one-GPU row stays one replica.
     */
    @Test
    void attentionDataParallelMoeRunsAreExpertParallelGroups() {
        ServingRuns.Run r = run("moe-29");
        assertEquals(8, r.expertParallel());
        assertEquals(1, r.tensorParallel());
        assertTrue(ServingRuns.describe(r).contains("EP8 with attention data parallel"), ServingRuns.describe(r));
        Device h100 = catalog.device(r.acceleratorId(), "acceleratorId");
        Calibration cal = calibrations.table().forArchitecture(h100.architecture());
        ServingRuns.Run tensor = new ServingRuns.Run(r.id(), r.acceleratorId(), r.modelId(), r.format(), r.devices(), 8, r.inputTokens(),
                r.outputTokens(), r.arrival(), r.rate(), r.concurrency(), r.requests(), r.metric(), r.unit(), r.freeMemoryFraction(), r.runtime(),
                r.staticBatch(), r.launch(), 1, r.phase());
        double experts = ServingRuns.predict(h100, cal, catalog, r, r.runtime());
        double tensorParallel = ServingRuns.predict(h100, cal, catalog, tensor, tensor.runtime());
        assertTrue(experts > tensorParallel, experts + " tokens/s expert parallel against " + tensorParallel + " tensor parallel");
        assertEquals(1, run("moe-32").expertParallel());
    }

    /**
     * SGLang's large-scale EP runs (lmsys blog 2025-05-05, ledger moe-38, moe-40; inputs completed by catalog V91) measure one pool of a
     * disaggregated deployment alone on H100 nodes: EP72 decoding 256 sequences per device at a 2,000-token cache, EP32 prefilling
     * 16,384 tokens per device of 4,096-token prompts, both per 8-GPU node, with DeepEP's dispatch and two-batch overlap. Each runs as
     * that pool at its phase, its group across nodes over the DGX H100's InfiniBand; the overlap never makes it slower.
     */
    @Test
    void sglangsExpertParallelPoolsRunAloneAtTheirPhase() {
        ServingRuns.Run decode = run("moe-38");
        assertEquals(dev.accelerometer.model.serving.ServingSimulator.Phase.DECODE, decode.phase());
        assertEquals(72, decode.expertParallel());
        assertEquals(256, decode.launch().maxSequences());
        assertEquals(new dev.accelerometer.model.parallel.ExpertCommunication(dev.accelerometer.model.parallel.ExpertCommunication.Dispatcher.DEEPEP,
                true), decode.launch().expertCommunication());
        assertTrue(ServingRuns.describe(decode).contains("a decode pool alone"), ServingRuns.describe(decode));
        ServingRuns.Run prefill = run("moe-40");
        assertEquals(dev.accelerometer.model.serving.ServingSimulator.Phase.PREFILL, prefill.phase());
        assertEquals(16384, prefill.launch().maxBatchedTokens());
        Device h100 = catalog.device(decode.acceleratorId(), "acceleratorId");
        Calibration cal = calibrations.table().forArchitecture(h100.architecture());
        ServingRuns.Run waited = new ServingRuns.Run(decode.id(), decode.acceleratorId(), decode.modelId(), decode.format(), decode.devices(),
                decode.tensorParallel(), decode.inputTokens(), decode.outputTokens(), decode.arrival(), decode.rate(), decode.concurrency(),
                decode.requests(), decode.metric(), decode.unit(), decode.freeMemoryFraction(), decode.runtime(), decode.staticBatch(),
                new ServingRuns.Launch(decode.launch().kvCache(), decode.launch().maxBatchedTokens(), decode.launch().maxSequences(),
                        decode.launch().stated()), decode.expertParallel(), decode.phase());
        double overlapped = ServingRuns.predict(h100, cal, catalog, decode, decode.runtime());
        double notOverlapped = ServingRuns.predict(h100, cal, catalog, waited, waited.runtime());
        assertTrue(overlapped > notOverlapped, overlapped + " vs " + notOverlapped + " output tokens/s per node");
    }
}
