package dev.accelerometer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.accelerometer.sdk.catalog.model.Accelerator;
import dev.accelerometer.sdk.catalog.model.Revision;
import dev.accelerometer.sdk.costing.model.CostEstimate;
import dev.accelerometer.sdk.costing.model.MatmulRequest;
import dev.accelerometer.sdk.costing.model.ModelCostRequest;
import dev.accelerometer.sdk.costing.model.OperationCost;
import dev.accelerometer.sdk.planner.model.ClusterSpec;
import dev.accelerometer.sdk.planner.model.PlanRequest;
import dev.accelerometer.sdk.planner.model.PlanSearch;
import dev.accelerometer.sdk.planner.model.PlanSpec;
import dev.accelerometer.sdk.planner.model.Training;
import dev.accelerometer.sdk.quantization.model.Estimate;
import dev.accelerometer.sdk.quantization.model.EstimateRequest;
import dev.accelerometer.sdk.quantization.model.Fit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform as an SDK user sees it: the four real services, started by the no-Docker runner, on the real
 * PostgreSQL, driven only through the client generated from openapi/*.yaml. The test adds an accelerator (a copy of
 * the catalog's H100 SXM with its datasheet sources) and follows it through costing, planning and quantization.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {
    private static Platform platform;
    private static Sdk sdk;
    private static String acceleratorId;

    @BeforeAll
    static void platform() throws Exception {
        platform = Platform.get();
        sdk = new Sdk(platform);
        acceleratorId = "e2e-gpu-" + UUID.randomUUID().toString().substring(0, 8);
        Accelerator copy = sdk.accelerators.getAccelerator("nvidia-h100-sxm");
        copy.setId(acceleratorId);
        copy.setName("E2E copy of " + copy.getName());
        var created = sdk.accelerators.createAcceleratorWithHttpInfo(copy);
        assertEquals(201, created.getStatusCode());
        assertTrue(Sdk.header(created.getHeaders(), "Location").endsWith("/v1/accelerators/" + acceleratorId));
        assertNotNull(Sdk.header(created.getHeaders(), "ETag"));
    }

    @Test
    @Order(1)
    void anAddedAcceleratorIsCostedPlannedAndEstimated() throws Exception {
        // A GEMM: 8192³ in bf16 is compute-bound on an H100 (intensity ≈ 2,730 FLOP/B, ridge ≈ 295 FLOP/B).
        CostEstimate gemm = sdk.costs.costMatmul(new MatmulRequest().acceleratorId(acceleratorId).m(8192L).n(8192L).k(8192L).format(MatmulRequest.FormatEnum.BF16));
        assertEquals(acceleratorId, gemm.getAcceleratorId());
        assertEquals("compute", gemm.getBound());
        assertEquals(2.0 * 8192 * 8192 * 8192, gemm.getFlops(), 1.0);
        assertTrue(gemm.getUtilization() > 0.5 && gemm.getUtilization() <= 1.0, "utilization " + gemm.getUtilization());

        // A BERT-large training step: the per-operation breakdown adds up to the total.
        CostEstimate bert = sdk.costs.costModel(new ModelCostRequest().acceleratorId(acceleratorId).modelId("bert-large")
                .mode(ModelCostRequest.ModeEnum.TRAINING).batch(32L).sequenceLength(512L).format(ModelCostRequest.FormatEnum.BF16).steps(1000L));
        double parts = bert.getBreakdown().stream().mapToDouble(OperationCost::getTimeSeconds).sum();
        assertEquals(bert.getTimeSeconds(), parts, bert.getTimeSeconds() * 1e-6);
        assertEquals(1000L, bert.getRun().getSteps());

        // A training job on 16 of them, 8 per node on NVLink 4, nodes on InfiniBand NDR: saved, and read back the same.
        var planned = sdk.plans.createPlanWithHttpInfo(new PlanRequest().modelId("gpt-3-1.3b")
                .cluster(new ClusterSpec().acceleratorId(acceleratorId).devices(16).devicesPerNode(8)
                        .intraNodeLinkId("nvlink-4").interNodeLinkId("infiniband-ndr"))
                .training(new Training().globalBatchSize(512L).sequenceLength(2048L).format(Training.FormatEnum.BF16).optimizer(Training.OptimizerEnum.ADAMW).tokens(2.6e10)));
        assertEquals(201, planned.getStatusCode());
        PlanSearch search = planned.getData();
        assertNotNull(search.getBest(), "a 1.3B model fits 16 80 GB devices");
        assertTrue(search.getBest().getModelFlopsUtilization() > 0.2 && search.getBest().getModelFlopsUtilization() < 0.8);
        PlanSearch reread = sdk.plans.getPlan(search.getId().toString());
        assertEquals(search.getBest(), reread.getBest());

        // 4-bit serving of Llama-2-7B: nf4 is weight-only, so the H100 dequantizes to 16-bit (not native).
        Estimate estimate = sdk.estimates.createEstimate(new EstimateRequest().modelId("llama-2-7b").weightFormat(EstimateRequest.WeightFormatEnum.NF4)
                .contextLength(4096L).acceleratorIds(List.of(acceleratorId)));
        Fit fit = estimate.getFits().get(0);
        assertEquals(acceleratorId, fit.getAcceleratorId());
        assertTrue(fit.getFits());
        assertFalse(fit.getNativeFormat());
        assertTrue(fit.getDecodeTokensPerSecond() > 0);
        assertEquals(estimate, sdk.estimates.getEstimate(estimate.getId().toString()));
    }

    @Test
    @Order(2)
    void aBandwidthChangeReachesCostsWithinTheCacheTtl() throws Exception {
        ModelCostRequest decode = new ModelCostRequest().acceleratorId(acceleratorId).modelId("llama-2-7b").mode(ModelCostRequest.ModeEnum.DECODE)
                .batch(1L).sequenceLength(1024L).format(ModelCostRequest.FormatEnum.BF16);
        double before = sdk.costs.costModel(decode).getMemorySeconds();
        double tokensBefore = quantizedDecodeTokensPerSecond();

        Accelerator current = sdk.accelerators.getAccelerator(acceleratorId);
        String etag = Sdk.header(sdk.accelerators.getAcceleratorWithHttpInfo(acceleratorId).getHeaders(), "ETag");
        current.setMemoryBandwidthBytesPerSecond(current.getMemoryBandwidthBytesPerSecond() / 2);
        sdk.accelerators.replaceAccelerator(acceleratorId, etag, current);
        Instant changed = Instant.now();

        // Batch-1 decode reads every weight and the KV cache once per token: half the bandwidth, twice the memory time.
        Duration bound = Platform.POLL_INTERVAL.multipliedBy(2).plusSeconds(3);
        double after = before;
        while (Duration.between(changed, Instant.now()).compareTo(bound) < 0) {
            after = sdk.costs.costModel(decode).getMemorySeconds();
            if (after > before * 1.5) {
                break;
            }
            Platform.sleep(Duration.ofMillis(200));
        }
        assertEquals(2.0, after / before, 0.02, "decode memory time " + before + " s -> " + after + " s within " + bound + " of halving the bandwidth");
        // Quantization times decode with the same model through its own cache of the catalog, so it follows within the same
        // bound (less than 2×: the per-kernel latency floor stays).
        double tokensAfter = tokensBefore;
        while (Duration.between(changed, Instant.now()).compareTo(bound) < 0 && tokensAfter >= tokensBefore * 0.9) {
            tokensAfter = quantizedDecodeTokensPerSecond();
            if (tokensAfter < tokensBefore * 0.9) {
                break;
            }
            Platform.sleep(Duration.ofMillis(200));
        }
        assertTrue(tokensAfter < tokensBefore * 0.9 && tokensAfter > tokensBefore * 0.5, tokensBefore + " -> " + tokensAfter
                + " tokens/s within " + bound);
    }

    @Test
    @Order(3)
    void concurrentUpdatesNeverLoseAWrite() throws Exception {
        int writers = 8;
        int revisionsBefore = sdk.accelerators.getAcceleratorHistory(acceleratorId).size();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            // Everyone read the same revision; exactly one write may land on it, the others get 412 and lose nothing.
            String etag = Sdk.header(sdk.accelerators.getAcceleratorWithHttpInfo(acceleratorId).getHeaders(), "ETag");
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String note = "stale writer " + i;
                outcomes.add(pool.submit(() -> {
                    Accelerator read = withNotes(sdk.accelerators.getAccelerator(acceleratorId), note);
                    go.await();
                    try {
                        sdk.accelerators.replaceAccelerator(acceleratorId, etag, read);
                        return 200;
                    } catch (dev.accelerometer.sdk.catalog.client.ApiException e) {
                        return e.getCode();
                    }
                }));
            }
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                codes.add(outcome.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), "codes " + codes);
            assertEquals(writers - 1, codes.stream().filter(c -> c == 412).count(), "codes " + codes);

            // Writers that re-read and retry on 412 all land: one revision each, none overwritten unseen.
            List<Callable<String>> retrying = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String note = "retrying writer " + i;
                retrying.add(() -> {
                    for (int attempt = 0; attempt < 100; attempt++) {
                        var response = sdk.accelerators.getAcceleratorWithHttpInfo(acceleratorId);
                        try {
                            sdk.accelerators.replaceAccelerator(acceleratorId, Sdk.header(response.getHeaders(), "ETag"),
                                    withNotes(response.getData(), note));
                            return note;
                        } catch (dev.accelerometer.sdk.catalog.client.ApiException e) {
                            assertEquals(412, e.getCode(), e.getResponseBody());
                        }
                    }
                    throw new AssertionError(note + " never landed");
                });
            }
            for (Future<String> landed : pool.invokeAll(retrying)) {
                landed.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Revision> history = sdk.accelerators.getAcceleratorHistory(acceleratorId);
        assertEquals(revisionsBefore + 1 + writers, history.size(), "one revision per accepted write");
    }

    @Test
    @Order(4)
    void aCatalogOutageIsA503OrAMarkedCachedAnswerAndTheServicesRecover() throws Exception {
        // A device no service has read yet: with the catalog down, no cache can answer for it.
        Accelerator unseen = sdk.accelerators.getAccelerator(acceleratorId);
        unseen.setId(acceleratorId + "-unseen");
        sdk.accelerators.createAccelerator(unseen);
        platform.stop("catalog");
        try {
            // Costing has this accelerator cached: within one poll of the change feed it knows the catalog is gone, and
            // from then on a cached answer must say so.
            Platform.sleep(Platform.POLL_INTERVAL.plusSeconds(1));
            try {
                CostEstimate cached = sdk.costs.costMatmul(new MatmulRequest().acceleratorId(acceleratorId).m(4096L).n(4096L).k(4096L).format(MatmulRequest.FormatEnum.BF16));
                assertFalse(cached.getCatalog().getReachable(), "a cached answer is marked as such");
            } catch (dev.accelerometer.sdk.costing.client.ApiException e) {
                assertServiceUnavailable(Sdk.Failure.of(e.getCode(), e.getResponseHeaders(), e.getResponseBody()));
            }
            // Never-seen facts cannot come from a cache.
            try {
                CostEstimate answered = sdk.costs.costMatmul(new MatmulRequest().acceleratorId(unseen.getId()).m(4096L).n(4096L).k(4096L).format(MatmulRequest.FormatEnum.BF16));
                fail("costing answered for an accelerator it never read, with the catalog down: " + answered.getCatalog());
            } catch (dev.accelerometer.sdk.costing.client.ApiException e) {
                assertServiceUnavailable(Sdk.Failure.of(e.getCode(), e.getResponseHeaders(), e.getResponseBody()));
            }
            // The planner reads the catalog through the same cache: cached facts answer, marked as such.
            try {
                var evaluated = sdk.plans.evaluatePlan(smallPlan());
                assertFalse(evaluated.getCatalog().getReachable(), "a cached answer is marked as such");
            } catch (dev.accelerometer.sdk.planner.client.ApiException e) {
                assertServiceUnavailable(Sdk.Failure.of(e.getCode(), e.getResponseHeaders(), e.getResponseBody()));
            }
            // Quantization may answer from its cache once its change-feed poll has failed, but then its warnings say so.
            try {
                Estimate cached = sdk.estimates.createEstimate(new EstimateRequest().modelId("llama-2-7b").weightFormat(EstimateRequest.WeightFormatEnum.NF4).contextLength(4096L)
                        .acceleratorIds(List.of(acceleratorId)));
                assertTrue(cached.getWarnings().stream().anyMatch(w -> w.startsWith("catalog unreachable")), "warnings " + cached.getWarnings());
            } catch (dev.accelerometer.sdk.quantization.client.ApiException e) {
                assertServiceUnavailable(Sdk.Failure.of(e.getCode(), e.getResponseHeaders(), e.getResponseBody()));
            }
            try {
                sdk.estimates.createEstimate(new EstimateRequest().modelId("llama-2-7b").weightFormat(EstimateRequest.WeightFormatEnum.NF4).contextLength(4096L)
                        .acceleratorIds(List.of(unseen.getId())));
                fail("quantization answered for an accelerator it never read, with the catalog down");
            } catch (dev.accelerometer.sdk.quantization.client.ApiException e) {
                assertServiceUnavailable(Sdk.Failure.of(e.getCode(), e.getResponseHeaders(), e.getResponseBody()));
            }
        } finally {
            platform.start("catalog");
        }
        // Back: each service answers again once its circuit breaker lets calls through (5 s after opening).
        Instant deadline = Instant.now().plusSeconds(30);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                CostEstimate fresh = sdk.costs.costMatmul(new MatmulRequest().acceleratorId(unseen.getId()).m(4096L).n(4096L).k(4096L).format(MatmulRequest.FormatEnum.BF16));
                assertTrue(fresh.getCatalog().getReachable());
                assertNotNull(sdk.plans.evaluatePlan(smallPlan()).getStep());
                assertTrue(sdk.estimates.createEstimate(new EstimateRequest().modelId("llama-2-7b").weightFormat(EstimateRequest.WeightFormatEnum.NF4).contextLength(4096L)
                        .acceleratorIds(List.of(acceleratorId))).getFits().get(0).getFits());
                return;
            } catch (Exception e) {
                last = e;
                Platform.sleep(Duration.ofMillis(500));
            }
        }
        throw new AssertionError("the services did not recover within 30 s of the catalog's return", last);
    }

    @Test
    @Order(5)
    void theDashboardOriginMayCallTheApis() throws Exception {
        // CORS preflight as a browser on the dashboard's origin sends it; an unlisted origin gets no grant.
        HttpClient http = HttpClient.newHttpClient();
        for (String service : List.of("catalog", "costing", "planner", "quantization")) {
            HttpResponse<Void> allowed = http.send(preflight(service, "http://localhost:8080"), HttpResponse.BodyHandlers.discarding());
            assertEquals("http://localhost:8080", allowed.headers().firstValue("access-control-allow-origin").orElse(null), service);
            HttpResponse<Void> refused = http.send(preflight(service, "http://evil.example"), HttpResponse.BodyHandlers.discarding());
            assertTrue(refused.headers().firstValue("access-control-allow-origin").isEmpty(), service);
        }
    }

    @Test
    @Order(6)
    void everyServiceServesItsApiDocs() throws Exception {
        // Swagger UI and the OpenAPI document on every service, as the README and the runner promise (issue 21).
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String service : List.of("catalog", "costing", "planner", "quantization")) {
            HttpResponse<String> ui = http.send(HttpRequest.newBuilder(URI.create(platform.url(service) + "/q/swagger-ui/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ui.statusCode(), service + " /q/swagger-ui/");
            assertTrue(ui.body().toLowerCase(java.util.Locale.ROOT).contains("swagger"), service);
            HttpResponse<String> spec = http.send(HttpRequest.newBuilder(URI.create(platform.url(service) + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, spec.statusCode(), service + " /q/openapi");
            assertTrue(spec.body().contains("\"openapi\""), service);
        }
    }

    private static HttpRequest preflight(String service, String origin) {
        return HttpRequest.newBuilder(URI.create(platform.url(service) + "/v1/formats"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build();
    }

    private static void assertServiceUnavailable(Sdk.Failure failure) {
        assertEquals(503, failure.status(), failure.problem().toString());
        assertTrue(failure.contentType().startsWith("application/problem+json"), failure.contentType());
        assertNotNull(failure.retryAfter(), "503 carries Retry-After");
        assertEquals(503, failure.problem().path("status").asInt());
        assertFalse(failure.problem().path("detail").asText().isBlank());
    }

    private static double quantizedDecodeTokensPerSecond() throws Exception {
        return sdk.estimates.createEstimate(new EstimateRequest().modelId("llama-2-7b").weightFormat(EstimateRequest.WeightFormatEnum.NF4).contextLength(1024L)
                .acceleratorIds(List.of(acceleratorId))).getFits().get(0).getDecodeTokensPerSecond();
    }

    private static PlanRequest smallPlan() {
        return new PlanRequest().modelId("gpt-3-1.3b")
                .cluster(new ClusterSpec().acceleratorId(acceleratorId).devices(8).devicesPerNode(8).intraNodeLinkId("nvlink-4"))
                .training(new Training().globalBatchSize(64L).sequenceLength(2048L).format(Training.FormatEnum.BF16).optimizer(Training.OptimizerEnum.ADAMW))
                .plan(new PlanSpec().dataParallel(8).tensorParallel(1).pipelineParallel(1)
                        .microBatchSize(8).recompute(PlanSpec.RecomputeEnum.SELECTIVE).zeroStage(1));
    }

    private static Accelerator withNotes(Accelerator read, String notes) {
        read.setNotes(notes);
        return read;
    }
}
