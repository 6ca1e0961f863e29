package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calibration profiles through the API, on published measurements the ledger holds (the catalog's recorded answers): a
 * profile fitted on some of one device family's measurements must make the model better on the others, one built from
 * measurements the model already reproduces must change nothing beyond its uncertainty, and answers naming it compute
 * with it.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class CalibrationProfileApiTest {
    static final String H100 = "nvidia-h100-sxm";

    /**
     * One FlashAttention benchmark of the ledger (catalog V14, read from the FlashAttention-2/3 papers' figures): batch ×
     * sequence, heads of a head dimension, causal, pass, kernel, and the published TFLOP/s by the papers' FLOP count.
     */
    record Benchmark(String id, String kernel, String pass, long batch, long sequence, int heads, int headDim, boolean causal, String format,
            double teraflops) {

        /** The published throughput as the time of one call: 4·B·H·S²·d (halved causal) × 1 / 2.5 / 3.5 for fwd / bwd / both. */
        double timeSeconds() {
            double forward = 4.0 * batch * heads * sequence * sequence * headDim * (causal ? 0.5 : 1);
            double counted = forward * ("forward".equals(pass) ? 1 : "backward".equals(pass) ? 2.5 : 3.5);
            return counted / (teraflops * 1e12);
        }

        Map<String, Object> measurement() {
            Map<String, Object> attention = new HashMap<>(Map.of("batch", batch, "queryLength", sequence, "keyLength", sequence, "heads", heads,
                    "headDim", headDim, "causal", causal, "kernel", kernel, "pass", pass, "format", format));
            return Map.of("id", id, "acceleratorId", H100, "attention", attention, "timeSeconds", timeSeconds());
        }
    }

    // FlashAttention-2 on H100 SXM5, the held-out cases of GET /v1/validation in ledger order (the model overrates FA2 on
    // Hopper outside its two calibration shapes: +0.9 … +29 %).
    static final Benchmark ATTN_20 = new Benchmark("attn-20", "flash-attention-2", "forward", 8, 2048, 16, 128, false, "fp16", 362);
    static final Benchmark ATTN_28 = new Benchmark("attn-28", "flash-attention-2", "forward", 2, 8192, 16, 128, true, "fp16", 333);
    static final Benchmark ATTN_31 = new Benchmark("attn-31", "flash-attention-2", "forward", 2, 8192, 32, 64, false, "fp16", 322);
    static final Benchmark ATTN_34 = new Benchmark("attn-34", "flash-attention-2", "forward", 1, 16384, 32, 64, true, "fp16", 299);
    static final Benchmark ATTN_36 = new Benchmark("attn-36", "flash-attention-2", "forward", 1, 16384, 8, 256, false, "fp16", 326);
    static final Benchmark ATTN_43 = new Benchmark("attn-43", "flash-attention-2", "backward", 8, 2048, 32, 64, false, "bf16", 264);
    // FlashAttention-3 on H100 SXM5 at the shapes its ceiling was derived from (the model reproduces them within 0.6 %).
    static final Benchmark ATTN_24 = new Benchmark("attn-24", "flash-attention-3", "forward", 1, 16384, 16, 128, false, "fp16", 648);
    static final Benchmark ATTN_32 = new Benchmark("attn-32", "flash-attention-3", "forward", 2, 8192, 32, 64, false, "fp16", 496);
    static final Benchmark ATTN_37 = new Benchmark("attn-37", "flash-attention-3", "forward", 1, 16384, 8, 256, false, "fp16", 756);

    private static RequestSpecification alice() {
        return given().header("X-API-Key", "alice-key").contentType(ContentType.JSON);
    }

    private static Map<String, Object> profile(String name, List<Benchmark> benchmarks) {
        return Map.of("name", name, "acceleratorIds", List.of(H100), "software", "FlashAttention 2.x, CUDA 12",
                "measurements", benchmarks.stream().map(Benchmark::measurement).toList());
    }

    private static JsonPath create(Map<String, Object> body) {
        return alice().body(body).post("/v1/calibration-profiles").then().statusCode(201).extract().jsonPath();
    }

    /** The model's error on a benchmark, percent, with or without a profile (the same conversion the ledger uses). */
    private static double error(Benchmark b, String profileId) {
        Map<String, Object> request = new HashMap<>(b.measurement().get("attention") instanceof Map<?, ?> m ? castMap(m) : Map.of());
        request.put("acceleratorId", H100);
        if (profileId != null) {
            request.put("calibrationProfile", profileId);
        }
        double seconds = given().contentType(ContentType.JSON).body(request).post("/v1/costs/attention").then().statusCode(200).extract()
                .jsonPath().getDouble("timeSeconds");
        // Time error → throughput error: predicted TFLOP/s ÷ measured − 1 = measured time ÷ predicted time − 1.
        return 100 * (b.timeSeconds() / seconds - 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static double medianAbsolute(List<Double> errors) {
        return Calibrator.percentile(errors.stream().mapToDouble(Math::abs).sorted().toArray(), 0.5);
    }

    @Test
    void aProfileOnThreeMeasurementsOfADeviceFamilyLowersTheErrorOnTheRest() {
        // Fit on the first three held-out FlashAttention-2 cases on H100 in ledger order; judge on the next three.
        JsonPath fit = create(profile("FA2 on our H100s", List.of(ATTN_20, ATTN_28, ATTN_31)));
        String id = fit.getString("id");
        List<Benchmark> rest = List.of(ATTN_34, ATTN_36, ATTN_43);
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        for (Benchmark b : rest) {
            before.add(error(b, null));
            after.add(error(b, id));
        }
        // Before: the ledger's own errors on these cases (GET /v1/validation: +6.3, +29.1, +4.4 % since a causal mask costs the
        // thread block its derived extra iterations, costing V13; +7.2, +29.1, +4.4 with each thread block's fixed cost, V12; +8.6,
        // +29.1, +11.6 before).
        assertEquals(6.3, medianAbsolute(before), 0.5, "before " + before);
        // After: each of the three is closer (+4.7, +26.6, +2.5 %), the median by more than a point.
        for (int i = 0; i < before.size(); i++) {
            assertTrue(Math.abs(after.get(i)) < Math.abs(before.get(i)), "after " + after + " vs before " + before);
        }
        assertTrue(medianAbsolute(after) < medianAbsolute(before) - 1, "after " + after + " vs before " + before);
        // The fit moved the attention ceiling down (FA2 on Hopper runs slower than its two calibration shapes say) and said why.
        assertTrue(fit.getDouble("accelerators[0].attentionScale") < 1);
        Map<String, Object> attention = fit.getMap("accelerators[0].parameters.find { it.parameter == 'attentionCeiling' }");
        assertEquals(true, attention.get("fitted"));
        assertTrue(((List<?>) attention.get("movedBy")).containsAll(List.of("attn-20", "attn-28")), attention.toString());
        // Leave-one-out (each fitted measurement predicted by a fit on the other two): since fused attention keeps each thread
        // block's fixed cost (costing V12) the model reproduces these three within 0.9 % at the median and 9.4 % at p90 unfitted,
        // so a profile has little to add there: leave-one-out stays within a point of that p90 (9.7 %) and four of that median
        // (4.0 %; the fit's spread follows the Hopper attention regime's, which V56's short-sequence hold-outs widened). Before
        // V12 it improved them (p90 12.9 → 10.8 %).
        assertTrue(fit.getDouble("accelerators[0].p90AbsoluteErrorLeaveOneOutPercent") < fit.getDouble("accelerators[0].p90AbsoluteErrorBeforePercent") + 1);
        assertTrue(fit.getDouble("accelerators[0].medianAbsoluteErrorLeaveOneOutPercent")
                < fit.getDouble("accelerators[0].medianAbsoluteErrorBeforePercent") + 4);
        // The training-step efficiency is informed by none of these, so it stays and says which measurement would move it.
        Map<String, Object> training = fit.getMap("accelerators[0].parameters.find { it.parameter == 'trainingStepEfficiency' }");
        assertEquals(false, training.get("fitted"));
        assertTrue(String.valueOf(training.get("notFittedBecause")).contains("mode training"));
    }

    @Test
    void measurementsTheModelAlreadyReproducesChangeNothingBeyondTheirUncertainty() {
        JsonPath fit = create(profile("FA3 as published", List.of(ATTN_24, ATTN_32, ATTN_37)));
        List<Map<String, Object>> parameters = fit.getList("accelerators[0].parameters");
        for (Map<String, Object> p : parameters) {
            double moved = Math.abs(Math.log(((Number) p.get("multiplier")).doubleValue()));
            double sigma = Math.log(1 + ((Number) p.get("uncertaintyPercent")).doubleValue() / 100);
            assertTrue(moved <= sigma, p.toString());
        }
        fit.getList("measurements.errorPercent", Double.class).forEach(e -> assertTrue(Math.abs(e) < 2, "error " + e));
    }

    @Test
    void answersNamingTheProfileComputeWithItAndSaySo() {
        String id = create(profile("FA2 on our H100s", List.of(ATTN_20, ATTN_28, ATTN_31))).getString("id");
        Map<String, Object> request = new HashMap<>(Map.of("acceleratorId", H100, "batch", 1, "queryLength", 16384, "keyLength", 16384,
                "heads", 32, "headDim", 64, "causal", true, "kernel", "flash-attention-2", "format", "fp16", "calibrationProfile", id));
        given().contentType(ContentType.JSON).body(request).post("/v1/costs/attention").then().statusCode(200)
                .body("calibrationProfile.applied", equalTo(true))
                .body("calibrationProfile.changed.parameter", hasItem("attentionCeiling"))
                .body("calibrationProfile.note", containsString("error band"));
        // Another accelerator: the table's constants, and the answer says the profile does not cover it.
        request.put("acceleratorId", "nvidia-a100-sxm-80gb");
        request.put("kernel", "flash-attention-2");
        given().contentType(ContentType.JSON).body(request).post("/v1/costs/attention").then().statusCode(200)
                .body("calibrationProfile.applied", equalTo(false))
                .body("calibrationProfile.note", containsString("not nvidia-a100-sxm-80gb"));
        // The validation view under the profile: only its accelerator's cases.
        given().queryParam("calibrationProfile", id).get("/v1/validation").then().statusCode(200)
                .body("cases.acceleratorId", everyItem(equalTo(H100)))
                .body("cases.measurementId", hasItem("attn-36"));
        // A profile nobody saved is named in the problem.
        request.put("calibrationProfile", "00000000-0000-4000-8000-000000000000");
        given().contentType(ContentType.JSON).body(request).post("/v1/costs/attention").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].path", equalTo("calibrationProfile"));
    }

    @Test
    void profilesAreOwnedListedAndDeleted() {
        String id = create(profile("to delete", List.of(ATTN_24))).getString("id");
        alice().queryParam("pageSize", 200).get("/v1/calibration-profiles").then().statusCode(200).body("items.id", hasItem(id));
        given().get("/v1/calibration-profiles/" + id).then().statusCode(200).body("name", equalTo("to delete"));
        given().header("X-API-Key", "bob-key").delete("/v1/calibration-profiles/" + id).then().statusCode(403);
        alice().delete("/v1/calibration-profiles/" + id).then().statusCode(204);
        given().get("/v1/calibration-profiles/" + id).then().statusCode(404);
        // Without a key nothing is saved.
        given().contentType(ContentType.JSON).body(profile("anonymous", List.of(ATTN_24))).post("/v1/calibration-profiles").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void badMeasurementsAreNamed() {
        Map<String, Object> uncovered = new HashMap<>(ATTN_24.measurement());
        uncovered.put("acceleratorId", "nvidia-a100-sxm-80gb");
        problem(Map.of("name", "x", "acceleratorIds", List.of(H100), "measurements", List.of(uncovered)), 400, "measurements[0].acceleratorId");

        Map<String, Object> negative = new HashMap<>(ATTN_24.measurement());
        negative.put("timeSeconds", -1);
        problem(Map.of("name", "x", "acceleratorIds", List.of(H100), "measurements", List.of(negative)), 400, "measurements[0].timeSeconds");

        // The same inputs measured 3× apart: contradictory.
        Map<String, Object> slower = new HashMap<>(ATTN_24.measurement());
        slower.put("id", "attn-24-again");
        slower.put("timeSeconds", 3 * ATTN_24.timeSeconds());
        problem(Map.of("name", "x", "acceleratorIds", List.of(H100), "measurements", List.of(ATTN_24.measurement(), slower)), 400,
                "measurements[1].timeSeconds");

        // A parameter asked for that no measurement informs: 422 naming what would.
        alice().body(Map.of("name", "x", "acceleratorIds", List.of(H100), "parameters", List.of("attentionCeiling", "trainingStepEfficiency"),
                "measurements", List.of(ATTN_24.measurement()))).post("/v1/calibration-profiles").then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].path", equalTo("parameters"))
                .body("violations[0].message", containsString("mode training"));

        // An accelerator without measurements, and more than 10,000 measurements.
        problem(Map.of("name", "x", "acceleratorIds", List.of(H100, "nvidia-a100-sxm-80gb"), "measurements", List.of(ATTN_24.measurement())), 400,
                "acceleratorIds[1]");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            many.add(Map.of("acceleratorId", H100, "matmul", Map.of("m", 256 + i, "n", 256, "k", 256, "format", "bf16"), "timeSeconds", 1e-5));
        }
        alice().body(Map.of("name", "x", "acceleratorIds", List.of(H100), "measurements", many)).post("/v1/calibration-profiles").then()
                .statusCode(400).contentType("application/problem+json").body("violations.path", hasItem("measurements"));

        // A measurement's own workload is checked like the cost endpoint checks it, with the path into the profile.
        Map<String, Object> fp8 = Map.of("acceleratorId", H100, "matmul", Map.of("m", 0, "n", 256, "k", 256, "format", "bf16"), "timeSeconds", 1e-5);
        problem(Map.of("name", "x", "acceleratorIds", List.of(H100), "measurements", List.of(fp8)), 400, "measurements[0].matmul.m");
    }

    private static void problem(Map<String, Object> body, int status, String path) {
        alice().body(body).post("/v1/calibration-profiles").then().statusCode(status).contentType("application/problem+json")
                .body("violations.path", hasItem(path));
    }

    @Test
    void aMatmulSweepImportsAndFits() {
        // A torch.matmul sweep as CSV: one bad dtype line is rejected with why, the rest become measurements.
        String csv = "m,n,k,dtype,seconds\n"
                + "# warm, median of 50\n"
                + "8192,8192,8192,bfloat16,0.00158\n"
                + "4096,4096,4096,bfloat16,0.000215\n"
                + "16384,8192,8192,bfloat16,0.00311\n"
                + "4096,4096,4096,complex64,0.1\n";
        JsonPath imported = given().contentType(ContentType.JSON).body(Map.of("format", "matmul-csv", "acceleratorId", H100, "text", csv))
                .post("/v1/calibration-profiles/imports").then().statusCode(200)
                .body("measurements", hasSize(3)).body("measurements[0].matmul.format", equalTo("bf16"))
                .body("rejectedLines[0].line", equalTo(6)).body("rejectedLines[0].reason", containsString("complex64"))
                .extract().jsonPath();
        JsonPath fit = create(Map.of("name", "cuBLAS sweep", "acceleratorIds", List.of(H100), "measurements", imported.getList("measurements")));
        Map<String, Object> gemm = fit.getMap("accelerators[0].parameters.find { it.parameter == 'gemmCeiling' }");
        assertEquals(true, gemm.get("fitted"));
        given().contentType(ContentType.JSON).body(Map.of("format", "matmul-csv", "acceleratorId", H100, "text", "m,n,seconds\n1,2,3"))
                .post("/v1/calibration-profiles/imports").then().statusCode(400).body("violations[0].path", equalTo("text"))
                .body("violations[0].message", containsString("k, dtype"));
        fit.getList("measurements.weight", Double.class).forEach(w -> assertTrue(w > 0 && w <= 1));
        JsonPath read = given().get("/v1/calibration-profiles/" + fit.getString("id")).then().statusCode(200).extract().jsonPath();
        assertEquals(fit.getDouble("accelerators[0].calibration.gemmCeiling"), read.getDouble("accelerators[0].calibration.gemmCeiling"), 1e-12);
        assertTrue(read.getDouble("accelerators[0].p90AbsoluteErrorLeaveOneOutPercent") < read.getDouble("accelerators[0].p90AbsoluteErrorBeforePercent"));
    }

    @Test
    void anNcclTestsRunFitsTheCollectiveScaleAndTheGradientReductionFollows() {
        // NVIDIA/nccl#1639 (catalog ledger comm-21, read 2026-11-29): 8 × RTX 5090 on PCIe 5 without NVLink, all_reduce_perf
        // -b 1g -e 8g, 28.0 GB/s bus bandwidth. all_reduce_perf's rows at that bus bandwidth: time = busbw⁻¹ × 2(n−1)/n × size.
        // The model's PCIe ring efficiency is the mean of four published systems (0.562 of 63.0 GB/s = 35.4 GB/s), so this
        // machine's rings reach about 0.79 of it.
        StringBuilder text = new StringBuilder("#  nThread 1 nGpus 8 minBytes 1073741824 maxBytes 8589934592 step: 2(factor) warmup iters: 5\n"
                + "#       size         count      type   redop    root     time   algbw   busbw #wrong     time   algbw   busbw #wrong\n"
                + "#        (B)    (elements)                               (us)  (GB/s)  (GB/s)            (us)  (GB/s)  (GB/s)\n"
                + "      524288        131072     float     sum      -1    120.5    4.35    7.61      0    119.8    4.38    7.66      0\n");
        for (long size = 1L << 30; size <= 1L << 33; size <<= 1) {
            double micros = 2.0 * 7 / 8 * size / 28.0e9 * 1e6;
            text.append(String.format(java.util.Locale.ROOT, "%12d  %12d     float     sum      -1  %8.1f  %6.2f  %6.2f      0  %8.1f  %6.2f  %6.2f      0%n",
                    size, size / 4, micros, size / micros / 1e3, 28.0, micros, size / micros / 1e3, 28.0));
        }
        Map<String, Object> cluster = Map.of("devices", 8, "devicesPerNode", 8, "intraNodeLinkId", "pcie-5");
        JsonPath imported = given().contentType(ContentType.JSON).body(Map.of("format", "nccl-tests", "acceleratorId", "nvidia-rtx-5090",
                "text", text.toString(), "cluster", cluster)).post("/v1/calibration-profiles/imports").then().statusCode(200)
                .body("measurements", hasSize(4)).body("rejectedLines[0].reason", containsString("below 1 MiB")).extract().jsonPath();
        JsonPath fit = create(Map.of("name", "our 5090 box", "acceleratorIds", List.of("nvidia-rtx-5090"),
                "measurements", imported.getList("measurements")));
        double scale = fit.getDouble("accelerators[0].intraNodeCollectiveScale");
        assertTrue(scale > 0.76 && scale < 0.85, "intra-node collective scale " + scale);
        assertTrue(fit.getDouble("accelerators[0].medianAbsoluteErrorLeaveOneOutPercent") < 10);
        // Data-parallel training on the same eight cards in fp32, one sequence each, so the gradient all-reduce (0.5 GB of fp32
        // gradients) outlasts the backward pass: under the profile the step takes longer.
        Map<String, Object> training = new HashMap<>(Map.of("acceleratorId", "nvidia-rtx-5090", "modelId", "gpt-2-small", "mode", "training",
                "batch", 8, "sequenceLength", 1024, "format", "fp32", "devices", 8));
        double table = given().contentType(ContentType.JSON).body(training).post("/v1/costs/models").then().statusCode(200).extract()
                .jsonPath().getDouble("timeSeconds");
        training.put("calibrationProfile", fit.getString("id"));
        double profiled = given().contentType(ContentType.JSON).body(training).post("/v1/costs/models").then().statusCode(200)
                .body("calibrationProfile.changed.parameter", hasItem("intraNodeCollectiveScale")).extract().jsonPath().getDouble("timeSeconds");
        assertTrue(profiled > 1.02 * table, profiled + " vs " + table);
        // nccl-tests without the cluster it ran on is named.
        given().contentType(ContentType.JSON).body(Map.of("format", "nccl-tests", "acceleratorId", "nvidia-rtx-5090", "text", text.toString()))
                .post("/v1/calibration-profiles/imports").then().statusCode(400).body("violations[0].path", equalTo("cluster"));
    }
}
