package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Which accelerator for my budget": a comparison ranks only the devices within its budget and lists the others with
 * the limit they break — including a device whose price the catalog lacks, which cannot be checked. Prices from the
 * catalog's recorded answers: H100 SXM $31.92/h ÷ 8 = $3.99 (Lambda), A100 SXM 40 GB $21.957642/h ÷ 8 = $2.74 (AWS
 * p4d), RTX 4090 no cloud price; list prices RTX 4090 $1,599, RTX 3090 $1,499, Titan RTX $2,499.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class ComparisonBudgetTest {
    private static final Map<String, Object> GEMM = Map.of("matmul", Map.of("m", 4096, "n", 4096, "k", 4096, "format", "fp16"));

    private static io.restassured.response.ValidatableResponse compare(List<String> ids, Map<String, Object> budget) {
        return given().contentType(ContentType.JSON).body(Map.of("acceleratorIds", ids, "workload", GEMM, "budget", budget))
                .post("/v1/comparisons").then().statusCode(201);
    }

    @Test
    void onlyDevicesWithinTheCloudPriceAreRanked() {
        // The RTX 4090's own cloud price (RunPod Secure Cloud, $0.74/h, catalog V27) ranks it; the RTX 3090 has none.
        compare(List.of("nvidia-h100-sxm", "nvidia-a100-sxm-40gb", "nvidia-rtx-4090", "nvidia-rtx-3090"), Map.of("maxCloudUsdPerHour", 3.0))
                .body("byTime", equalTo(List.of("nvidia-a100-sxm-40gb", "nvidia-rtx-4090")))
                .body("skipped.find { it.acceleratorId == 'nvidia-h100-sxm' }.reason", containsString("costs 3.99 USD per device-hour"))
                .body("skipped.find { it.acceleratorId == 'nvidia-rtx-3090' }.reason", containsString("no cloud price in the catalog"));
    }

    @Test
    void aPurchaseBudgetUsesTheListPrice() {
        compare(List.of("nvidia-rtx-4090", "nvidia-rtx-3090", "nvidia-titan-rtx"), Map.of("maxListPriceUsd", 2000))
                .body("entries", hasSize(2))
                .body("skipped.reason", hasItem(containsString("budget.maxListPriceUsd: lists at 2499")));
    }

    @Test
    void aTimeLimitNoDeviceMeetsLeavesNothingRankedAndSaysWhy() {
        compare(List.of("nvidia-h100-sxm", "nvidia-a100-sxm-40gb"), Map.of("maxTimeSeconds", 1e-9))
                .body("entries", hasSize(0))
                .body("skipped.reason", hasItem(containsString("budget.maxTimeSeconds")));
    }

    /**
     * "Which accelerator for my budget" over the whole catalog: every device is compared — ranked, or skipped with its reason —
     * none cut at a page boundary (the catalog holds 72 accelerators since its V42, more than the 50 a comparison once read).
     */
    @Test
    void theWholeCatalogIsComparedNotTheFirstPage() {
        var body = given().contentType(ContentType.JSON).body(Map.of("filter", Map.of(), "workload", GEMM, "budget", Map.of("maxCloudUsdPerHour", 2.0)))
                .post("/v1/comparisons").then().statusCode(201).extract().jsonPath();
        int entries = body.getList("entries").size();
        int skipped = body.getList("skipped").size();
        assertTrue(entries + skipped >= 72, "compared " + entries + " + skipped " + skipped);
        assertTrue(entries > 0 && body.getList("skipped.reason", String.class).stream().anyMatch(r -> r.contains("budget.maxCloudUsdPerHour")));
    }

    @Test
    void aNegativeLimitIsAProblemNamingIt() {
        given().contentType(ContentType.JSON).body(Map.of("acceleratorIds", List.of("nvidia-h100-sxm"), "workload", GEMM,
                "budget", Map.of("maxCloudUsdPerHour", -1))).post("/v1/comparisons").then().statusCode(400)
                .body("violations.path", hasItem("budget.maxCloudUsdPerHour"));
    }
}
