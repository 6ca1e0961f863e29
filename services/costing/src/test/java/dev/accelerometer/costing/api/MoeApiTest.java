package dev.accelerometer.costing.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.testing.NeighbourStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Today's architectures through the costing API, against the catalog's recorded answers: a mixture of experts decodes
 * what its batch touches, latent attention caches its latent, an encoder-decoder is a 422 (counted, not costed), and
 * an inconsistent shape is a 400 naming the field.
 */
@QuarkusTest
@QuarkusTestResource(value = NeighbourStubs.class, restrictToAnnotatedClass = false)
class MoeApiTest {
    private static io.restassured.specification.RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    private static Map<String, Object> decode(String modelId, int batch) {
        return Map.of("acceleratorId", "nvidia-h100-sxm", "modelId", modelId, "mode", "decode", "batch", batch, "sequenceLength", 1024,
                "format", "bf16");
    }

    @Test
    void aMixtureOfExpertsDecodesWhatItsBatchTouches() {
        // Mixtral 8x7B (catalog V16): 46.70B parameters, 12.88B active; batch 1 reads 2 of 8 experts per block.
        var one = json().body(decode("mixtral-8x7b", 1)).post("/v1/costs/models").then().statusCode(200)
                .body("model.parameters", equalTo(46_702_792_704L))
                .body("model.activeParameters", equalTo(12_879_925_248L))
                .body("assumptions", hasItem(containsString("= 2.00 of 8 experts")))
                .extract();
        double batchOne = one.path("timeSeconds");
        double batch64 = json().body(decode("mixtral-8x7b", 64)).post("/v1/costs/models").then().statusCode(200)
                .body("assumptions", hasItem(containsString("= 8.00 of 8 experts"))).extract().path("timeSeconds");
        // 64 tokens read nearly all 46.7B parameters, one token about 12.9B: well over twice the time, far under 64 times.
        assertTrue(batch64 > 2.5 * batchOne && batch64 < 8 * batchOne, batchOne + " s vs " + batch64 + " s");
    }

    @Test
    void latentAttentionCachesItsLatent() {
        // DeepSeek-V3: 61 blocks × (512 + 64) elements × 2 bytes per token, against 61 × 2 × 128 × 128 × 2 for full heads.
        json().body(decode("deepseek-v3", 1)).post("/v1/costs/models").then().statusCode(200)
                .body("run.kvCacheBytes", closeTo(1024.0 * 61 * 576 * 2, 1))
                .body("assumptions", hasItem(containsString("multi-head latent attention")));
    }

    @Test
    void moeTrainingQuotesTheMoeBand() {
        json().body(Map.of("acceleratorId", "nvidia-h100-sxm", "modelId", "mixtral-8x7b", "mode", "training", "batch", 8,
                        "sequenceLength", 4096, "format", "bf16", "devices", 8, "steps", 10))
                .post("/v1/costs/models").then().statusCode(200)
                .body("expectedError.category", equalTo("moe-training"))
                .body("breakdown.operation", hasItem(containsString("MoE layer host time forward")));
        given().get("/v1/validation").then().statusCode(200)
                .body("categories.find { it.category == 'moe-training' }.cases", greaterThan(3));
    }

    @Test
    void anEncoderDecoderIsCountedNotCosted() {
        json().body(decode("t5-base", 1)).post("/v1/costs/models").then().statusCode(422)
                .body("type", containsString("unsupported-architecture"))
                .body("violations.path", hasItem("modelId"));
    }

    @Test
    void inconsistentShapesNameTheField() {
        Map<String, Object> model = new HashMap<>(Map.of("name", "bad-moe", "layers", 32, "hiddenSize", 4096, "attentionHeads", 32, "kvHeads",
                8, "ffnSize", 14336, "ffnKind", "swiglu", "vocabSize", 32000, "maxSequenceLength", 4096));
        model.put("mixtureOfExperts", Map.of("experts", 8, "expertsPerToken", 9, "expertFfnSize", 14336));
        Map<String, Object> body = new HashMap<>(Map.of("acceleratorId", "nvidia-h100-sxm", "mode", "decode", "batch", 1, "sequenceLength",
                1024, "format", "bf16"));
        body.put("model", model);
        json().body(body).post("/v1/costs/models").then().statusCode(400)
                .body("violations.path", hasItem("model.mixtureOfExperts.expertsPerToken"));
        model.remove("mixtureOfExperts");
        model.put("attentionKind", "gqa");
        model.put("latentAttention", Map.of("keyValueRank", 512, "nopeHeadDim", 128, "ropeHeadDim", 64, "valueHeadDim", 128));
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("model.latentAttention"));
        model.remove("latentAttention");
        model.remove("attentionKind");
        model.put("slidingWindow", Map.of("windowTokens", 8192));
        json().body(body).post("/v1/costs/models").then().statusCode(400).body("violations.path", hasItem("model.slidingWindow.windowTokens"));
    }
}
