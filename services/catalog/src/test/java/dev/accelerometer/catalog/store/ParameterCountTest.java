package dev.accelerometer.catalog.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accelerometer.common.catalog.CatalogMapping;
import dev.accelerometer.common.catalog.CatalogModel;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every seeded model, read from the catalog and counted by the one formula the services use (common CatalogMapping →
 * model Transformer.parameters()), against the count its released checkpoint has or, where none was released, the
 * published figure. Exact counts read 2026-11-29: transformers' BertModel and GPT2Model, LlamaForCausalLM (configs and
 * safetensors index totals), the bigscience/bloom model card (commit 0f24f91), torchvision's resnet50.
 */
@QuarkusTest
class ParameterCountTest {
    private static final Map<String, Long> RELEASED = Map.ofEntries(
            Map.entry("bert-base", 109_482_240L), Map.entry("bert-large", 335_141_888L),
            Map.entry("gpt-2-small", 124_439_808L), Map.entry("gpt-2-medium", 354_823_168L),
            Map.entry("gpt-2-large", 774_030_080L), Map.entry("gpt-2-xl", 1_557_611_200L),
            Map.entry("llama-7b", 6_738_415_616L), Map.entry("llama-2-7b", 6_738_415_616L),
            Map.entry("llama-2-70b", 68_976_648_192L), Map.entry("llama-3-8b", 8_030_261_248L),
            Map.entry("llama-3-70b", 70_553_706_496L), Map.entry("llama-3.1-405b", 405_853_388_800L),
            Map.entry("bloom-176b", 176_247_271_424L), Map.entry("resnet-50", 25_557_032L), Map.entry("vgg-16", 138_357_544L));

    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void everySeededModelCountsAsItsCheckpoint() throws Exception {
        List<String> ids = given().queryParam("pageSize", 200).get("/v1/models").then().statusCode(200).extract().path("items.id");
        assertTrue(ids.size() >= 39, "seeded models: " + ids.size());
        for (String id : ids) {
            CatalogModel m = json.readValue(given().get("/v1/models/" + id).then().statusCode(200).extract().asString(), CatalogModel.class);
            long counted = m.isCnn() ? CatalogMapping.cnn(m, "modelId").parameters() : CatalogMapping.transformer(m, "modelId").parameters();
            Long released = RELEASED.get(id);
            if (released != null) {
                assertEquals(released, counted, id + ": the released checkpoint's count");
            } else if (id.startsWith("megatron-lm-")) {
                // Narayanan et al. 2021 §5.1 eq. (2): P = 12lh²(1 + 13/(12h) + (V+s)/(12lh)), plus the final LayerNorm (2h) it leaves out.
                double l = m.layers(), h = m.hiddenSize(), v = m.vocabSize(), s = m.maxSequenceLength();
                assertEquals(12 * l * h * h * (1 + 13 / (12 * h) + (v + s) / (12 * l * h)) + 2 * h, counted, 1, id);
            } else {
                // Only a rounded figure is published (GPT-3, OPT-175B, LLaMA-1 13B-65B, Llama-2-13B): GPT-3's "350M" is the loosest,
                // 355.9M by its Table 2.1 shape (+1.7 %).
                assertEquals(m.parameterCount(), counted, 0.02 * m.parameterCount(), id + ": against the published figure");
            }
        }
    }
}
