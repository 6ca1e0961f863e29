package dev.accelerometer.planner.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Serving plans on the real PostgreSQL, against the catalog's and costing's recorded answers. */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, initArgs = @ResourceArg(name = "costing", value = "true"))
class ServingPlanApiTest {
    static Map<String, Object> fixed(int tokens) {
        return Map.of("distribution", "fixed", "tokens", tokens);
    }

    /**
     * Llama 3.1 70B in bf16 on 4 × H100 (DGX H100), Poisson arrivals of 467-token prompts and 256-token answers: the setup of
     * TensorRT-LLM's online-serving table (perf-overview.md at 258c7540, v0.14.0, 500 requests; catalog ledger srv-32/33,
     * read 2026-11-29): mean TTFT 62 ms and mean ITL 21 ms at 2 requests/s. Held out (no constant derived from it).
     */
    static Map<String, Object> llama70bOnFourH100(double rate) {
        Map<String, Object> body = new HashMap<>();
        body.put("modelId", "llama-3.1-70b");
        body.put("cluster", Map.of("systemId", "nvidia-dgx-h100", "devices", 8));
        body.put("weightFormat", "bf16");
        body.put("workload", Map.of("arrival", "poisson", "requestsPerSecond", rate, "inputTokens", fixed(467), "outputTokens", fixed(256),
                "simulatedRequests", 500));
        return body;
    }

    /**
     * Llama 3.1 8B on 4 × L4 (PCIe cards, no NVLink: catalog hostLinkPcieGeneration 4, 16 lanes) at 5 requests/s: the search tries
     * tensor-parallel pairs over the cards' PCIe host links and says so, where it answered 422 asking for a link inside the node.
     */
    @Test
    void cardsWithoutAScaleUpLinkServeTensorParallelOverPcie() {
        Map<String, Object> body = llama8bFp8(Map.of("acceleratorId", "nvidia-l4", "devices", 4), 5, 1000, 200, 200);
        body.put("configuration", Map.of("tensorParallel", 2, "replicas", 2, "maxSequences", 256, "maxBatchedTokens", 2048));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(200)
                .body("evaluation.deployment.tensorParallel", equalTo(2))
                .body("assumptions", hasItem(containsString("PCIe 4.0 x16 host link")));
    }

    /** Llama 3.1 8B in fp8 on {@code cluster}, Poisson arrivals at {@code rate} of fixed-length prompts and answers. */
    static Map<String, Object> llama8bFp8(Map<String, Object> cluster, double rate, int input, int output, int requests) {
        Map<String, Object> body = new HashMap<>();
        body.put("modelId", "llama-3.1-8b");
        body.put("cluster", cluster);
        body.put("weightFormat", "fp8");
        body.put("workload", Map.of("arrival", "poisson", "requestsPerSecond", rate, "inputTokens", fixed(input), "outputTokens", fixed(output),
                "simulatedRequests", requests));
        return body;
    }

    /** The electricity of a million output tokens: the energy upper bound per token × 10⁶, × PUE, at the request's terms. */
    @Test
    void aMillionOutputTokensArePricedAsElectricity() {
        Map<String, Object> body = llama70bOnFourH100(2);
        body.put("configuration", Map.of("tensorParallel", 4, "replicas", 1, "maxSequences", 2048, "maxBatchedTokens", 8192));
        body.put("energy", Map.of("usdPerKwh", 0.1, "gramsCo2ePerKwh", 400, "pue", 1.2));
        var answer = given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(200).extract();
        double joulesPerToken = ((Number) answer.path("evaluation.energyJoulesPerOutputToken")).doubleValue();
        double kwh = joulesPerToken * 1e6 / 3.6e6 * 1.2;
        org.junit.jupiter.api.Assertions.assertEquals(kwh,
                ((Number) answer.path("evaluation.electricityPerMillionOutputTokens.totalEnergyKwh")).doubleValue(), 1e-9 * kwh);
        org.junit.jupiter.api.Assertions.assertEquals(kwh * 0.1,
                ((Number) answer.path("evaluation.electricityPerMillionOutputTokens.totalElectricityUsd")).doubleValue(), 1e-9 * kwh);
        org.junit.jupiter.api.Assertions.assertEquals(kwh * 0.4,
                ((Number) answer.path("evaluation.electricityPerMillionOutputTokens.totalCo2eKilograms")).doubleValue(), 1e-9 * kwh);
    }

    /** A trace of 8M-token requests simulated for minutes after its client had gone (fuzzing, 2026-12-03): the work is bounded. */
    @Test
    void aSimulationTooLargeToAnswerInSecondsIsRefusedNamingItsFields() {
        Map<String, Object> body = llama70bOnFourH100(2);
        body.put("configuration", Map.of("tensorParallel", 4, "replicas", 1, "maxSequences", 2048, "maxBatchedTokens", 8192));
        body.put("workload", Map.of("arrival", "poisson", "requestsPerSecond", 2, "trace", List.of(Map.of("inputTokens", 60_000,
                "outputTokens", 60_000)), "simulatedRequests", 1000));
        body.put("modelId", "llama-3.1-8b");
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(400)
                .body("violations.path", hasItem("workload.simulatedRequests")).body("detail", containsString("workload.trace"));
    }

    @Test
    void evaluatesADeploymentWithinTheBandOfAPublishedOnlineRun() {
        Map<String, Object> body = llama70bOnFourH100(2);
        body.put("configuration", Map.of("tensorParallel", 4, "replicas", 1, "maxSequences", 2048, "maxBatchedTokens", 8192));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200)
                .body("evaluation.deployment.devices", equalTo(4))
                // srv-32/33 within the 25 % for latency at a given load.
                .body("evaluation.latency.ttft.meanSeconds", closeTo(0.062, 0.25 * 0.062))
                .body("evaluation.latency.itl.meanSeconds", closeTo(0.021, 0.25 * 0.021))
                .body("evaluation.requestsPerSecond", closeTo(2, 0.3))
                .body("evaluation.utilisation.saturated", equalTo(false))
                .body("evaluation.memory.weightBytesPerDevice", closeTo(70.55e9 * 2 / 4, 1e9))
                .body("evaluation.memory.kvCacheCapacityTokens", greaterThan(100_000))
                .body("evaluation.costUsdPerMillionOutputTokens", greaterThan(0.0))
                .body("errorBands.category", hasItem("serving-latency"))
                .body("assumptions", hasItem(startsWith("runtime TensorRT-LLM")));
    }

    /**
     * Each runtime quotes the band of its own validated runs (costing's vllm-serving-* and sglang-serving-* categories, recorded
     * from the real costing by its StubsRecordingTest); where a runtime has no run of a kind (SGLang at a stated load) the answer
     * quotes TensorRT-LLM's band and says it is borrowed.
     */
    @Test
    void vllmAndSglangAnswersQuoteTheirOwnRunsBands() {
        Map<String, Object> body = llama70bOnFourH100(2);
        body.put("configuration", Map.of("tensorParallel", 4, "replicas", 1, "maxSequences", 2048, "maxBatchedTokens", 8192));
        body.put("runtime", "vllm");
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200)
                .body("errorBands.category", hasItems("vllm-serving-throughput", "vllm-serving-latency"))
                .body("errorBands.find { it.category == 'vllm-serving-throughput' }.cases", greaterThan(0))
                .body("assumptions", hasItem(containsString("derived from 4 offline vLLM runs")));
        body.put("runtime", "sglang");
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200)
                .body("errorBands.category", hasItems("sglang-serving-throughput", "sglang-serving-latency"))
                // SGLang's own latency runs: InferenceX's DeepSeek-R1 TPOT on 8 × H200 (catalog V91, eps-11, eps-12).
                .body("errorBands.find { it.category == 'sglang-serving-latency' }.cases", greaterThan(0));
    }

    /**
     * With fp8 weights TensorRT-LLM's FP8 checkpoints keep the KV cache in fp8, while vLLM's and SGLang's kv_cache_dtype auto is the
     * model's 16-bit dtype (vLLM v0.8.4's and SGLang v0.4.5's engine arguments, catalog V74): the cache per token doubles unless
     * the request names fp8, and the answer says which default it took.
     */
    @Test
    void vllmKeepsTheKvCacheInTheModelsDtypeUnlessAskedForFp8() {
        Map<String, Object> body = llama70bOnFourH100(2);
        body.put("weightFormat", "fp8");
        body.put("configuration", Map.of("tensorParallel", 4, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192));
        double fp8 = given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200)
                .body("assumptions", hasItem(containsString("KV cache in fp8 (the tensorrt-llm default)")))
                .extract().jsonPath().getDouble("evaluation.memory.kvCacheBytesPerTokenPerDevice");
        body.put("runtime", "vllm");
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200)
                .body("evaluation.memory.kvCacheBytesPerTokenPerDevice", closeTo(2 * fp8, 1e-6 * fp8))
                .body("assumptions", hasItem(containsString("KV cache in bf16 (the vllm default: its kv_cache_dtype auto")));
        body.put("kvCacheFormat", "fp8");
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200)
                .body("evaluation.memory.kvCacheBytesPerTokenPerDevice", closeTo(fp8, 1e-6 * fp8));
    }

    @Test
    void gaudiAnswersUnderIntelsRuntimeQuoteItsOwnBandAndItsMesh() {
        // Intel's Gaudi 2 table (catalog V69): Llama 2 70B fp8 on 2 cards of an HLS-Gaudi2, static batches; a pair of cards shares 3 of
        // each card's 21 scale-up ports.
        Map<String, Object> body = new java.util.HashMap<>(Map.of("modelId", "llama-2-70b", "weightFormat", "fp8", "runtime", "intel-gaudi",
                "cluster", Map.of("systemId", "intel-hls-gaudi2", "devices", 2),
                "workload", Map.of("arrival", "offline", "inputTokens", Map.of("distribution", "fixed", "tokens", 2048),
                        "outputTokens", Map.of("distribution", "fixed", "tokens", 128), "simulatedRequests", 95),
                "configuration", Map.of("tensorParallel", 2, "replicas", 1, "maxSequences", 95, "maxBatchedTokens", 8192)));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200)
                .body("errorBands.category", hasItems("gaudi-serving-throughput"))
                .body("errorBands.find { it.category == 'gaudi-serving-throughput' }.cases", greaterThan(0))
                .body("assumptions", hasItem(containsString("Intel's Gaudi software")))
                .body("assumptions", hasItem(containsString("full mesh of 8 devices")));
        // One card has no collective to run: no link to name.
        body.put("cluster", Map.of("acceleratorId", "intel-gaudi2", "devices", 1));
        body.put("modelId", "llama-2-7b");
        body.put("configuration", Map.of("tensorParallel", 1, "replicas", 1, "maxSequences", 94, "maxBatchedTokens", 8192));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(200);
    }

    @Test
    void searchesTheFewestDevicesThatMeetTheObjectivesAndSavesTheAnswer() {
        Map<String, Object> body = llama70bOnFourH100(8);
        body.put("cluster", Map.of("systemId", "nvidia-dgx-h100", "devices", 16));
        body.put("objectives", Map.of("ttftP99Seconds", 1.0, "tpotP50Seconds", 0.05));
        body.put("search", Map.of("maxSequences", List.of(64, 256), "maxBatchedTokens", List.of(2048, 8192), "disaggregated", false));
        String id = given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans")
                .then().statusCode(201)
                .header("Location", containsString("/v1/serving-plans/"))
                .body("plans", not(empty()))
                .body("plans[0].meetsObjectives", equalTo(true))
                .body("plans[0].mode", equalTo("colocated"))
                .body("plans[0].latency.ttft.p99Seconds", lessThanOrEqualTo(1.0))
                .body("plans[0].latency.tpot.p50Seconds", lessThanOrEqualTo(0.05))
                .body("plans[0].deployment.devices", lessThanOrEqualTo(16))
                .body("paretoFrontier", not(empty()))
                .body("evaluatedConfigurations", greaterThan(4))
                .body("whyNone", equalTo(null))
                .extract().path("id");
        int devices = given().get("/v1/serving-plans/" + id).then().statusCode(200).body("id", equalTo(id)).extract().path("plans[0].deployment.devices");
        // The next smaller deployment of the same shape misses an objective.
        Map<String, Object> fewer = llama70bOnFourH100(8);
        fewer.put("cluster", Map.of("systemId", "nvidia-dgx-h100", "devices", 16));
        fewer.put("objectives", Map.of("ttftP99Seconds", 1.0, "tpotP50Seconds", 0.05));
        Map<String, Object> best = given().get("/v1/serving-plans/" + id).then().extract().path("plans[0].deployment");
        int t = (Integer) best.get("tensorParallel");
        int replicas = (Integer) best.get("replicas");
        if (replicas > 1) {
            fewer.put("configuration", Map.of("tensorParallel", t, "replicas", replicas - 1, "maxSequences", best.get("maxSequences"),
                    "maxBatchedTokens", best.get("maxBatchedTokens")));
            given().contentType(ContentType.JSON).body(fewer).post("/v1/serving-plans/evaluate")
                    .then().statusCode(200).body("evaluation.meetsObjectives", equalTo(false));
        }
        org.junit.jupiter.api.Assertions.assertTrue(devices >= 4);
    }

    @Test
    void objectivesNoDeploymentMeetsAreAnAnswerNotAnError() {
        Map<String, Object> body = llama70bOnFourH100(8);
        body.put("objectives", Map.of("ttftP50Seconds", 0.001));
        body.put("search", Map.of("maxSequences", List.of(256), "maxBatchedTokens", List.of(8192)));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans")
                .then().statusCode(201)
                .body("plans", empty())
                .body("closest", not(empty()))
                .body("closest[0].violations[0]", startsWith("ttftP50Seconds"))
                .body("whyNone", containsString("ttftP50Seconds"))
                .body("notFitting", hasItem(startsWith("1-way")));
    }

    @Test
    void badInputIsNamed() {
        Map<String, Object> noRate = llama70bOnFourH100(1);
        noRate.put("workload", Map.of("arrival", "poisson", "inputTokens", fixed(100), "outputTokens", fixed(100)));
        given().contentType(ContentType.JSON).body(noRate).post("/v1/serving-plans")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.path", hasItem("workload.requestsPerSecond"));

        Map<String, Object> negative = llama70bOnFourH100(1);
        negative.put("workload", Map.of("arrival", "offline", "trace", List.of(Map.of("inputTokens", -5, "outputTokens", 10))));
        given().contentType(ContentType.JSON).body(negative).post("/v1/serving-plans")
                .then().statusCode(400).body("violations.path", hasItem(containsString("inputTokens")));

        Map<String, Object> tooLong = llama70bOnFourH100(1);
        tooLong.put("workload", Map.of("arrival", "offline", "inputTokens", fixed(200_000), "outputTokens", fixed(100)));
        given().contentType(ContentType.JSON).body(tooLong).post("/v1/serving-plans")
                .then().statusCode(400).body("violations.path", hasItem("workload.inputTokens"))
                .body("detail", containsString("context"));

        Map<String, Object> tooMany = llama70bOnFourH100(1);
        tooMany.put("configuration", Map.of("tensorParallel", 8, "replicas", 4, "maxSequences", 256, "maxBatchedTokens", 8192));
        given().contentType(ContentType.JSON).body(tooMany).post("/v1/serving-plans/evaluate")
                .then().statusCode(400).body("violations.path", hasItem("configuration.replicas"));

        Map<String, Object> doesNotFit = llama70bOnFourH100(1);
        doesNotFit.put("configuration", Map.of("tensorParallel", 1, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192));
        given().contentType(ContentType.JSON).body(doesNotFit).post("/v1/serving-plans/evaluate")
                .then().statusCode(422).body("violations.path", hasItem("configuration.tensorParallel"))
                .body("detail", containsString("GB per device"));

        Map<String, Object> fp8OnA100 = llama70bOnFourH100(1);
        fp8OnA100.put("cluster", Map.of("systemId", "nvidia-dgx-a100-80gb", "devices", 8));
        fp8OnA100.put("weightFormat", "fp8");
        given().contentType(ContentType.JSON).body(fp8OnA100).post("/v1/serving-plans")
                .then().statusCode(422).body("violations.path", hasItem("weightFormat"));

        given().contentType(ContentType.JSON).body(Map.of("modelId", "llama-3.1-70b", "cluster", Map.of("systemId", "nvidia-dgx-h100", "devices", 8),
                "workload", Map.of("arrival", "sometimes", "inputTokens", fixed(10), "outputTokens", fixed(10)))).post("/v1/serving-plans")
                .then().statusCode(400).body("violations.path", hasItem("workload.arrival"));
    }

    /**
     * NVIDIA's FP4 checkpoints on Blackwell: NVFP4 linear layers at the FP4 peak (catalog V83), the cache in fp8 under TensorRT-LLM, so
     * Llama 3.1 70B's weights take 0.5625 of fp8's bytes on one B200; an H100 has no FP4 mode. Decoding 256 sequences reads those weights
     * through FP4 GEMMs that stream at Gemm.BLACKWELL_FP4_STREAM_SHARE of the bandwidth (memory-bound FP4 GEMMs on a B200, ledger fp4s-88,
     * -89, fp4-34), so a token takes about as long as in fp8 — no more than 0.5625 ÷ 0.412 of it, no less than 0.8 of it (what full-rate
     * streaming of the smaller weights would give). TensorRT-LLM's published B200 FP4 cells (ledger srv-19 … srv-110) are the costing
     * validation's held-out serving-throughput cases.
     */
    @Test
    void fp4WeightsServeOnBlackwellWithAnFp8Cache() {
        Map<String, Object> body = llama70bOnFourH100(4);
        body.put("cluster", Map.of("systemId", "nvidia-dgx-b200", "devices", 8));
        body.put("configuration", Map.of("tensorParallel", 1, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192));
        body.put("weightFormat", "fp4");
        var fp4 = given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(200)
                .body("assumptions", hasItem(containsString("KV cache in fp8")))
                .body("assumptions", hasItem(containsString("fp4 as NVFP4"))).extract();
        body.put("weightFormat", "fp8");
        var fp8 = given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(200).extract();
        double fp4Tpot = fp4.<Number>path("evaluation.latency.tpot.p50Seconds").doubleValue();
        double fp8Tpot = fp8.<Number>path("evaluation.latency.tpot.p50Seconds").doubleValue();
        org.junit.jupiter.api.Assertions.assertTrue(fp4Tpot > 0.8 * fp8Tpot && fp4Tpot < 0.5625 / Gemm.BLACKWELL_FP4_STREAM_SHARE * fp8Tpot,
                fp4Tpot + " s vs " + fp8Tpot + " s per output token");
        double fp4Weights = fp4.<Number>path("evaluation.memory.weightBytesPerDevice").doubleValue();
        double fp8Weights = fp8.<Number>path("evaluation.memory.weightBytesPerDevice").doubleValue();
        org.junit.jupiter.api.Assertions.assertTrue(fp4Weights < 0.65 * fp8Weights, fp4Weights + " vs " + fp8Weights + " weight bytes");
        // A mixture of experts quotes the band of TensorRT-LLM's MoE runs (costing's moe-serving-throughput: one-GPU FP4 Qwen3-30B-A3B
        // and Llama 4 Scout on B200 and GB200, ledger moe-190 … -228: a median 16 % off, the small-expert Qwen3 cells still 30–130 % fast),
        // not the dense models' (7 %).
        body.put("modelId", "qwen3-30b-a3b");
        body.put("weightFormat", "fp4");
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(200)
                .body("errorBands.category", hasItem("moe-serving-throughput"))
                .body("errorBands.find { it.category == 'moe-serving-throughput' }.medianAbsoluteErrorPercent", greaterThan(10.0));
        Map<String, Object> onHopper = llama70bOnFourH100(1);
        onHopper.put("weightFormat", "fp4");
        given().contentType(ContentType.JSON).body(onHopper).post("/v1/serving-plans")
                .then().statusCode(422).body("violations.path", hasItem("weightFormat"));
    }

    @Test
    void disaggregatedPoolsAreEvaluatedAndSearched() {
        // Long prompts (4,000 tokens) and short answers: a prefill pool and a decode pool in one DGX H100.
        Map<String, Object> body = llama8bFp8(Map.of("systemId", "nvidia-dgx-h100", "devices", 8), 6, 4000, 200, 400);
        // Whole prompts in one iteration stall co-located decodes: a 20 ms p99 token gap favours split pools.
        body.put("objectives", Map.of("ttftP99Seconds", 2.0, "itlP99Seconds", 0.02));
        body.put("configuration", Map.of("tensorParallel", 1, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192,
                "prefillPool", Map.of("tensorParallel", 1, "replicas", 1, "maxBatchedTokens", 8192)));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200)
                .body("evaluation.mode", equalTo("disaggregated"))
                .body("evaluation.totalDevices", equalTo(2))
                .body("evaluation.prefillPool.deployment.devices", equalTo(1))
                .body("evaluation.kvTransferSeconds", greaterThan(0.0))
                .body("assumptions", hasItem(startsWith("disaggregated serving")));
        body.remove("configuration");
        body.put("search", Map.of("tensorParallel", 1, "maxSequences", List.of(64, 256), "maxBatchedTokens", List.of(8192)));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans")
                .then().statusCode(201)
                .body("plans[0].mode", equalTo("disaggregated"))
                .body("plans.totalDevices", everyItem(lessThanOrEqualTo(8)));
        Map<String, Object> tooMany = new HashMap<>(body);
        tooMany.remove("search");
        tooMany.put("configuration", Map.of("tensorParallel", 4, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192,
                "prefillPool", Map.of("tensorParallel", 8, "replicas", 1, "maxBatchedTokens", 8192)));
        given().contentType(ContentType.JSON).body(tooMany).post("/v1/serving-plans/evaluate")
                .then().statusCode(400).body("violations.path", hasItem("configuration.prefillPool.replicas"));
    }

    @Test
    void aModelLargerThanANodeIsPipelinedAcrossNodesOverTheirNetwork() {
        // Llama 3.1 405B in bf16 (811 GB) does not fit one DGX H100 (8 × 80 GB): two nodes, 8-way tensor × 2 stages.
        Map<String, Object> body = new HashMap<>();
        body.put("modelId", "llama-3.1-405b");
        body.put("cluster", Map.of("systemId", "nvidia-dgx-h100", "devices", 16));
        body.put("weightFormat", "bf16");
        body.put("workload", Map.of("arrival", "poisson", "requestsPerSecond", 1, "inputTokens", fixed(1000), "outputTokens", fixed(200),
                "simulatedRequests", 200));
        body.put("search", Map.of("maxSequences", List.of(64), "maxBatchedTokens", List.of(8192)));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans")
                .then().statusCode(201)
                .body("plans[0].deployment.tensorParallel", equalTo(8))
                .body("plans[0].deployment.pipelineParallel", equalTo(2))
                .body("plans[0].totalDevices", equalTo(16))
                .body("notFitting", hasItem(startsWith("8-way tensor × 1-stage")));
        body.remove("search");
        body.put("cluster", Map.of("systemId", "nvidia-hgx-h200-8gpu", "devices", 16));
        body.put("configuration", Map.of("tensorParallel", 8, "pipelineParallel", 2, "replicas", 1, "maxSequences", 64, "maxBatchedTokens", 8192));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(422).body("violations.path", hasItem("configuration.pipelineParallel"));
    }

    @Test
    void replicasNeedNoNetworkBetweenNodes() {
        // An HGX H200 system names no link between its nodes: two of them still serve, each replica inside one node.
        Map<String, Object> body = llama70bOnFourH100(2);
        body.put("cluster", Map.of("systemId", "nvidia-hgx-h200-8gpu", "devices", 16));
        body.put("configuration", Map.of("tensorParallel", 8, "replicas", 2, "maxSequences", 256, "maxBatchedTokens", 8192));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200).body("evaluation.deployment.devices", equalTo(16));
    }

    /** {@code modelId} in fp8 on {@code devices} of {@code systemId}, {@code requests} offline requests of fixed lengths. */
    static Map<String, Object> offlineFp8(String modelId, String systemId, int devices, int input, int output, int requests) {
        Map<String, Object> body = new HashMap<>();
        body.put("modelId", modelId);
        body.put("cluster", Map.of("systemId", systemId, "devices", devices));
        body.put("weightFormat", "fp8");
        body.put("workload", Map.of("arrival", "offline", "inputTokens", fixed(input), "outputTokens", fixed(output), "simulatedRequests", requests));
        return body;
    }

    @Test
    void aMixtureOfExpertsIsServedWithItsExpertsSplitByTensorParallelism() {
        Map<String, Object> body = offlineFp8("mixtral-8x7b", "nvidia-dgx-h100", 2, 1000, 1000, 500);
        body.put("configuration", Map.of("tensorParallel", 2, "replicas", 1, "maxSequences", 1024, "maxBatchedTokens", 8192));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(200)
                .body("model.activeParameters", notNullValue())
                .body("evaluation.outputTokensPerSecond", greaterThan(1000.0));
    }

    /**
     * DeepSeek-V3 in fp8 on a DGX B200, 1,000/1,000-token requests offline. Its multi-head latent attention caches one latent per
     * token that tensor parallelism does not split, so an 8-way tensor-parallel replica holds the cache of only ~690 such requests
     * (the whole latent on every rank); eight expert-parallel ranks running attention data parallel each cache their own 256
     * sequences, and decode several times the tokens on the same devices (the layout SGLang's and TensorRT-LLM's DeepSeek guides run).
     */
    @Test
    void aMixtureOfExpertsIsServedExpertParallelWithAttentionDataParallel() {
        Map<String, Object> body = offlineFp8("deepseek-v3", "nvidia-dgx-b200", 8, 1000, 1000, 1000);
        body.put("configuration", Map.of("tensorParallel", 8, "replicas", 1, "maxSequences", 2048, "maxBatchedTokens", 8192));
        var tensor = given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(200)
                .body("evaluation.deployment.expertParallel", equalTo(1)).extract();
        body.put("configuration", Map.of("tensorParallel", 1, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192, "expertParallel", 8));
        var experts = given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(200)
                .body("evaluation.deployment.expertParallel", equalTo(8))
                .body("evaluation.deployment.devices", equalTo(8))
                .body("assumptions", hasItem(containsString("runs attention data parallel")))
                // An expert-parallel answer quotes the band of the ledger's expert-parallel runs (costing's moe-ep-serving-throughput:
                // TensorRT-LLM's attention-DP MoE runs, catalog V17 and V91), not the MoE runs' at large.
                .body("errorBands.category", hasItem("moe-ep-serving-throughput")).extract();
        double tp = tensor.<Number>path("evaluation.outputTokensPerSecond").doubleValue();
        double ep = experts.<Number>path("evaluation.outputTokensPerSecond").doubleValue();
        org.junit.jupiter.api.Assertions.assertTrue(ep > 2 * tp, ep + " vs " + tp + " output tokens/s");
        // Every rank holds the attention and the dense layers whole and 1/8 of the routed experts: more weight per device than 1/8 of all.
        double tpWeights = tensor.<Number>path("evaluation.memory.weightBytesPerDevice").doubleValue();
        double epWeights = experts.<Number>path("evaluation.memory.weightBytesPerDevice").doubleValue();
        org.junit.jupiter.api.Assertions.assertTrue(epWeights > tpWeights && epWeights < 1.3 * tpWeights, epWeights + " vs " + tpWeights);

        // Disaggregated, each pool may be an expert-parallel group: Qwen3-235B-A22B on four ranks for prompts, four for tokens.
        Map<String, Object> pools = offlineFp8("qwen3-235b-a22b", "nvidia-dgx-b200", 8, 1000, 1000, 400);
        pools.put("configuration", Map.of("tensorParallel", 1, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192, "expertParallel", 4,
                "prefillPool", Map.of("tensorParallel", 1, "replicas", 1, "maxBatchedTokens", 8192, "expertParallel", 4)));
        given().contentType(ContentType.JSON).body(pools).post("/v1/serving-plans/evaluate").then().statusCode(200)
                .body("evaluation.mode", equalTo("disaggregated"))
                .body("evaluation.totalDevices", equalTo(8))
                .body("evaluation.prefillPool.deployment.expertParallel", equalTo(4))
                .body("evaluation.deployment.expertParallel", equalTo(4));

        // SGLang's DeepEP with two-batch overlap: the exchange runs under the other half-batch's compute, never slower.
        body.put("expertDispatcher", "deepep");
        body.put("expertCommunicationOverlap", true);
        var overlapped = given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate").then().statusCode(200)
                .body("assumptions", hasItem(containsString("DeepEP dispatch"))).extract();
        org.junit.jupiter.api.Assertions.assertTrue(overlapped.<Number>path("evaluation.outputTokensPerSecond").doubleValue() >= ep);
        body.remove("expertDispatcher");
        body.remove("expertCommunicationOverlap");

        // A search fixed to expert-parallel groups of 8 answers only those.
        body.remove("configuration");
        body.put("search", Map.of("expertParallel", 8, "maxSequences", List.of(256), "maxBatchedTokens", List.of(8192)));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans").then().statusCode(201)
                .body("plans.deployment.expertParallel", everyItem(equalTo(8)));
    }

    @Test
    void expertParallelismIsRefusedWhereItCannotRun() {
        Map<String, Object> dense = llama70bOnFourH100(1);
        dense.put("configuration", Map.of("tensorParallel", 1, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192, "expertParallel", 4));
        given().contentType(ContentType.JSON).body(dense).post("/v1/serving-plans/evaluate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.path", hasItem("configuration.expertParallel")).body("detail", containsString("dense"));
        Map<String, Object> denseDispatch = llama70bOnFourH100(1);
        denseDispatch.put("expertDispatcher", "deepep");
        given().contentType(ContentType.JSON).body(denseDispatch).post("/v1/serving-plans")
                .then().statusCode(400).body("violations.path", hasItem("expertDispatcher"));
        Map<String, Object> body = offlineFp8("deepseek-v3", "nvidia-dgx-b200", 8, 100, 100, 100);
        body.put("configuration", Map.of("tensorParallel", 1, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192, "expertParallel", 6));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(400).body("violations.path", hasItem("configuration.expertParallel"))
                .body("detail", containsString("256 routed experts"));
        body.put("configuration", Map.of("tensorParallel", 2, "replicas", 1, "maxSequences", 256, "maxBatchedTokens", 8192, "expertParallel", 4));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(400).body("violations.path", hasItem("configuration.expertParallel"))
                .body("detail", containsString("tensorParallel"));
        body.put("configuration", Map.of("tensorParallel", 1, "replicas", 2, "maxSequences", 256, "maxBatchedTokens", 8192, "expertParallel", 8));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans/evaluate")
                .then().statusCode(400).body("violations.path", hasItem("configuration.replicas"));
        body.remove("configuration");
        body.put("search", Map.of("expertParallel", 8, "tensorParallel", 8));
        given().contentType(ContentType.JSON).body(body).post("/v1/serving-plans")
                .then().statusCode(400).body("violations.path", hasItem("search.expertParallel"));
    }
}
