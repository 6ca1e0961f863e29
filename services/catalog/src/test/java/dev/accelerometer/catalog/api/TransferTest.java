package dev.accelerometer.catalog.api;

import static dev.accelerometer.catalog.api.Fixtures.writer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Export and import: the round trip through JSON and through CSV is lossless, and a bad import writes nothing. */
@QuarkusTest
class TransferTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode exportJson() throws Exception {
        return json.readTree(given().get("/v1/export").then().statusCode(200).extract().asString());
    }

    @Test
    void jsonRoundTripRestoresDeletedAndEditedDocuments() throws Exception {
        JsonNode before = exportJson();
        assertTrue(before.get("accelerators").size() >= 40);
        // Damage the live catalog: delete one model, edit one interconnect.
        String modelTag = given().get("/v1/models/bert-base").then().extract().header("ETag");
        writer().header("If-Match", modelTag).delete("/v1/models/bert-base").then().statusCode(204);
        String etag = given().get("/v1/interconnects/pcie-4").then().extract().header("ETag");
        ObjectNode edited = (ObjectNode) json.readTree(given().get("/v1/interconnects/pcie-4").then().extract().asString());
        edited.put("name", "edited");
        writer().header("If-Match", etag).body(edited.toString()).put("/v1/interconnects/pcie-4").then().statusCode(200);

        writer().body(before.toString()).post("/v1/import")
                .then().statusCode(200)
                .body("models.updated", equalTo(1))
                .body("interconnects.updated", equalTo(1))
                .body("accelerators.created", equalTo(0));
        assertEquals(before, exportJson());
        given().get("/v1/models/bert-base").then().statusCode(200);
        given().get("/v1/models/bert-base/history").then().body("[0].operation", equalTo("import"));
    }

    @Test
    void csvRoundTripIsLossless() throws Exception {
        JsonNode before = exportJson();
        // Accept as openapi-generator's SDKs send it where the only JSON response is the error (was a 406).
        String csv = given().accept("application/problem+json").get("/v1/export/csv").then().statusCode(200).contentType("text/csv").extract().asString();
        assertTrue(csv.startsWith("collection,id,field,value\r\n"), csv.substring(0, 40));
        given().header("X-API-Key", Fixtures.KEY).contentType("text/csv; charset=utf-8").body(csv).post("/v1/import/csv")
                .then().statusCode(200)
                .body("accelerators.created", equalTo(0))
                .body("accelerators.updated", equalTo(0));
        assertEquals(before, exportJson());
    }

    @Test
    void anInvalidImportWritesNothing() throws Exception {
        ObjectNode bundle = (ObjectNode) exportJson();
        ObjectNode first = (ObjectNode) bundle.get("accelerators").get(0);
        String id = first.get("id").asText();
        first.put("name", "should not be written");
        ((ObjectNode) bundle.get("accelerators").get(1)).put("memoryBytes", -5);
        writer().body(bundle.toString()).post("/v1/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.path", hasItem("accelerators[1].memoryBytes"));
        given().get("/v1/accelerators/" + id).then().body("name", org.hamcrest.Matchers.not(equalTo("should not be written")));
    }

    @Test
    void importNeedsAnApiKey() {
        given().contentType("application/json").body("{}").post("/v1/import").then().statusCode(401);
    }

    @Test
    void rejectsAnUnknownCollection() {
        writer().body("{\"gpus\": []}").post("/v1/import").then().statusCode(400).body("violations.path", hasItem("gpus"));
    }
}
