package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An edit in the catalog reaches costing's next estimate through the change feed, without a restart. */
@QuarkusTest
@QuarkusTestResource(value = CatalogProcess.class, restrictToAnnotatedClass = false)
class CatalogChangeTest {
    private final ObjectMapper json = new ObjectMapper();

    private double gemvSeconds() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("acceleratorId", "nvidia-a10", "m", 1, "n", 8192, "k", 8192, "format", "fp16"))
                .post("/v1/costs/matmul").then().statusCode(200).extract().<Double>path("memorySeconds").doubleValue();
    }

    @Test
    void doublingBandwidthInTheCatalogHalvesAMemoryBoundEstimate() throws Exception {
        double before = gemvSeconds();
        String catalog = CatalogProcess.url();
        var current = given().get(catalog + "/v1/accelerators/nvidia-a10").then().statusCode(200).extract();
        ObjectNode a10 = (ObjectNode) json.readTree(current.asString());
        double bandwidth = a10.get("memoryBandwidthBytesPerSecond").asDouble();
        a10.put("memoryBandwidthBytesPerSecond", 2 * bandwidth);
        String etag = current.header("ETag");
        String updated = given().header("X-API-Key", CatalogProcess.KEY).header("If-Match", etag).contentType(ContentType.JSON)
                .body(a10.toString()).put(catalog + "/v1/accelerators/nvidia-a10").then().statusCode(200).extract().header("ETag");
        try {
            double after = before;
            for (int i = 0; i < 40 && after > 0.75 * before; i++) {
                Thread.sleep(250);
                after = gemvSeconds();
            }
            assertEquals(before / 2, after, before * 0.02, "memory time should halve once the change feed is polled");
        } finally {
            a10.put("memoryBandwidthBytesPerSecond", bandwidth);
            given().header("X-API-Key", CatalogProcess.KEY).header("If-Match", updated).contentType(ContentType.JSON)
                    .body(a10.toString()).put(catalog + "/v1/accelerators/nvidia-a10").then().statusCode(200);
        }
        assertTrue(before > 0);
    }
}
