package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the catalog unreachable and nothing cached, an estimate is a 503 problem with Retry-After, not a 500. */
@QuarkusTest
@TestProfile(CatalogDownTest.Unreachable.class)
class CatalogDownTest {
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 9 (discard) on loopback: nothing listens, connections are refused at once.
            return Map.of("quarkus.rest-client.catalog.url", "http://127.0.0.1:9");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void answers503WithRetryAfter() {
        given().contentType(ContentType.JSON)
                .body(Map.of("acceleratorId", "nvidia-h100-sxm", "m", 64, "n", 64, "k", 64, "format", "bf16"))
                .post("/v1/costs/matmul")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://accelerometer.dev/problems/catalog-unavailable"));
    }
}
