package dev.accelerometer.costing.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.testing.StubRecorder;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Records costing's answers that planner and quantization read — the calibration table (with its ETag), the error bands
 * of the validation ledger and a calibration profile — for their tests, which replay them from WireMock (testing's
 * NeighbourStubs). The profile answers for every profile id: an H100 whose large bf16 GEMMs take 25 % longer than the
 * table's constants say (illustrative timings, not a published measurement: it exercises the mechanics).
 */
@QuarkusTest
class StubsRecordingTest {
    @Test
    void recordsWhatTheOtherServicesRead() {
        java.util.List<java.util.Map<String, Object>> measurements = new java.util.ArrayList<>();
        for (long[] s : new long[][] {{8192, 8192, 8192}, {4096, 4096, 4096}, {16384, 8192, 8192}, {6144, 17920, 2816}}) {
            java.util.Map<String, Object> matmul = java.util.Map.of("acceleratorId", "nvidia-h100-sxm", "m", s[0], "n", s[1], "k", s[2], "format", "bf16");
            double seconds = io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body(matmul)
                    .post("/v1/costs/matmul").then().statusCode(200).extract().jsonPath().getDouble("timeSeconds");
            measurements.add(java.util.Map.of("acceleratorId", "nvidia-h100-sxm", "matmul", matmul, "timeSeconds", 1.25 * seconds));
        }
        String id = io.restassured.RestAssured.given().header("X-API-Key", "alice-key").contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("name", "slower H100 GEMMs (test fixture)", "acceleratorIds", java.util.List.of("nvidia-h100-sxm"),
                        "measurements", measurements))
                .post("/v1/calibration-profiles").then().statusCode(201).extract().jsonPath().getString("id");
        // The bands per accelerator that planner's serving answers and quantization's decode notes quote (others fall back to
        // the category's, as when costing cannot answer).
        StubRecorder recorder = new StubRecorder().getAny("/v1/calibrations", "/v1/calibrations").get("/v1/error-bands")
                .get("/v1/error-bands?acceleratorId=nvidia-h100-sxm").get("/v1/error-bands?acceleratorId=nvidia-a100-sxm-80gb")
                .getAny("/v1/calibration-profiles/[0-9a-f-]{36}", "/v1/calibration-profiles/" + id);
        recorder.write(Path.of("target", "stubs"), "costing");
        assertEquals(5, recorder.size());
    }
}
