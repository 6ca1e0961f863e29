package dev.accelerometer.catalog.api;

import static dev.accelerometer.catalog.api.Fixtures.gpu;
import static dev.accelerometer.catalog.api.Fixtures.uniqueId;
import static dev.accelerometer.catalog.api.Fixtures.writer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of bad input is a 4xx application/problem+json naming the field and what to change. */
@QuarkusTest
class BadInputTest {

    private static void rejected(Map<String, Object> body, String field) {
        writer().body(body).when().post("/v1/accelerators")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("/problems/"))
                .body("status", equalTo(400))
                .body("violations.path", hasItem(field));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NamingIt() {
        // Was a 404 "HTTP 404 Not Found" (JAX-RS' answer to a query parameter that does not convert).
        given().queryParam("page", "abc").get("/v1/accelerators")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].path", equalTo("page"));
    }

    @Test
    void aNulCharacterIsA400NamingWhereItWas() {
        // Was a 500: PostgreSQL refuses NUL in text.
        given().urlEncodingEnabled(false).get("/v1/accelerators?vendor=nv%00idia")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].path", equalTo("vendor"));
        Map<String, Object> body = gpu(uniqueId("nul"));
        body.put("name", "GPU\u0000");
        rejected(body, "name");
    }

    @Test
    void aBodyInAnotherCharsetThanUtf8IsA415() {
        // Was read as UTF-8 whatever the charset said (charset=x-nonsense answered 200).
        for (String charset : List.of("x-nonsense", "ISO-8859-1")) {
            byte[] json = ("{\"id\": \"" + uniqueId("charset") + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            writer().contentType("application/json; charset=" + charset).body(json)
                    .when().post("/v1/accelerators")
                    .then().statusCode(415).contentType("application/problem+json")
                    .body("violations[0].path", equalTo("Content-Type"));
        }
        writer().contentType("application/json; charset=UTF-8").body(gpu(uniqueId("utf8")))
                .when().post("/v1/accelerators").then().statusCode(201);
    }

    @Test
    void rejectsNegativeMemory() {
        Map<String, Object> body = gpu(uniqueId("neg"));
        body.put("memoryBytes", -1);
        rejected(body, "memoryBytes");
    }

    @Test
    void rejectsZeroBandwidth() {
        Map<String, Object> body = gpu(uniqueId("zero"));
        body.put("memoryBandwidthBytesPerSecond", 0);
        rejected(body, "memoryBandwidthBytesPerSecond");
    }

    @Test
    void rejectsFp64PeakOnATpu() {
        Map<String, Object> body = gpu(uniqueId("tpu"));
        body.put("kind", "tpu");
        body.put("peakFp64FlopsPerSecond", 1.0e13);
        @SuppressWarnings("unchecked")
        Map<String, String> fieldSources = (Map<String, String>) body.get("fieldSources");
        fieldSources.put("peakFp64FlopsPerSecond", "sheet");
        writer().body(body).post("/v1/accelerators")
                .then().statusCode(400)
                .body("violations.find { it.path == 'peakFp64FlopsPerSecond' }.message", containsString("TPU has no FP64"));
    }

    @Test
    void rejectsSystolicArrayOnAGpu() {
        Map<String, Object> body = gpu(uniqueId("sys"));
        body.put("systolicArrayRows", 128);
        body.put("systolicArrayColumns", 128);
        rejected(body, "systolicArrayRows");
    }

    @Test
    void rejectsAValueWithoutASource() {
        Map<String, Object> body = gpu(uniqueId("nosrc"));
        body.put("peakFp16FlopsPerSecond", 2.0e14);
        writer().body(body).post("/v1/accelerators")
                .then().statusCode(400)
                .body("violations.find { it.path == 'peakFp16FlopsPerSecond' }.message", containsString("no source"));
    }

    @Test
    void rejectsASourceReferenceThatDoesNotExist() {
        Map<String, Object> body = gpu(uniqueId("badref"));
        @SuppressWarnings("unchecked")
        Map<String, String> fieldSources = (Map<String, String>) body.get("fieldSources");
        fieldSources.put("tdpWatts", "missing-sheet");
        rejected(body, "fieldSources.tdpWatts");
    }

    @Test
    void rejectsUnknownFields() {
        Map<String, Object> body = gpu(uniqueId("unknown"));
        body.put("peakFp12FlopsPerSecond", 1.0);
        writer().body(body).post("/v1/accelerators")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://accelerometer.dev/problems/unknown-field"))
                .body("violations.path", hasItem("peakFp12FlopsPerSecond"));
    }

    @Test
    void rejectsAnUnknownKind() {
        Map<String, Object> body = gpu(uniqueId("kind"));
        body.put("kind", "fpga");
        writer().body(body).post("/v1/accelerators")
                .then().statusCode(400)
                .body("violations.path", hasItem("kind"))
                .body("detail", containsString("gpu"));
    }

    @Test
    void rejectsMalformedIds() {
        rejected(gpu("NVIDIA H100!"), "id");
        given().get("/v1/accelerators/Not_A_Slug").then().statusCode(400).contentType("application/problem+json")
                .body("violations.path", hasItem("id"));
        given().get("/v1/accelerators/no-such-gpu").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void rejectsAnIdThatDiffersFromThePath() {
        String id = uniqueId("path");
        writer().body(gpu(id)).post("/v1/accelerators").then().statusCode(201);
        writer().header("If-Match", "\"0\"").body(gpu(uniqueId("other"))).put("/v1/accelerators/" + id)
                .then().statusCode(400).body("violations.path", hasItem("id"));
    }

    @Test
    void rejectsMalformedJson() {
        writer().body("{\"id\": ").post("/v1/accelerators")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void rejectsAWrongType() {
        Map<String, Object> body = gpu(uniqueId("type"));
        body.put("memoryBytes", "lots");
        rejected(body, "memoryBytes");
    }

    @Test
    void rejectsNestedErrorsWithTheirPath() {
        Map<String, Object> body = gpu(uniqueId("nested"));
        body.put("sources", List.of(Map.of("id", "sheet", "title", "T", "url", "not a url", "kind", "datasheet", "retrievedOn", "2026-11-21")));
        rejected(body, "sources[0].url");
    }

    @Test
    void rejectsUnknownFiltersAndSortKeys() {
        given().queryParam("colour", "green").get("/v1/accelerators")
                .then().statusCode(400).contentType("application/problem+json").body("violations.path", hasItem("colour"));
        given().queryParam("sort", "-speed").get("/v1/accelerators")
                .then().statusCode(400).body("violations.path", hasItem("sort"));
        given().queryParam("minMemoryBytes", "lots").get("/v1/accelerators")
                .then().statusCode(400).body("violations.path", hasItem("minMemoryBytes"));
        given().queryParam("format", "fp7").get("/v1/accelerators")
                .then().statusCode(400).body("violations.path", hasItem("format"));
        given().queryParam("pageSize", 0).get("/v1/accelerators")
                .then().statusCode(400).contentType("application/problem+json").body("violations.path", hasItem("pageSize"));
    }

    @Test
    void rejectsAGqaModelWhoseHeadsDoNotDivide() {
        Map<String, Object> model = new java.util.HashMap<>(Map.of("id", uniqueId("model"), "name", "Odd", "kind", "transformer-decoder",
                "layers", 2, "hiddenSize", 64, "attentionHeads", 8, "kvHeads", 3, "ffnSize", 256, "vocabSize", 100,
                "parameterCount", 100000));
        model.put("sources", List.of(Map.of("id", "p", "title", "Paper", "kind", "paper", "retrievedOn", "2026-11-21")));
        model.put("fieldSources", Map.of("layers", "p", "hiddenSize", "p", "attentionHeads", "p", "kvHeads", "p", "ffnSize", "p",
                "vocabSize", "p", "parameterCount", "p"));
        writer().body(model).post("/v1/models").then().statusCode(400).body("violations.path", hasItem("kvHeads"));
    }
}
