package dev.accelerometer.quantization.api;

import dev.accelerometer.testing.SavedResultsAreOwned;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;

/** Saved estimates are owned by the key that saved them, or expire. */
@QuarkusTest
class SavedEstimatesTest extends SavedResultsAreOwned {
    @Override
    protected String collection() {
        return "/v1/estimates";
    }

    @Override
    protected Object createBody() {
        return Map.of("modelId", "llama-2-7b", "weightFormat", "int8", "contextLength", 1024, "acceleratorIds", List.of("nvidia-t4"));
    }

    @Override
    protected String table() {
        return "quantization.estimate";
    }
}
