package dev.accelerometer.catalog.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request builders shared by the API tests: a valid accelerator body and an authenticated request. */
final class Fixtures {
    /** The test profile's key (application.properties: %test.catalog.api-keys). */
    static final String KEY = "test-catalog-key";

    private Fixtures() {
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification writer() {
        return given().header("X-API-Key", KEY).contentType(ContentType.JSON);
    }

    /** A made-up GPU: every value sourced from one invented datasheet, enough to pass validation. */
    static Map<String, Object> gpu(String id) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("vendor", "Testco");
        body.put("name", "Test GPU " + id);
        body.put("kind", "gpu");
        body.put("memoryBytes", 24L << 30);
        body.put("memoryBandwidthBytesPerSecond", 1.0e12);
        body.put("peakBf16FlopsPerSecond", 2.0e14);
        body.put("tdpWatts", 400.0);
        body.put("sources", List.of(Map.of("id", "sheet", "title", "Testco T1 datasheet", "url", "https://example.com/t1.pdf",
                "kind", "datasheet", "retrievedOn", "2026-11-21")));
        body.put("fieldSources", new HashMap<>(Map.of("memoryBytes", "sheet", "memoryBandwidthBytesPerSecond", "sheet",
                "peakBf16FlopsPerSecond", "sheet", "tdpWatts", "sheet")));
        return body;
    }
}
