package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.model.kernel.Gemm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost endpoints on the real PostgreSQL, against the catalog's recorded answers (testing's NeighbourStubs, a global
 * test resource declared on CatalogChangeTest).
 */
@QuarkusTest
class CostApiTest {

    private static io.restassured.specification.RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    @Test
    void largeMatmulOnH100IsComputeBoundNearTheMeasuredCeiling() {
        // Ledger gemm-03: H100 SXM reaches 792.1 TFLOP/s on its best bf16 shape; 8192³ is a large, wave-friendly GEMM.
        json().body(Map.of("acceleratorId", "nvidia-h100-sxm", "m", 8192, "n", 8192, "k", 8192, "format", "bf16"))
                .post("/v1/costs/matmul")
                .then().statusCode(200)
                .body("bound", equalTo("compute"))
                .body("flops", closeTo(2.0 * 8192 * 8192 * 8192, 1))
                .body("achievedFlopsPerSecond", closeTo(792.1e12, 0.10 * 792.1e12))
                .body("utilization", lessThan(0.9))
                .body("tiling.tileM", equalTo(256))
                .body("expectedError.category", equalTo("gemm"))
                .body("expectedError.cases", greaterThan(3))
                .body("calibration.architecture", equalTo("Hopper"))
                .body("energyJoules", notNullValue())
                .body("catalog.reachable", equalTo(true));
    }

    @Test
    void tinyMatmulIsLatencyBound() {
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "m", 16, "n", 16, "k", 16, "format", "fp16"))
                .post("/v1/costs/matmul")
                .then().statusCode(200)
                .body("bound", equalTo("latency"));
    }

    @Test
    void skinnyMatmulIsMemoryBound() {
        // Decode-like GEMV: 1×8192 by 8192×8192 in bf16 reads 128 MiB of weights for 134 MFLOP.
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "m", 1, "n", 8192, "k", 8192, "format", "bf16"))
                .post("/v1/costs/matmul")
                .then().statusCode(200)
                .body("bound", equalTo("memory"))
                .body("arithmeticIntensity", lessThan(2.0));
    }

    @Test
    void tpuMatmulReportsSystolicFolds() {
        // TPU v4: 128×128 MXUs, 8 per chip (Google Cloud TPU v4 system architecture page).
        json().body(Map.of("acceleratorId", "google-tpu-v4", "m", 512, "n", 768, "k", 768, "format", "bf16"))
                .post("/v1/costs/matmul")
                .then().statusCode(200)
                .body("tiling.tileM", equalTo(128))
                .body("tiling.tiles", equalTo(36))
                .body("assumptions", hasItem(containsString("systolic 128x128 x8")));
    }

    @Test
    void rejectsFp8OnV100AndInt4OnH100With422() {
        json().body(Map.of("acceleratorId", "nvidia-v100-sxm2-32gb", "m", 1024, "n", 1024, "k", 1024, "format", "fp8"))
                .post("/v1/costs/matmul")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.path", hasItem("format"))
                .body("detail", containsString("fp16"));
        json().body(Map.of("acceleratorId", "nvidia-h100-sxm", "m", 1024, "n", 1024, "k", 1024, "format", "int4"))
                .post("/v1/costs/matmul")
                .then().statusCode(422).body("detail", containsString("no int4 mode"));
    }

    /**
     * FP4 (NVFP4/MXFP4 operands) on a B200: its 9 PFLOP/s dense peak (catalog V83) at Blackwell's FP4 share (cuBLASLt NVFP4 on a
     * B200, ledger fp4-06 … -08); about 5.8 PFLOP/s at 8192³, where torchao measured 5.37 and DeepGEMM's MXFP4 kernel 5.70 (fp4-08,
     * -11). Hopper has no FP4 mode; attention, convolutions and training do not run in fp4.
     */
    @Test
    void fp4MatmulsRunOnBlackwellOnly() {
        var b200 = json().body(Map.of("acceleratorId", "nvidia-b200", "m", 8192, "n", 8192, "k", 8192, "format", "fp4"))
                .post("/v1/costs/matmul")
                .then().statusCode(200)
                .body("assumptions", hasItem(containsString("fp4 (NVFP4/MXFP4 operands) on Blackwell")))
                .body("expectedError.category", equalTo("fp4-gemm")).extract();
        double tflops = 2.0 * 8192 * 8192 * 8192 / b200.<Number>path("timeSeconds").doubleValue() / 1e12;
        org.junit.jupiter.api.Assertions.assertTrue(tflops > 5370 * 0.9 && tflops < 5702 * 1.1, tflops + " TFLOP/s");
        // A decode GEMV in fp4 streams its weights at Blackwell's FP4 stream share: FlashInfer's CUTLASS NVFP4 GEMV at 8192² took
        // 18.85 µs on a B200 (issue #1732, ledger fp4-34), which the share is partly derived from; it quotes the fp4 GEMVs' band, and
        // the same GEMV in bf16 the bf16 GEMVs'.
        json().body(Map.of("acceleratorId", "nvidia-b200", "m", 1, "n", 8192, "k", 8192, "format", "fp4"))
                .post("/v1/costs/matmul")
                .then().statusCode(200)
                .body("timeSeconds", closeTo(18.85e-6, 0.15 * 18.85e-6))
                .body("assumptions", hasItem(containsString("operands streamed at " + Gemm.BLACKWELL_FP4_STREAM_SHARE)))
                .body("expectedError.category", equalTo("fp4-gemv"));
        json().body(Map.of("acceleratorId", "nvidia-b200", "m", 1, "n", 8192, "k", 8192, "format", "bf16"))
                .post("/v1/costs/matmul")
                .then().statusCode(200).body("expectedError.category", equalTo("gemv"));
        json().body(Map.of("acceleratorId", "nvidia-h100-sxm", "m", 1024, "n", 1024, "k", 1024, "format", "fp4"))
                .post("/v1/costs/matmul")
                .then().statusCode(422).body("violations.path", hasItem("format")).body("detail", containsString("no fp4 mode"));
        json().body(Map.of("acceleratorId", "nvidia-b200", "batch", 1, "queryLength", 1024, "keyLength", 1024, "heads", 32, "headDim", 128,
                        "format", "fp4"))
                .post("/v1/costs/attention")
                .then().statusCode(400).body("violations.path", hasItem("format")).body("detail", containsString("GEMM operands"));
        json().body(Map.of("acceleratorId", "nvidia-b200", "modelId", "llama-3-8b", "mode", "training", "batch", 8, "sequenceLength", 4096,
                        "format", "fp4", "steps", 10))
                .post("/v1/costs/models")
                .then().statusCode(400).body("violations.path", hasItem("format"));
        json().body(Map.of("acceleratorId", "nvidia-b200", "modelId", "llama-3-8b", "mode", "prefill", "batch", 1, "sequenceLength", 4096,
                        "format", "fp4"))
                .post("/v1/costs/models")
                .then().statusCode(200);
    }

    @Test
    void rejectsBadDimensionsAndUnknownIds() {
        json().body(Map.of("acceleratorId", "nvidia-h100-sxm", "m", 0, "n", -1, "k", 99_999_999_999L, "format", "bf16"))
                .post("/v1/costs/matmul")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.path", hasItem("m")).body("violations.path", hasItem("n")).body("violations.path", hasItem("k"));
        json().body(Map.of("acceleratorId", "nvidia-h999", "m", 1, "n", 1, "k", 1, "format", "bf16"))
                .post("/v1/costs/matmul")
                .then().statusCode(404).contentType("application/problem+json").body("violations.path", hasItem("acceleratorId"));
        json().body(Map.of("acceleratorId", "nvidia-h100-sxm", "m", 1, "n", 1, "k", 1, "format", "fp7"))
                .post("/v1/costs/matmul")
                .then().statusCode(400).body("violations.path", hasItem("format"));
        json().body("{\"acceleratorId\":\"nvidia-h100-sxm\",\"m\":1,\"n\":1,\"k\":1,\"format\":\"bf16\",\"colour\":1}")
                .post("/v1/costs/matmul")
                .then().statusCode(400).body("violations.path", hasItem("colour"));
    }

    /** What a fuzzing pass of the running platform found (2026-12-03): each answered as a problem naming the field. */
    @Test
    void outOfRangeNumbersImpossibleShapesAndWrongMediaTypesNameTheirField() {
        // 2^63 in a long field: Jackson's coercion failure used to reach the client as a bare "HTTP 400 Bad Request".
        json().body("{\"acceleratorId\":\"nvidia-h100-sxm\",\"m\":9223372036854775808,\"n\":8,\"k\":8,\"format\":\"bf16\"}")
                .post("/v1/costs/matmul").then().statusCode(400).contentType("application/problem+json")
                .body("violations.path", hasItem("m")).body("detail", containsString("out of range"));
        json().body("{\"acceleratorId\":\"nvidia-h100-sxm\",\"m\":NaN,\"n\":8,\"k\":8,\"format\":\"bf16\"}")
                .post("/v1/costs/matmul").then().statusCode(400).contentType("application/problem+json").body("violations.path", hasItem("body"));
        // Causal attention with more queries than keys had negative FLOPs and time.
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "batch", 1, "queryLength", 2048, "keyLength", 1, "heads", 16,
                "headDim", 128, "causal", true, "pass", "forward", "format", "bf16"))
                .post("/v1/costs/attention").then().statusCode(400).body("violations.path", hasItem("queryLength"));
        // An inline mixture of experts too large to count (its parameters overflowed 64 bits into a negative weightBytes).
        json().body("{\"acceleratorId\":\"nvidia-h100-sxm\",\"mode\":\"decode\",\"batch\":1,\"sequenceLength\":4096,\"format\":\"bf16\","
                + "\"model\":{\"name\":\"m\",\"layers\":100,\"hiddenSize\":65536,\"attentionHeads\":64,\"ffnSize\":4096,\"vocabSize\":32000,"
                + "\"mixtureOfExperts\":{\"experts\":65536,\"expertsPerToken\":2,\"expertFfnSize\":16777216}}}")
                .post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("model"))
                .body("detail", containsString("parameters"));
        // Tokens whose energy was Infinity.
        json().body(Map.of("acceleratorId", "nvidia-h100-sxm", "modelId", "llama-2-7b", "mode", "decode", "batch", 1, "sequenceLength", 4096,
                "format", "fp16", "tokens", 1e300)).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("tokens"));
        // The media types say which header to change.
        given().contentType("text/plain").body("{}").post("/v1/costs/matmul").then().statusCode(415)
                .contentType("application/problem+json").body("violations.path", hasItem("Content-Type"));
        // A comparison's workload fields are named where the client wrote them.
        json().body(Map.of("acceleratorIds", List.of("nvidia-h100-sxm", "nvidia-a100-sxm-80gb"),
                "workload", Map.of("matmul", Map.of("m", -1, "n", 1, "k", 1, "format", "bf16"))))
                .post("/v1/comparisons").then().statusCode(400).body("violations.path", hasItem("workload.matmul.m"));
    }

    @Test
    void flashAttentionBeatsStandardAtLongSequence() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "batch", 1,
                "queryLength", 16384, "keyLength", 16384, "heads", 32, "headDim", 128, "pass", "forward", "format", "bf16"));
        body.put("kernel", "flash");
        double flash = json().body(body).post("/v1/costs/attention").then().statusCode(200)
                .body("bound", equalTo("compute")).extract().<Double>path("timeSeconds").doubleValue();
        body.put("kernel", "standard");
        double standard = json().body(body).post("/v1/costs/attention").then().statusCode(200)
                .body("breakdown.operation", hasItem("attention (standard)")).extract().<Double>path("timeSeconds").doubleValue();
        org.junit.jupiter.api.Assertions.assertTrue(standard > 1.5 * flash, "standard " + standard + " vs flash " + flash);
    }

    @Test
    void gqaNeedsKvHeadsThatDivide() {
        json().body(Map.of("acceleratorId", "nvidia-h100-sxm", "batch", 1, "queryLength", 128, "keyLength", 128, "heads", 32,
                        "kvHeads", 5, "headDim", 128, "format", "bf16"))
                .post("/v1/costs/attention")
                .then().statusCode(400).body("violations.path", hasItem("kvHeads"));
    }

    @Test
    void convolutionIsAnImplicitGemm() {
        // ResNet-50 conv2_x 3×3: 64→64 channels on 56×56, batch 256: M = 256·56·56, N = 64, K = 64·9.
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "batch", 256, "inChannels", 64, "outChannels", 64,
                        "inputHeight", 56, "inputWidth", 56, "kernelHeight", 3, "kernelWidth", 3, "padding", 1, "format", "fp16"))
                .post("/v1/costs/conv2d")
                .then().statusCode(200)
                .body("flops", closeTo(2.0 * 256 * 56 * 56 * 64 * 64 * 9, 1));
    }

    /**
     * ResNet-50 v1.5 training on one A100 at NVIDIA DeepLearningExamples' batch 256: channels-first (PyTorch's default, as its TF32
     * runs) costs the tensor-core convolutions their NHWC transposes, named in the breakdown and the assumptions; the answer quotes
     * the cnn-training band (ledger cnn-*). memoryFormat on a transformer is a 400 naming it.
     */
    @Test
    void aCnnOnChannelsFirstTensorsPaysTheTransposesAroundItsTensorCoreConvolutions() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "resnet-50-v1.5",
                "mode", "training", "batch", 256, "sequenceLength", 1, "format", "tf32"));
        double last = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("expectedError.category", equalTo("cnn-training"))
                .body("assumptions", hasItem(containsString("activations channels-last (default: memoryFormat)")))
                .body("breakdown.operation", hasItem("residual adds forward and backward"))
                .body("breakdown.operation", not(hasItem(containsString("NCHW-NHWC transposes"))))
                .extract().jsonPath().getDouble("timeSeconds");
        body.put("memoryFormat", "channels-first");
        var first = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("assumptions", hasItem(containsString("each tensor-core convolution transposes its input to NHWC")))
                .body("breakdown.operation", hasItem("NCHW-NHWC transposes around the tensor-core convolutions and their gradients"))
                .extract().jsonPath();
        double transposes = first.getDouble("breakdown.find { it.operation.startsWith('NCHW-NHWC') }.timeSeconds");
        assertEquals(last + transposes, first.getDouble("timeSeconds"), 1e-9 * last);
        body.put("memoryFormat", "nchw");
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("memoryFormat"));
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "bert-large", "mode", "training", "batch", 8,
                "sequenceLength", 128, "format", "fp16", "memoryFormat", "channels-last"))
                .post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("memoryFormat"));
        // A CNN's images are its catalog input size: no sequenceLength needed; a transformer without one is a 400 naming it.
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "resnet-50-v1.5", "mode", "prefill", "batch", 64, "format", "fp16"))
                .post("/v1/costs/models").then().statusCode(200).body("expectedError.category", equalTo("cnn-inference"));
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "bert-large", "mode", "training", "batch", 8, "format", "fp16"))
                .post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("sequenceLength"));
    }

    @Test
    void anEstimateQuotesTheBandOfItsArchitectureWhereTheLedgerTestedIt() {
        // The report keeps each category per architecture: NVIDIA's Megatron-Bridge and NeMo rows on B200, GB200 and GB300
        // (ledger V14, V30) are Blackwell training hold-outs, with their own band and its coverage.
        var report = given().get("/v1/validation").then().statusCode(200).extract();
        int blackwell = report.path("regimes.find { it.category == 'training' && it.architecture == 'Blackwell' }.holdOutCases");
        org.junit.jupiter.api.Assertions.assertTrue(blackwell >= 40, "Blackwell training hold-outs " + blackwell);
        Number coverage = report.path("regimes.find { it.category == 'training' && it.architecture == 'Blackwell' }.bandCoverage");
        org.junit.jupiter.api.Assertions.assertTrue(coverage.doubleValue() >= 0.8, "coverage " + coverage);
        double p90 = report.<Number>path("regimes.find { it.category == 'training' && it.architecture == 'Blackwell' }.p90AbsoluteErrorPercent")
                .doubleValue();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-b200", "modelId", "llama-3-8b", "mode", "training",
                "batch", 2, "sequenceLength", 8192, "format", "bf16"));
        json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("expectedError.category", equalTo("training"))
                .body("expectedError.note", containsString("on Blackwell"))
                .body("expectedError.p90AbsoluteErrorPercent", closeTo(p90, 1e-9));
        // No published training run on Ada Lovelace: the answer does not claim the typical band; it quotes the category's worst.
        double worst = report.<Number>path("categories.find { it.category == 'training' }.worstAbsoluteErrorPercent").doubleValue();
        body.put("acceleratorId", "nvidia-rtx-4090");
        body.put("modelId", "gpt-3-1.3b");
        body.put("sequenceLength", 2048);
        json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("expectedError.note", containsString("no validated training case on Ada Lovelace"))
                .body("expectedError.p90AbsoluteErrorPercent", closeTo(worst, 1e-9));
        // The same bands for the services that quote them (planner's serving answers, quantization's decode notes).
        given().queryParam("acceleratorId", "nvidia-b200").get("/v1/error-bands").then().statusCode(200)
                .body("find { it.category == 'training' }.p90AbsoluteErrorPercent", closeTo(p90, 1e-9))
                .body("find { it.category == 'training' }.note", containsString("on Blackwell"));
        given().queryParam("acceleratorId", "no-such-gpu").get("/v1/error-bands").then().statusCode(greaterThanOrEqualTo(400))
                .contentType("application/problem+json").body("violations.path", hasItem("acceleratorId"));
    }

    @Test
    void bertLargeTrainingBreakdownAddsUpToTheTotal() {
        Map<String, Object> body = Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "bert-large", "mode", "training",
                "batch", 256, "sequenceLength", 128, "format", "fp16", "steps", 1000);
        var response = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("run.steps", equalTo(1000))
                .body("run.sequencesPerSecond", greaterThan(100.0))
                // An encoder quotes the band of NVIDIA's BERT pretraining tables (ledger bertp-*, bert-13, bert-14), not the decoders'.
                .body("expectedError.category", equalTo("encoder-training"))
                .body("expectedError.note", containsString("on Ampere"))
                .extract();
        List<Double> times = response.path("breakdown.timeSeconds");
        double sum = times.stream().mapToDouble(Double::doubleValue).sum();
        double total = response.path("timeSeconds");
        assertEquals(total, sum, total * 1e-4);
        double totalTime = response.path("run.totalTimeSeconds");
        assertEquals(1000 * total, totalTime, totalTime * 1e-4);
        // The run's totals beside the per-step figures, named as totals (issue 21): a 1,000-step run costs 1,000 steps.
        double runTime = response.path("runTimeSeconds");
        assertEquals(totalTime, runTime, 0);
        Double stepCost = response.path("costUsd");
        Double runCost = response.path("runCostUsd");
        if (stepCost != null) {
            assertEquals(1000 * stepCost, runCost, runCost * 1e-3);
        }
    }

    @Test
    void trainingOnAClusterPricesTheGradientReductionByTheCollectiveModel() {
        // 16 DGX H100 nodes (catalog system: 8 GPUs on NVSwitch, 8 InfiniBand NDR ports each): rings cross the nodes.
        Map<String, Object> dgx = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-h100-sxm", "modelId", "bert-large", "mode", "training",
                "batch", 4096, "sequenceLength", 128, "format", "bf16", "cluster", Map.of("systemId", "nvidia-dgx-h100", "devices", 128)));
        json().body(dgx).post("/v1/costs/models").then().statusCode(200)
                .body("run.devices", equalTo(128))
                .body("assumptions", hasItem(containsString("16 nodes of 8")))
                .body("assumptions", hasItem(containsString("by ring across nodes")));
        // A TPU v4 cube: per-axis rings on the 4x4x4 torus, and the update sharded over the replicas by default on a TPU.
        Map<String, Object> tpu = Map.of("acceleratorId", "google-tpu-v4", "modelId", "bert-large", "mode", "training", "batch", 1024,
                "sequenceLength", 128, "format", "bf16", "cluster", Map.of("systemId", "google-tpu-v4-128", "devices", 64));
        json().body(tpu).post("/v1/costs/models").then().statusCode(200)
                .body("expectedError.category", equalTo("tpu-training"))
                .body("assumptions", hasItem(containsString("torus [4, 4, 4]")))
                .body("assumptions", hasItem(containsString("weight update is sharded")))
                .body("breakdown.operation", hasItem("optimizer step (1/64 of the weights per replica)"));
        // What does not fit is a 400 naming the field.
        Map<String, Object> wrongSystem = new java.util.HashMap<>(dgx);
        wrongSystem.put("acceleratorId", "nvidia-a100-sxm-80gb");
        json().body(wrongSystem).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("cluster.systemId"));
        Map<String, Object> decode = new java.util.HashMap<>(dgx);
        decode.put("mode", "decode");
        json().body(decode).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("cluster"));
        Map<String, Object> twice = new java.util.HashMap<>(dgx);
        twice.put("devices", 64);
        json().body(twice).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("cluster.devices"));
        Map<String, Object> badSlice = Map.of("acceleratorId", "google-tpu-v4", "modelId", "bert-large", "mode", "training", "batch", 1024,
                "sequenceLength", 128, "format", "bf16", "cluster", Map.of("devices", 64, "intraNodeLinkId", "tpu-ici-v4", "torusShape", List.of(4, 4, 2)));
        json().body(badSlice).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("cluster.torusShape"));
    }

    @Test
    void decodeIsBandwidthBoundAndReportsTheKvCache() {
        // Llama-2-7B: 32 layers, 32 KV heads of 128 (Touvron et al. 2023): KV cache = 2·32·32·128·2 bytes = 512 KiB per token.
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "llama-2-7b", "mode", "decode", "batch", 1,
                        "sequenceLength", 1024, "format", "fp16"))
                .post("/v1/costs/models")
                .then().statusCode(200)
                .body("bound", equalTo("memory"))
                .body("run.kvCacheBytes", closeTo(1024.0 * 2 * 32 * 32 * 128 * 2, 1))
                .body("run.fitsInMemory", equalTo(true));
    }

    @Test
    void modelNeedsExactlyOneOfModelIdAndShape() {
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "mode", "training", "batch", 8, "sequenceLength", 128, "format", "fp16"))
                .post("/v1/costs/models")
                .then().statusCode(400).body("violations.path", hasItem("modelId"));
        json().body(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "no-such-model", "mode", "training", "batch", 8,
                        "sequenceLength", 128, "format", "fp16"))
                .post("/v1/costs/models")
                .then().statusCode(404).body("violations.path", hasItem("modelId"));
    }

    @Test
    void comparisonRanksAndIsSavedAndListsDevicesThatCannotRunIt() {
        Map<String, Object> request = Map.of(
                "acceleratorIds", List.of("nvidia-v100-sxm2-32gb", "nvidia-a100-sxm-80gb", "nvidia-h100-sxm", "google-tpu-v4"),
                "workload", Map.of("model", Map.of("modelId", "bert-large", "mode", "training", "batch", 256, "sequenceLength", 128,
                        "format", "bf16")));
        var created = json().header("X-API-Key", "alice-key").body(request).post("/v1/comparisons")
                .then().statusCode(201)
                .header("Location", containsString("/v1/comparisons/"))
                .body("byTime[0]", equalTo("nvidia-h100-sxm"))
                .body("skipped.acceleratorId", hasItem("nvidia-v100-sxm2-32gb"))
                .body("skipped.reason", everyItem(containsString("no bf16 mode")))
                .extract();
        String id = created.path("id");
        given().get("/v1/comparisons/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("entries.acceleratorId", hasItem("google-tpu-v4"))
                .body("byCost", hasItem("google-tpu-v4"));
        given().get("/v1/comparisons/not-a-uuid").then().statusCode(400);
        given().get("/v1/comparisons/" + java.util.UUID.randomUUID()).then().statusCode(404);
        // Saved comparisons are listed (newest first, one paging shape) and deleted like plans and estimates.
        given().header("X-API-Key", "alice-key").queryParam("pageSize", 200).get("/v1/comparisons").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("page", equalTo(1));
        given().header("X-API-Key", "alice-key").delete("/v1/comparisons/" + id).then().statusCode(204);
        given().get("/v1/comparisons/" + id).then().statusCode(404);
        given().header("X-API-Key", "alice-key").queryParam("pageSize", 200).get("/v1/comparisons").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().header("X-API-Key", "alice-key").queryParam("page", Integer.MAX_VALUE).get("/v1/comparisons").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void gpusWithoutADevicePriceArePricedFromTheCheapestCatalogInstance() {
        // Catalog seed V4: lambda-8x-h100-sxm at 31.92 USD/h for 8 H100 SXM (Lambda on-demand), cheaper per device than
        // aws-p5-48xlarge (55.04/8), gcp-a3-highgpu-8g (88.49/8) and azure-nd-h100-v5 (98.32/8).
        Map<String, Object> workload = Map.of("matmul", Map.of("m", 8192, "n", 8192, "k", 8192, "format", "bf16"));
        json().body(Map.of("acceleratorIds", List.of("nvidia-h100-sxm", "google-tpu-v4"), "workload", workload))
                .post("/v1/comparisons").then().statusCode(201)
                .body("entries.find { it.acceleratorId == 'nvidia-h100-sxm' }.cloudPriceUsdPerHour", closeTo(31.92 / 8, 1e-9))
                .body("entries.find { it.acceleratorId == 'nvidia-h100-sxm' }.costUsd", notNullValue())
                .body("entries.find { it.acceleratorId == 'nvidia-h100-sxm' }.estimate.assumptions",
                        hasItem(containsString("lambda-8x-h100-sxm")))
                // TPU v4 has its own per-chip price in the catalog (3.22 USD/h, Google Cloud): used as is.
                .body("entries.find { it.acceleratorId == 'google-tpu-v4' }.cloudPriceUsdPerHour", closeTo(3.22, 1e-9))
                .body("byCost.size()", equalTo(2));
    }

    @Test
    void comparisonTakesIdsOrAFilterAndReadsAnEmptyFilterBesideIdsAsNone() {
        Map<String, Object> workload = Map.of("matmul", Map.of("m", 4096, "n", 4096, "k", 4096, "format", "bf16"));
        // Generated SDKs send "filter": {} for a filter the caller never set.
        json().body(Map.of("acceleratorIds", List.of("nvidia-h100-sxm"), "filter", Map.of(), "workload", workload))
                .post("/v1/comparisons").then().statusCode(201).body("entries.acceleratorId", equalTo(List.of("nvidia-h100-sxm")));
        json().body(Map.of("acceleratorIds", List.of("nvidia-h100-sxm"), "filter", Map.of("vendor", "NVIDIA"), "workload", workload))
                .post("/v1/comparisons").then().statusCode(400).body("violations.path", hasItem("acceleratorIds"));
        json().body(Map.of("workload", workload))
                .post("/v1/comparisons").then().statusCode(400).body("violations.path", hasItem("acceleratorIds"));
    }

    @Test
    void validationReportsPredictedAgainstMeasured() {
        given().get("/v1/validation").then().statusCode(200)
                .body("cases.find { it.measurementId == 'gemm-01' }.usedForCalibration", equalTo(true))
                .body("cases.find { it.measurementId == 'gemm-09' }.errorPercent", notNullValue())
                .body("categories.category", hasItem("gemm"))
                // Megatron-LM's Selene runs are cases (MegatronLmRuns); torchtitan's power-capped FSDP runs are not expressible.
                .body("cases.find { it.measurementId == 'train-01' }.category", equalTo("training"))
                .body("notExpressible.measurementId", hasItem("train-09"))
                // Leave-one-out: the share of held-out cases inside the p90 band the others set.
                .body("categories.find { it.category == 'attention' }.bandCoverage", greaterThan(0.5))
                .body("categories.find { it.category == 'gemm' }.bandCoverage", notNullValue());
    }

    @Test
    void attentionKernelsAreNamedAndRunOnlyWhereTheyExist() {
        Map<String, Object> h100 = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-h100-sxm", "batch", 1, "queryLength", 16384,
                "keyLength", 16384, "heads", 16, "headDim", 128, "format", "bf16"));
        h100.put("kernel", "flash-attention-3");
        double fa3 = json().body(h100).post("/v1/costs/attention").then().statusCode(200)
                .body("assumptions", hasItem(containsString("special-function units"))).extract().<Number>path("timeSeconds").doubleValue();
        h100.put("kernel", "flash-attention-2");
        double fa2 = json().body(h100).post("/v1/costs/attention").then().statusCode(200).extract().<Number>path("timeSeconds").doubleValue();
        // FA3 paper, H100 SXM5, head dim 128, 16k tokens, forward: FA2 370 vs FA3 648 TFLOP/s (ledger attn-23, attn-24).
        assertEquals(648.0 / 370, fa2 / fa3, 648.0 / 370 * 0.15);
        Map<String, Object> a100 = new java.util.HashMap<>(h100);
        a100.put("acceleratorId", "nvidia-a100-sxm-80gb");
        a100.put("kernel", "flash-attention-3");
        json().body(a100).post("/v1/costs/attention").then().statusCode(422)
                .body("violations.path", hasItem("kernel"))
                .body("detail", containsString("flash-attention-2"));
        json().body(Map.of("acceleratorId", "nvidia-v100-sxm2-32gb", "modelId", "bert-large", "mode", "training", "batch", 32,
                        "sequenceLength", 128, "format", "fp16", "attentionKernel", "cudnn"))
                .post("/v1/costs/models").then().statusCode(422).body("violations.path", hasItem("attentionKernel"));
    }

    @Test
    void kernelsFromBeforeFlashAttention2AreCostedAtTheirOwnCeilings() {
        // FA2 paper's A100 figure, forward+backward, head dim 128 at 16k tokens, non-causal: FlashAttention (v1) 83, xFormers 98,
        // the Triton port 95, FlashAttention-2 203 TFLOP/s (ledger attn-59, attn-63, attn-65, and attn-56 held out).
        Map<String, Object> a100 = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "batch", 1, "queryLength", 16384,
                "keyLength", 16384, "heads", 16, "headDim", 128, "format", "bf16", "pass", "forward-backward"));
        double flops = 3.5 * 4.0 * 16384 * 16384 * 16 * 128;
        Map<String, Double> measured = Map.of("flash-attention-1", 83.0, "xformers", 98.0, "triton", 95.0, "flash-attention-2", 203.0);
        for (Map.Entry<String, Double> kernel : measured.entrySet()) {
            a100.put("kernel", kernel.getKey());
            double seconds = json().body(a100).post("/v1/costs/attention").then().statusCode(200)
                    .body("assumptions", hasItem(containsString(kernel.getKey() + " kernel"))).extract().<Number>path("timeSeconds").doubleValue();
            assertEquals(kernel.getValue(), flops / seconds / 1e12, 0.20 * kernel.getValue(), kernel.getKey());
        }
        // Neither FlashAttention (v1) nor the Triton port ever ran on Volta; xFormers' CUTLASS kernel does.
        Map<String, Object> v100 = new java.util.HashMap<>(a100);
        v100.put("acceleratorId", "nvidia-v100-sxm2-32gb");
        v100.put("format", "fp16");
        v100.put("kernel", "triton");
        json().body(v100).post("/v1/costs/attention").then().statusCode(422)
                .body("violations.path", hasItem("kernel")).body("detail", containsString("xformers"));
        v100.put("kernel", "xformers");
        json().body(v100).post("/v1/costs/attention").then().statusCode(200)
                .body("assumptions", hasItem(containsString("no published xformers measurement on Volta")));
        v100.put("kernel", "flash-attention-4");
        json().body(v100).post("/v1/costs/attention").then().statusCode(400).body("violations.path", hasItem("kernel"));
    }

    @Test
    void decodeRunsUnderANamedRuntime() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "llama-2-7b", "mode", "decode",
                "batch", 1, "sequenceLength", 128, "format", "bf16", "runtime", "hf-transformers"));
        // Eager Hugging Face generate() is host-bound: about 40 ms a token for 32 layers on any recent GPU (ledger dec-49, dec-56).
        json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("run.tokensPerSecond", closeTo(25.0, 2.5))
                .body("breakdown.operation", hasItem(containsString("host dispatch")))
                .body("assumptions", hasItem(containsString("runtime: hf-transformers")));
        body.put("runtime", "gpt-fast");
        json().body(body).post("/v1/costs/models").then().statusCode(200).body("run.tokensPerSecond", greaterThan(80.0));
        // llama.cpp without CUDA graphs: the April 2024 graph runtime's kernels plus 18.1 µs of launches per layer per token (ledger
        // pairs dec-23/24, dec-25/26): 32 × 18.1 µs = 0.58 ms more per token than with graphs.
        body.put("runtime", "llama-cpp-2024");
        double graphs = json().body(body).post("/v1/costs/models").then().statusCode(200).extract().<Number>path("timeSeconds").doubleValue();
        body.put("runtime", "llama-cpp-no-cuda-graphs");
        double launches = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("breakdown.operation", hasItem(containsString("kernel launches from the host")))
                .extract().<Number>path("timeSeconds").doubleValue();
        org.junit.jupiter.api.Assertions.assertEquals(32 * 18.10e-6, launches - graphs, 1e-9);
        // On an A100 both graph builds are held by llama.cpp's mat-vec bytes per SM-clock (4.905 B × 108 SMs × 1.41 GHz = 747 GB/s,
        // ledger dec-73/79/81), not by their kernels' speed; the answer names the bound.
        body.put("runtime", "llama-cpp");
        double current = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("breakdown.operation", hasItem(containsString("llama.cpp mat-vec memory parallelism")))
                .extract().<Number>path("timeSeconds").doubleValue();
        org.junit.jupiter.api.Assertions.assertEquals(graphs, current, 1e-12);
        // On an RTX 4090 (GDDR6X, under the bound) 2025 builds (llama.cpp's scoreboard, dec-68/71) run the same kernels 1.26× faster
        // than the April 2024 ones (the ratio of the two shares DecodeRuntimesTest derives: 1.0115 / 0.8028).
        body.put("acceleratorId", "nvidia-rtx-4090");
        double current4090 = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("breakdown.operation", not(hasItem(containsString("llama.cpp mat-vec memory parallelism"))))
                .extract().<Number>path("timeSeconds").doubleValue();
        body.put("runtime", "llama-cpp-2024");
        double graphs4090 = json().body(body).post("/v1/costs/models").then().statusCode(200).extract().<Number>path("timeSeconds").doubleValue();
        org.junit.jupiter.api.Assertions.assertEquals(1.0115 / 0.8028, graphs4090 / current4090, 0.01);
        body.put("acceleratorId", "nvidia-a100-sxm-80gb");
        body.put("runtime", "llama-cpp");
        body.put("mode", "training");
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("runtime"));
        body.put("mode", "decode");
        body.put("runtime", "ollama");
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("runtime"));
    }

    @Test
    void llamaCppPromptProcessingRunsAtItsRatePerSmClock() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-rtx-5090", "modelId", "llama-2-7b", "mode", "prefill",
                "batch", 1, "sequenceLength", 512, "format", "fp16", "runtime", "llama-cpp", "attentionKernel", "standard"));
        // llama.cpp's CUDA scoreboard (discussion #15013, read 2026-12-02): pp512 of Llama 2 7B Q4_0 on an RTX 5090, 14,073 tokens/s
        // (ledger pre-01, held out of the derivation); the category's hold-out p90 is 21 %.
        json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("run.tokensPerSecond", closeTo(14073.41, 0.21 * 14073.41))
                .body("expectedError.category", equalTo("llama-cpp-prefill"))
                .body("assumptions", hasItem(containsString("runtime: llama-cpp")))
                .body("assumptions", hasItem(containsString("4.500 bits per parameter")));
        // An H100 runs pp512 no faster than a big GeForce card (the scoreboard's H100 80 GB: 9,918 tokens/s): llama.cpp's MMQ follows
        // SMs × clock, not the tensor peak the kernels' prefill is priced at.
        body.put("acceleratorId", "nvidia-h100-sxm");
        double llamaCpp = json().body(body).post("/v1/costs/models").then().statusCode(200).extract().<Number>path("run.tokensPerSecond").doubleValue();
        body.remove("runtime");
        double kernels = json().body(body).post("/v1/costs/models").then().statusCode(200).extract().<Number>path("run.tokensPerSecond").doubleValue();
        org.junit.jupiter.api.Assertions.assertTrue(kernels > 3 * llamaCpp, "kernels " + kernels + " vs llama.cpp " + llamaCpp);
        // On Apple silicon it is the Metal backend: discussion #4167's M2 Max 38-core, Q4_0, pp512 671.31 tokens/s (ledger aplp-07,
        // held out).
        body.put("runtime", "llama-cpp");
        body.put("acceleratorId", "apple-m2-max-38c");
        json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("run.tokensPerSecond", closeTo(671.31, 0.15 * 671.31))
                .body("assumptions", hasItem(containsString("runs as llama-cpp-metal")));
        // Devices it is not modelled on are a 422 naming runtime: a TPU, an AMD GPU, a Pascal part without dp4a (GP100).
        for (String id : List.of("google-tpu-v4", "nvidia-p100-pcie-16gb", "amd-mi300x")) {
            body.put("acceleratorId", id);
            body.put("format", "google-tpu-v4".equals(id) ? "bf16" : "nvidia-p100-pcie-16gb".equals(id) ? "fp32" : "fp16");
            json().body(body).post("/v1/costs/models").then().statusCode(422).contentType("application/problem+json")
                    .body("violations.path", hasItem("runtime"));
        }
        body.put("acceleratorId", "nvidia-rtx-5090");
        body.put("format", "fp16");
        // Other runtimes are decode-only; llama.cpp has no sparse kernels; the KV-cache bits are a decode field.
        body.put("runtime", "hf-transformers");
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("runtime"));
        body.put("runtime", "llama-cpp");
        body.put("sparsity", Map.of("pattern", "2:4"));
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("sparsity"));
        body.remove("sparsity");
        body.put("kvCacheBitsPerElement", 8);
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("kvCacheBitsPerElement"));
        body.remove("kvCacheBitsPerElement");
        // Weight bits are read with llama.cpp's prefill, and refused in the kernels' (which price the format's own weights).
        body.put("weightBitsPerParameter", 8.5);
        json().body(body).post("/v1/costs/models").then().statusCode(200).body("assumptions", hasItem(containsString("8.500 bits per parameter")));
        // Unquantized weights are cuBLAS's in llama.cpp's CUDA build, not MMQ's: the kernels' prefill.
        body.put("weightBitsPerParameter", 16);
        double f16 = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("assumptions", hasItem(containsString("multiplies them with cuBLAS"))).extract().<Number>path("timeSeconds").doubleValue();
        body.remove("runtime");
        body.remove("weightBitsPerParameter");
        assertEquals(json().body(body).post("/v1/costs/models").then().statusCode(200).extract().<Number>path("timeSeconds").doubleValue(), f16, 1e-12);
        body.put("weightBitsPerParameter", 8.5);
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("weightBitsPerParameter"));
    }

    @Test
    void fp8TrainingRunsOnlyTheBlockGemmsInFp8() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-h100-sxm", "modelId", "llama-3-8b", "mode", "training",
                "batch", 1, "sequenceLength", 8192, "format", "bf16", "attentionKernel", "flash-attention-2"));
        double bf16 = json().body(body).post("/v1/costs/models").then().statusCode(200).extract().<Number>path("timeSeconds").doubleValue();
        body.put("format", "fp8");
        var fp8 = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("breakdown.operation", hasItem("fp8 casts and transposes backward (Transformer Engine)"))
                .extract();
        double ratio = bf16 / fp8.<Number>path("timeSeconds").doubleValue();
        // Not the 2× of the fp8 peak: attention, norms and the head stay bf16 and the casts cost traffic (published pairs
        // on 8 H100: 1.16–1.35×, ledger fp8-17/18, fp8-23/24, fp8-27/28).
        org.junit.jupiter.api.Assertions.assertTrue(ratio > 1.1 && ratio < 1.6, "fp8 speed-up " + ratio);
    }

    @Test
    void aTrainingFrameworkSetsTheShareOfAStepInItsKernels() {
        // Hopper: the calibration table's 0.6096 comes from PyTorch FSDP runs (llm-foundry, torchtitan); Megatron-Core's 0.7532 from
        // NVIDIA's NeMo Llama 3.1 bf16 recipes (ledger fp8-01/03/05). The same step's kernels, the rest scaled: 0.7532 / 0.6096 = 1.24×
        // less framework time, within what the exposed gradient reduction leaves unscaled.
        Map<String, Object> body = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-h100-sxm", "modelId", "llama-3-8b", "mode", "training",
                "batch", 1, "sequenceLength", 8192, "format", "bf16"));
        double pytorch = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("assumptions", hasItem(org.hamcrest.Matchers.startsWith("framework: pytorch (default)")))
                .extract().<Number>path("timeSeconds").doubleValue();
        body.put("framework", "megatron-core");
        double megatron = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("assumptions", hasItem(org.hamcrest.Matchers.containsString("its own 75.3 % of a step in its kernels on Hopper")))
                .extract().<Number>path("timeSeconds").doubleValue();
        org.junit.jupiter.api.Assertions.assertEquals(0.7532 / 0.6096, pytorch / megatron, 0.02);
        // On an A100, Megatron-LM's own value (0.8397, from Korthikanti et al.'s two 22B runs; planner MegatronAmpereEfficiencyTest)
        // against the table's PyTorch FSDP 0.8692 (costing V13): a little more of the step outside the kernels.
        body.put("acceleratorId", "nvidia-a100-sxm-80gb");
        double ampere = json().body(body).post("/v1/costs/models").then().statusCode(200)
                .body("assumptions", hasItem(org.hamcrest.Matchers.containsString("its own 84.0 % of a step in its kernels on Ampere")))
                .extract().<Number>path("timeSeconds").doubleValue();
        body.remove("framework");
        double ampereDefault = json().body(body).post("/v1/costs/models").then().statusCode(200).extract().<Number>path("timeSeconds").doubleValue();
        org.junit.jupiter.api.Assertions.assertEquals(0.8692 / 0.8397, ampere / ampereDefault, 0.01);
        body.put("framework", "deepspeed");
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("framework"));
        body.put("framework", "pytorch");
        body.put("mode", "decode");
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("framework"));
    }

    @Test
    void bertTimeToTrainOnOneDgx1IsACase() {
        // bert-09 (153.16 h, DeepLearningExamples' 2020 README, pytorch:19.07): 7,038 phase-1 steps of 65,536 sequences and 1,563
        // phase-2 steps of 32,768 on 8 V100 16GB. The same README's throughput rows for that layout (bertp-96: 1,236 sequences/s,
        // bertp-102: 263) give 157.8 h, so the case is the two throughput cases' predictions turned into hours.
        var report = given().get("/v1/validation").then().statusCode(200)
                .body("cases.find { it.measurementId == 'bert-09' }.category", equalTo("encoder-training"))
                .body("cases.find { it.measurementId == 'bert-09' }.unit", equalTo("hours"))
                .body("notExpressible.measurementId", not(hasItem("bert-09")))
                .extract();
        double phase1 = report.<Number>path("cases.find { it.measurementId == 'bertp-96' }.predicted").doubleValue();
        double phase2 = report.<Number>path("cases.find { it.measurementId == 'bertp-102' }.predicted").doubleValue();
        double hours = (7038 * 65536 / phase1 + 1563 * 32768 / phase2) / 3600;
        assertEquals(hours, report.<Number>path("cases.find { it.measurementId == 'bert-09' }.predicted").doubleValue(), hours * 1e-6);
    }

    @Test
    void tpuRunsAreValidatedInTheirOwnCategory() {
        var report = given().get("/v1/validation").then().statusCode(200)
                .body("categories.find { it.category == 'tpu-training' }.holdOutCases", greaterThanOrEqualTo(6))
                .body("cases.find { it.measurementId == 'bert-01' }.category", equalTo("tpu-training"))
                .body("cases.find { it.measurementId == 'tpu-12' }.acceleratorId", equalTo("google-tpu-v7"))
                .body("notExpressible.measurementId", hasItem("tpu-13"))
                .extract();
        // Calibration runs set their generation's efficiency (geometric mean of several): each lands within the spread of its
        // generation; held-out runs of calibrated generations and v3 (cross-generation efficiency) within a quarter.
        Map<String, Double> bounds = new java.util.HashMap<>(Map.of("tpu-01", 15.0, "tpu-05", 15.0, "tpu-07", 15.0, "tpu-11", 15.0,
                "tpu-03/32b", 15.0, "tpu-18", 15.0, "tpu-08", 25.0, "tpu-19", 25.0, "tpu-25", 5.0, "tpu-27", 10.0));
        // Named attention kernels on H100 (held out: other head dimensions, masks, sequence lengths) and fp8 training.
        bounds.putAll(Map.of("attn-20", 15.0, "attn-21", 15.0, "attn-22", 15.0, "attn-31", 15.0, "attn-35", 15.0, "attn-56", 15.0,
                "fp8-24", 15.0, "fp8-28", 15.0, "fp8-18", 25.0));
        // Decode under runtimes (held out: other GPUs, builds and formats than each runtime's derivation).
        bounds.putAll(Map.of("dec-20", 15.0, "dec-22", 15.0, "dec-25", 15.0, "dec-46", 20.0, "dec-63", 25.0, "dec-39", 20.0));
        bounds.forEach((id, bound) -> {
            double error = report.path("cases.find { it.measurementId == '" + id + "' }.errorPercent");
            org.junit.jupiter.api.Assertions.assertTrue(Math.abs(error) <= bound, id + " off by " + error + " %");
        });
    }

    @Test
    void drawsARooflineWithOperatingPoints() {
        // Accept as openapi-generator's SDKs send it where the only JSON response is the error (was a 406).
        String svg = given().accept("application/problem+json").queryParam("gemm", "8192x8192x8192").queryParam("gemm", "1x8192x8192")
                .get("/v1/rooflines/nvidia-h100-sxm.svg")
                .then().statusCode(200).contentType("image/svg+xml")
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(svg.startsWith("<svg"), svg.substring(0, 40));
        // H100 SXM bf16: 989.5 TFLOP/s over 3.35 TB/s (NVIDIA datasheet) puts the ridge at 295 FLOP/byte.
        org.junit.jupiter.api.Assertions.assertTrue(svg.contains("ridge 295 FLOP/B"));
        assertEquals(2, svg.split("<circle").length - 1);
        given().queryParam("gemm", "8192x8192").get("/v1/rooflines/nvidia-h100-sxm.svg")
                .then().statusCode(400).contentType("application/problem+json").body("violations.path", hasItem("gemm"));
        given().get("/v1/rooflines/nvidia-h100-sxm.png").then().statusCode(400);
        given().queryParam("format", "int4").get("/v1/rooflines/nvidia-h100-sxm.svg").then().statusCode(422);
    }

    @Test
    void batchAnswersEachItemWithAnEstimateOrItsProblem() {
        List<Map<String, Object>> batch = List.of(
                Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "llama-2-7b", "mode", "decode", "batch", 1,
                        "sequenceLength", 1024, "format", "fp16", "weightBitsPerParameter", 4.127),
                Map.of("acceleratorId", "nvidia-v100-sxm2-32gb", "modelId", "llama-2-7b", "mode", "decode", "batch", 1,
                        "sequenceLength", 1024, "format", "bf16"));
        json().body(batch).queryParam("brief", true).post("/v1/costs/models/batch")
                .then().statusCode(200)
                .body("[0].estimate.bound", equalTo("memory"))
                .body("[0].estimate.breakdown", equalTo(null))
                .body("[1].problem.status", equalTo(422))
                .body("[1].problem.detail", containsString("no bf16 mode"));
        // 4.127-bit weights move about a quarter of the fp16 bytes; the per-kernel latency floor (about ten kernels per layer at
        // 4 µs) does not shrink, so the speed-up is below 4×.
        double quantized = json().body(List.of(batch.get(0))).post("/v1/costs/models/batch").then().statusCode(200)
                .extract().<Double>path("[0].estimate.timeSeconds");
        Map<String, Object> fp16 = new java.util.HashMap<>(batch.get(0));
        fp16.remove("weightBitsPerParameter");
        double full = json().body(List.of(fp16)).post("/v1/costs/models/batch").then().statusCode(200)
                .extract().<Double>path("[0].estimate.timeSeconds");
        org.junit.jupiter.api.Assertions.assertTrue(full / quantized > 2.0 && full / quantized < 3.9, "speed-up " + full / quantized);
    }

    @Test
    void aDequantizingKernelCanBindDecodeByItsInstructions() {
        // GPTQ's 3-bit kernel (one int→float conversion per weight, CUDA guide: 16 per SM per clock) on OPT-175B: the
        // conversions, not the 65 GB of weights, bound the step — ledger dec-02 measured 71 ms per token.
        Map<String, Object> kernel = Map.of("kernel", "GPTQ 3-bit CUDA kernel", "conversionsPerWeight", 1, "integerOpsPerWeight", 2.09,
                "floatOpsPerWeight", 1, "sharedLoadsPerWeight", 0, "multipliesOnCudaCores", true);
        Map<String, Object> decode = new java.util.HashMap<>(Map.of("acceleratorId", "nvidia-a100-sxm-80gb", "modelId", "opt-175b",
                "mode", "decode", "batch", 1, "sequenceLength", 128, "format", "fp16", "weightBitsPerParameter", 3.0, "dequantization", kernel));
        json().body(decode).post("/v1/costs/models")
                .then().statusCode(200)
                .body("bound", equalTo("compute"))
                .body("timeSeconds", closeTo(0.071, 0.15 * 0.071))
                .body("assumptions", hasItem(containsString("bound by integer-to-float conversions")));
        decode.put("mode", "prefill");
        decode.remove("weightBitsPerParameter");
        json().body(decode).post("/v1/costs/models")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.path", hasItem("dequantization"));
        decode.put("mode", "decode");
        decode.put("dequantization", Map.of("kernel", "x", "conversionsPerWeight", -1));
        json().body(decode).post("/v1/costs/models")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.path", hasItem(containsString("conversionsPerWeight")));
    }
}
