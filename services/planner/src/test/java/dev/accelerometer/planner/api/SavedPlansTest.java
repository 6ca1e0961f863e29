package dev.accelerometer.planner.api;

import dev.accelerometer.testing.SavedResultsAreOwned;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

/** Saved plan searches are owned by the key that saved them, or expire. */
@QuarkusTest
class SavedPlansTest extends SavedResultsAreOwned {
    @Override
    protected String collection() {
        return "/v1/plans";
    }

    @Override
    protected Object createBody() {
        return Map.of("modelId", "gpt-3-1.3b", "cluster", Map.of("systemId", "nvidia-dgx-a100-80gb", "devices", 8),
                "training", Map.of("globalBatchSize", 64, "sequenceLength", 2048, "format", "bf16"), "constraints", Map.of("limit", 1));
    }

    @Override
    protected String table() {
        return "planner.plan";
    }
}
