package dev.accelerometer.costing.api;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An edit in the catalog reaches costing's next estimate through the change feed, without a restart. The catalog is
 * its recorded answers (testing's NeighbourStubs); the edit is played the way the catalog announces one: the document
 * answers with the new value and the change feed lists it (listChanges in openapi/catalog.yaml).
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
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
        WireMockServer catalog = NeighbourStubs.catalog();
        ObjectNode a10 = (ObjectNode) json.readTree(given().get(catalog.baseUrl() + "/v1/accelerators/nvidia-a10").then().statusCode(200)
                .extract().asString());
        ObjectNode feed = (ObjectNode) json.readTree(given().get(catalog.baseUrl() + "/v1/changes?after=0&limit=1000").then().statusCode(200)
                .extract().asString());
        long sequence = feed.get("latestSequence").asLong() + 1;
        long version = a10.get("version").asLong() + 1;
        a10.put("memoryBandwidthBytesPerSecond", 2 * a10.get("memoryBandwidthBytesPerSecond").asDouble()).put("version", version);
        try {
            catalog.stubFor(get(urlEqualTo("/v1/accelerators/nvidia-a10")).atPriority(0).willReturn(okJson(a10.toString())));
            catalog.stubFor(get(urlPathEqualTo("/v1/changes")).atPriority(0).willReturn(okJson("{\"latestSequence\": " + sequence
                    + ", \"changes\": [{\"sequence\": " + sequence + ", \"collection\": \"accelerators\", \"id\": \"nvidia-a10\", \"version\": "
                    + version + ", \"operation\": \"replace\"}], \"more\": false}")));
            double after = before;
            for (int i = 0; i < 40 && after > 0.75 * before; i++) {
                Thread.sleep(250);
                after = gemvSeconds();
            }
            assertEquals(before / 2, after, before * 0.02, "memory time should halve once the change feed is polled");
        } finally {
            catalog.resetToDefaultMappings();
        }
        assertTrue(before > 0);
    }
}
