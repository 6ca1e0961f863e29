package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Megatron-LM's Selene runs in the validation report (category training), by the planner's plan model. Korthikanti et al. 2022, Table 5 (ledger selene-megatron-22b-*, korthikanti-*; catalog V6, V77): Megatron-LM's iteration times of
 * GPT-22B, GPT-3 175B, MT-NLG 530B and Megatron 1T on 8 to 512 A100s, full recomputation against sequence parallelism with
 * selective recomputation. The 22B pair derives Megatron-LM's Ampere training-step efficiency; the multi-node pipelines (8 to 64
 * stages, interleaved or not) are held out and meet issue 4's bar for Megatron's published runs, 10 %. Narayanan et al. 2021,
 * Tables 1 and 2 (ledger train-01 … train-04, narayanan-*; catalog V6, V78): TFLOP/s per GPU of 1.7B … 1T models on 32 … 3,072 GPUs,
 * all held out; the four Table 1 rows the planner's own test holds to 10 % (PlanApiTest) stay there, the rest within 20 %.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class MegatronLmValidationTest {
    @Test
    void megatronIterationTimesAreCasesAndTheHeldOutPipelinesLandWithinTenPercent() {
        JsonPath report = given().get("/v1/validation").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> cases = report.getList("cases.findAll { it.category == 'training' && (it.measurementId.startsWith('korthikanti-') "
                + "|| it.measurementId.startsWith('selene-megatron-22b-')) }");
        assertEquals(Set.of("selene-megatron-22b-full", "selene-megatron-22b-seqsel", "korthikanti-175b-full", "korthikanti-175b-seqsel",
                "korthikanti-530b-full", "korthikanti-530b-seqsel", "korthikanti-1t-full", "korthikanti-1t-seqsel"),
                cases.stream().map(c -> (String) c.get("measurementId")).collect(Collectors.toSet()));
        for (Map<String, Object> c : cases) {
            assertEquals("training", c.get("category"));
            assertEquals("seconds per iteration", c.get("unit"));
            boolean calibration = ((String) c.get("measurementId")).startsWith("selene-");
            assertEquals(calibration, c.get("usedForCalibration"), c.toString());
            double error = Math.abs(((Number) c.get("errorPercent")).doubleValue());
            assertTrue(error < (calibration ? 5 : 10), c.toString());
        }
        // Selective recomputation with sequence parallelism is faster than full recomputation for every model, as measured.
        for (String model : List.of("175b", "530b", "1t")) {
            assertTrue(predicted(report, "korthikanti-" + model + "-seqsel") < predicted(report, "korthikanti-" + model + "-full"), model);
        }
    }

    @Test
    void narayananScalingRunsAreHeldOutCases() {
        JsonPath report = given().get("/v1/validation").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> cases = report.getList("cases.findAll { it.measurementId.startsWith('narayanan-') "
                + "|| it.measurementId ==~ /train-0[1-4]/ }");
        assertEquals(16, cases.size(), cases.toString());
        for (Map<String, Object> c : cases) {
            assertEquals("training", c.get("category"));
            assertEquals("TFLOP/s per GPU", c.get("unit"));
            assertEquals(false, c.get("usedForCalibration"), c.toString());
            double error = Math.abs(((Number) c.get("errorPercent")).doubleValue());
            assertTrue(error < (((String) c.get("measurementId")).startsWith("train-") ? 10 : 20), c.toString());
        }
        // Table 2: the same 175B batch on 4x the GPUs loses throughput per GPU (measured 153 -> 141), and so does the model.
        assertTrue(predicted(report, "narayanan-t2-175b-1536") < predicted(report, "narayanan-t2-175b-384"));
    }

    @Test
    void bloomsLoggedIterationIsAHeldOutCaseOnItsOwnNodes() {
        // BigScience's tr11 README: 104.70 s per iteration at batch 2048 × 2048 on 384 A100s of Jean Zay (4 Omni-Path links per node,
        // catalog V79), t4 p12 d8, micro-batch 2, bf16, full recomputation, DeepSpeed's BF16 optimizer (ZeRO-1).
        JsonPath report = given().get("/v1/validation").then().statusCode(200).extract().jsonPath();
        Map<String, Object> c = report.getMap("cases.find { it.measurementId == 'bloom-tr11-iteration' }");
        assertEquals("training", c.get("category"));
        assertEquals(false, c.get("usedForCalibration"));
        assertTrue(((String) c.get("assumption")).contains("genci-jean-zay-a100-node") && ((String) c.get("assumption")).contains("ZeRO-1"),
                c.toString());
        assertTrue(Math.abs(((Number) c.get("errorPercent")).doubleValue()) < 15, c.toString());
    }

    @Test
    void llama3ConfigurationsAreHeldOutWithTheirKnownGap() {
        // Llama 3 405B (Dubey et al. 2024, Table 4): 43 % BF16 MFU on 8,192 H100s, 41 % on 16,384 at the same 16M-token batch. The
        // planner's search at t8 p16 finds only non-interleaved plans that fit 80 GB without recomputation (Megatron's interleaved
        // schedule holds 1 + (p−1)/(p·v) times the activations; Meta's own schedule holds fewer), so its bubble grows as the batch
        // per replica halves: the cases say so (−12.8 % and −32.1 %), and the MFU falls with the GPUs as measured.
        JsonPath report = given().get("/v1/validation").then().statusCode(200).extract().jsonPath();
        for (String id : List.of("llama3-405b-8k", "llama3-405b-16k")) {
            Map<String, Object> c = report.getMap("cases.find { it.measurementId == '" + id + "' }");
            assertEquals("training", c.get("category"), id);
            assertEquals(false, c.get("usedForCalibration"), id);
            assertEquals("MFU %", c.get("unit"), id);
        }
        assertTrue(predicted(report, "llama3-405b-16k") < predicted(report, "llama3-405b-8k"));
        assertTrue(Math.abs(report.getDouble("cases.find { it.measurementId == 'llama3-405b-8k' }.errorPercent")) < 20);
    }

    @Test
    void trainingMemoryFootprintsAreCases() {
        // The ZeRO paper's model states (7.5B on 64 GPUs: 120 / 31.4 / 16.6 / 1.9 GB, its Figure 1, rounded) and Korthikanti et al.'s
        // GPT-22B at t = 8 (Figure 1 in GiB: states 45.5625, activations 59.25 without and 9.5625 with sequence parallelism and
        // selective recomputation): the planner's memory formulas within the figures' rounding (2 %) and 5 % (the 22B states: the
        // catalog model's 22.07B parameters against the 21.74B that 45.5625 GiB at 18 bytes per parameter implies, about one embedding).
        JsonPath report = given().get("/v1/validation").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> cases = report.getList("cases.findAll { it.category == 'training-memory' }");
        Set<String> ids = new java.util.HashSet<>(Set.of("mem-01", "mem-02", "mem-03", "mem-04", "selene-megatron-22b-mem-paramsopt",
                "selene-megatron-22b-mem-act-none", "selene-megatron-22b-mem-act-seqsel"));
        // The same figure's 175B, 530B and 1T (catalog V81) by the planner's plan memory at their layouts (the first stage; interleaving
        // holds 1 + (p−1)/(p·v) times the activations).
        for (String model : List.of("175b", "530b", "1t")) {
            ids.addAll(Set.of("korthikanti-fig1-" + model + "-states", "korthikanti-fig1-" + model + "-act-none", "korthikanti-fig1-" + model + "-act-seqsel"));
        }
        assertEquals(ids, cases.stream().map(c -> (String) c.get("measurementId")).collect(Collectors.toSet()));
        for (Map<String, Object> c : cases) {
            double error = Math.abs(((Number) c.get("errorPercent")).doubleValue());
            assertTrue(error < ("selene-megatron-22b-mem-paramsopt".equals(c.get("measurementId")) ? 5 : 2), c.toString());
        }
    }

    static double predicted(JsonPath report, String id) {
        return report.getDouble("cases.find { it.measurementId == '" + id + "' }.predicted");
    }
}
