package dev.accelerometer.catalog.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the seeded accelerators: filters, sorting, paging, derived figures and provenance. */
@QuarkusTest
class AcceleratorQueryTest {

    @Test
    void listsEveryTpuGenerationWithItsSources() {
        given().queryParam("kind", "tpu").queryParam("pageSize", 100)
                .when().get("/v1/accelerators")
                .then().statusCode(200)
                .body("items.id", hasItems("google-tpu-v1", "google-tpu-v2", "google-tpu-v3", "google-tpu-v4",
                        "google-tpu-v5e", "google-tpu-v5p", "google-tpu-v6e"))
                .body("items.kind", everyItem(equalTo("tpu")))
                .body("items.sources", everyItem(not(empty())))
                .body("items.sources.flatten().retrievedOn", everyItem(notNullValue()))
                .body("items.peakFp64FlopsPerSecond", everyItem(equalTo(null)));
    }

    @Test
    void formatFilterKeepsOnlyDevicesWithThatMode() {
        // fp8 tensor cores arrived with Ada/Hopper (NVIDIA H100 datasheet); Ampere and Volta have none.
        List<String> ids = given().queryParam("format", "fp8").queryParam("pageSize", 200)
                .when().get("/v1/accelerators")
                .then().statusCode(200)
                .body("items.peakFp8FlopsPerSecond", everyItem(notNullValue()))
                .extract().path("items.id");
        assertTrue(ids.contains("nvidia-h100-sxm"), ids.toString());
        assertTrue(ids.stream().noneMatch(id -> id.startsWith("nvidia-a100") || id.startsWith("nvidia-v100")), ids.toString());
    }

    @Test
    void minimumMemoryFilterAndDescendingSort() {
        long atLeast = 100L << 30;
        List<Double> peaks = given().queryParam("minMemoryBytes", atLeast).queryParam("sort", "-peakBf16FlopsPerSecond")
                .queryParam("pageSize", 200)
                .when().get("/v1/accelerators")
                .then().statusCode(200)
                .body("items.memoryBytes", everyItem(greaterThanOrEqualTo(atLeast)))
                .body("items.id", hasItems("amd-mi300x", "nvidia-h200"))
                .extract().path("items.peakBf16FlopsPerSecond");
        List<Double> present = peaks.stream().filter(p -> p != null).toList();
        for (int i = 1; i < present.size(); i++) {
            assertTrue(present.get(i - 1) >= present.get(i), "not sorted descending: " + present);
        }
    }

    @Test
    void sortsByADerivedFigure() {
        List<Double> perWatt = given().queryParam("sort", "-derived.flopsPerSecondPerWatt.bf16").queryParam("format", "bf16")
                .queryParam("pageSize", 200)
                .when().get("/v1/accelerators")
                .then().statusCode(200)
                .extract().path("items.derived.flopsPerSecondPerWatt.bf16");
        List<Double> present = perWatt.stream().filter(p -> p != null).toList();
        assertTrue(present.size() > 10, "too few devices with bf16 and TDP: " + present);
        for (int i = 1; i < present.size(); i++) {
            assertTrue(present.get(i - 1) >= present.get(i), "not sorted descending: " + present);
        }
    }

    @Test
    void pagesAreConsistent() {
        Map<String, Object> first = given().queryParam("pageSize", 5).queryParam("page", 1).get("/v1/accelerators").then()
                .statusCode(200).extract().path("$");
        int total = (Integer) first.get("totalItems");
        assertTrue(total >= 40, "the seed has at least 40 accelerators, got " + total);
        assertEquals((total + 4) / 5, first.get("totalPages"));
        List<String> page1 = given().queryParam("pageSize", 5).queryParam("page", 1).get("/v1/accelerators").then().extract().path("items.id");
        List<String> page2 = given().queryParam("pageSize", 5).queryParam("page", 2).get("/v1/accelerators").then().extract().path("items.id");
        assertEquals(5, page1.size());
        assertTrue(page1.stream().noneMatch(page2::contains), page1 + " overlaps " + page2);
    }

    @Test
    void derivedFiguresOfH100FollowFromItsDatasheet() {
        // NVIDIA H100 SXM datasheet: bf16 1,979 TFLOP/s with sparsity -> 989.5 dense (ledger spec-03 rounds to 989),
        // 3.35 TB/s HBM3, 700 W max TDP.
        double bf16 = 989.5e12;
        given().when().get("/v1/accelerators/nvidia-h100-sxm")
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("peakBf16FlopsPerSecond", closeTo(bf16, 1e9))
                .body("memoryBandwidthBytesPerSecond", closeTo(3.35e12, 1e6))
                .body("tdpWatts", closeTo(700.0, 1e-9))
                .body("derived.ridgePointFlopsPerByte.bf16", closeTo(bf16 / 3.35e12, 1e-6))
                .body("derived.flopsPerSecondPerWatt.bf16", closeTo(bf16 / 700, 1e3))
                .body("derived.ridgePointFlopsPerByte", not(hasKey("int4")));
    }

    @Test
    void everyValueNamesItsSource() {
        Map<String, Object> h100 = given().get("/v1/accelerators/nvidia-h100-sxm").then().statusCode(200).extract().path("$");
        @SuppressWarnings("unchecked")
        Map<String, String> fieldSources = (Map<String, String>) h100.get("fieldSources");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sources = (List<Map<String, Object>>) h100.get("sources");
        List<Object> sourceIds = sources.stream().map(s -> s.get("id")).toList();
        for (String field : List.of("memoryBytes", "memoryBandwidthBytesPerSecond", "peakBf16FlopsPerSecond", "tdpWatts")) {
            assertTrue(sourceIds.contains(fieldSources.get(field)), field + " -> " + fieldSources.get(field) + " not in " + sourceIds);
        }
        sources.forEach(s -> assertTrue(List.of("datasheet", "measured", "derived", "paper", "vendor-page", "price-list").contains(s.get("kind")), s.toString()));
    }

    /**
     * Issue 18's confidence per value: each field's comes from the source it names. The RTX 5080's tensor peaks are NVIDIA's
     * "AI TOPS" divided by the RTX 5090 whitepaper's ratios (marked estimated, V40); its TDP is read from a spec table in a review
     * (datasheet) and its bandwidth computed from the bus width and data rate (derived); the B200's L2 size was read from a deviceQuery-style run (measured, V31); the H100's NVLink per direction is
     * half the datasheet's bidirectional figure (derived).
     */
    @Test
    void everyValueSaysHowItWasObtained() {
        given().get("/v1/accelerators/nvidia-rtx-5080").then().statusCode(200)
                .body("fieldConfidence.peakBf16FlopsPerSecond", equalTo("estimated"))
                .body("fieldConfidence.peakFp8FlopsPerSecond", equalTo("estimated"))
                .body("fieldConfidence.tdpWatts", equalTo("datasheet"))
                .body("fieldConfidence.memoryBandwidthBytesPerSecond", equalTo("derived"))
                .body("sources.find { it.id == 'tensor' }.confidence", equalTo("estimated"));
        given().get("/v1/accelerators/nvidia-b200").then().statusCode(200)
                .body("fieldConfidence.l2CacheBytes", equalTo("measured"));
        Map<String, Object> h100 = given().get("/v1/accelerators/nvidia-h100-sxm").then().statusCode(200)
                .body("fieldConfidence.scaleUpBandwidthPerDirectionBytesPerSecond", equalTo("derived"))
                .extract().path("$");
        @SuppressWarnings("unchecked")
        Map<String, String> fieldSources = (Map<String, String>) h100.get("fieldSources");
        @SuppressWarnings("unchecked")
        Map<String, String> fieldConfidence = (Map<String, String>) h100.get("fieldConfidence");
        assertEquals(fieldSources.keySet(), fieldConfidence.keySet(), "a confidence for every sourced field");
        given().get("/v1/interconnects/nvswitch-gen4").then().statusCode(200)
                .body("fieldConfidence.bandwidthPerDirectionBytesPerSecond", equalTo("derived"));
        given().get("/v1/models/llama-3-8b").then().statusCode(200).body("fieldConfidence", not(anEmptyMap()));
        given().get("/v1/systems/nvidia-dgx-h100").then().statusCode(200).body("fieldConfidence", not(anEmptyMap()));
    }

    @Test
    void comparesAcceleratorsSideBySide() {
        given().queryParam("ids", "nvidia-a100-sxm-80gb,nvidia-h100-sxm,google-tpu-v5p").queryParam("formats", "bf16")
                .when().get("/v1/accelerator-comparison")
                .then().statusCode(200)
                .body("accelerators.id", equalTo(List.of("nvidia-a100-sxm-80gb", "nvidia-h100-sxm", "google-tpu-v5p")))
                // H100 SXM (989 TFLOP/s, NVIDIA datasheet) beats A100 (312) and TPU v5p (459, Google Cloud docs) on dense bf16.
                .body("metrics.find { it.metric == 'peakBf16FlopsPerSecond' }.best", equalTo("nvidia-h100-sxm"))
                .body("metrics.find { it.metric == 'peakBf16FlopsPerSecond' }.ratioToBest.'nvidia-a100-sxm-80gb'", closeTo(312.0 / 989.5, 1e-3))
                .body("metrics.find { it.metric == 'derived.ridgePointFlopsPerByte.bf16' }.best", equalTo(null));
    }

    @Test
    void comparisonNeedsKnownIds() {
        given().queryParam("ids", "nvidia-h100-sxm,no-such-gpu")
                .when().get("/v1/accelerator-comparison")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.path", hasItem("ids"))
                .body("detail", startsWith("ids names no accelerator"));
    }

    @Test
    void servesEachAcceleratorsCloudPriceWithItsBasis() {
        // TPU v4: its own price, Google Cloud on-demand 3.22 USD per chip-hour (seed V2). H100 SXM: no own price, so
        // the cheapest priced instance holding it — lambda-8x-h100-sxm at 31.92 USD/h for 8 (seed V4) — ÷ 8.
        given().get("/v1/cloud-prices").then().statusCode(200)
                .body("find { it.acceleratorId == 'google-tpu-v4' }.basis", equalTo("accelerator"))
                .body("find { it.acceleratorId == 'google-tpu-v4' }.usdPerDeviceHour", closeTo(3.22, 1e-9))
                .body("find { it.acceleratorId == 'google-tpu-v4' }.provider", equalTo("Google Cloud"))
                .body("find { it.acceleratorId == 'nvidia-h100-sxm' }.basis", equalTo("instance"))
                .body("find { it.acceleratorId == 'nvidia-h100-sxm' }.systemId", equalTo("lambda-8x-h100-sxm"))
                .body("find { it.acceleratorId == 'nvidia-h100-sxm' }.usdPerDeviceHour", closeTo(31.92 / 8, 1e-9))
                .body("find { it.acceleratorId == 'nvidia-h100-sxm' }.acceleratorsPerInstance", equalTo(8))
                .body("acceleratorId", not(hasItem("google-tpu-v1")))
                // RTX A6000: the cheapest instance is RunPod's secure-cloud 1x, $0.79/h on demand and $0.49 spot in region US (V45,
                // from the row its price is read from); the TPU v4's price re-read in a May 2026 copy of Google's list (V45).
                .body("find { it.acceleratorId == 'nvidia-rtx-a6000' }.systemId", equalTo("runpod-1x-rtx-a6000"))
                .body("find { it.acceleratorId == 'nvidia-rtx-a6000' }.region", equalTo("US"))
                .body("find { it.acceleratorId == 'nvidia-rtx-a6000' }.spotUsdPerDeviceHour", closeTo(0.49, 1e-9))
                .body("find { it.acceleratorId == 'google-tpu-v4' }.date", equalTo("2026-05"));
    }
}
