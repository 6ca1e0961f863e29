package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The published GEMVs (ledger gemv-*, V24) in the validation report: the GEMM model's skinny shapes against cuBLAS and
 * llama.cpp at M = 1 … 32 — the baseline for the GEMV launch-geometry work (issue 15).
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class GemvValidationTest {
    @Test
    void theGemvsAreValidatedAndWarmCacheRunsAreSetAside() {
        JsonPath report = given().get("/v1/validation").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> cases = report.getList("cases.findAll { it.category == 'gemv' }");
        cases.forEach(c -> System.out.printf("%-8s %-20s %-40s measured %9.3f predicted %9.3f error %+7.1f%%%n", c.get("measurementId"),
                c.get("acceleratorId"), c.get("assumption"), ((Number) c.get("measured")).doubleValue(),
                ((Number) c.get("predicted")).doubleValue(), ((Number) c.get("errorPercent")).doubleValue()));
        System.out.println("gemv: " + report.getMap("categories.find { it.category == 'gemv' }"));
        // T4 (7 fp16 rows), H100 (4), B200 (4), H200 (1) are in the catalog and read from memory.
        assertTrue(cases.size() >= 12, "gemv cases " + cases.size());
        List<String> setAside = report.getList("notExpressible.findAll { it.category == 'gemv' }.reason", String.class);
        assertTrue(setAside.stream().anyMatch(r -> r.contains("warm-cache")), "the RTX 5090 rows read faster than its memory: " + setAside);
    }
}
