package dev.accelerometer.catalog.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.catalog.CatalogApi;
import dev.accelerometer.testing.ClientContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog's own document against the client costing, planner and quantization call it with (common's CatalogApi):
 * a change here that would break them fails this build.
 */
@QuarkusTest
class ClientContractTest {
    @Test
    void servesEverythingTheCatalogClientReads() throws Exception {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        List<String> violations = ClientContract.against(new ObjectMapper().readTree(document)).check(CatalogApi.class);
        assertEquals(List.of(), violations);
    }
}
