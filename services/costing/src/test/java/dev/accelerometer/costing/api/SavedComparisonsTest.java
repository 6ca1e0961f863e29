package dev.accelerometer.costing.api;

import dev.accelerometer.testing.SavedResultsAreOwned;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;

/** Saved comparisons are owned by the key that saved them, or expire. */
@QuarkusTest
class SavedComparisonsTest extends SavedResultsAreOwned {
    @Override
    protected String collection() {
        return "/v1/comparisons";
    }

    @Override
    protected Object createBody() {
        return Map.of("acceleratorIds", List.of("nvidia-h100-sxm"), "workload", Map.of("matmul", Map.of("m", 4096, "n", 4096, "k", 4096, "format", "bf16")));
    }

    @Override
    protected String table() {
        return "costing.comparison";
    }
}
