package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.catalog.CatalogApi;
import dev.accelerometer.common.costing.CostingApi;
import dev.accelerometer.testing.ClientContract;
import dev.accelerometer.testing.NeighbourContracts;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Costing's clients and callers against the documents: the document costing serves against the client planner and
 * quantization call it with (common's CostingApi), so a change here that would break them fails this build; and the
 * catalog client costing calls with against the catalog's committed document.
 */
@QuarkusTest
class ClientContractTest {
    @Test
    void servesEverythingTheCostingClientReads() throws Exception {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        List<String> violations = NeighbourContracts.costingContract(ClientContract.against(new ObjectMapper().readTree(document)))
                .check(CostingApi.class);
        assertEquals(List.of(), violations);
    }

    @Test
    void readsOnlyWhatTheCatalogDocuments() {
        assertEquals(List.of(), ClientContract.against(Path.of("../../openapi/catalog.json")).check(CatalogApi.class));
    }
}
