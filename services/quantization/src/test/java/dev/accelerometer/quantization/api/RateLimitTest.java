package dev.accelerometer.quantization.api;

import dev.accelerometer.testing.RateLimitsAreA429;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;

/** Per-client limits on estimates, format comparisons and wrong keys. */
@QuarkusTest
class RateLimitTest extends RateLimitsAreA429 {
    private static final Map<String, Object> ESTIMATE = Map.of("modelId", "llama-2-7b", "weightFormat", "int8", "contextLength", 1024,
            "acceleratorIds", List.of("nvidia-t4"));

    @Override
    protected String writePath() {
        return "/v1/estimates";
    }

    @Override
    protected Object writeBody() {
        return ESTIMATE;
    }

    @Override
    protected String searchPath() {
        return "/v1/estimates/compare";
    }

    @Override
    protected Object searchBody() {
        return Map.of("base", ESTIMATE, "weightFormats", List.of("fp16", "int8"));
    }

    @Override
    protected String keyedPath() {
        return "/v1/estimates";
    }

    @Override
    protected String readPath() {
        return "/v1/formats";
    }
}
