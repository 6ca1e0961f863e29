package dev.accelerometer.costing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.common.catalog.CatalogMeasurement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which ledger rows MegatronLmRuns reads as cases, and how it states what a row leaves to the planner's search. */
class MegatronLmRunsTest {
    /** Korthikanti et al. 2022 Table 5's GPT-3 175B row as catalog V77 seeds it. */
    static Map<String, Object> korthikanti175b() {
        Map<String, Object> in = new HashMap<>(Map.ofEntries(Map.entry("hardware", "nvidia-a100-sxm-80gb"), Map.entry("system", "nvidia-dgx-a100-80gb"),
                Map.entry("model", "gpt-3-175b"), Map.entry("gpus", 64), Map.entry("tensorParallel", 8), Map.entry("pipelineParallel", 8),
                Map.entry("virtualPipeline", 3), Map.entry("microBatchSequences", 1), Map.entry("globalBatchSequences", 64),
                Map.entry("sequenceLength", 2048), Map.entry("precision", "fp16"), Map.entry("recompute", "full"),
                Map.entry("sequenceParallel", false), Map.entry("framework", "Megatron-LM (2022)")));
        return in;
    }

    static CatalogMeasurement row(Map<String, Object> inputs) {
        return new CatalogMeasurement("korthikanti-175b-full", "llm_training_iteration_time", "", inputs, 18.13, "seconds per iteration", null,
                "high");
    }

    @Test
    void aStatedLayoutIsACase() {
        var spec = MegatronLmRuns.fromInputs(row(korthikanti175b())).orElseThrow();
        assertEquals("training", spec.category());
        assertTrue(spec.assumption().contains("t8 p8 d1, micro-batch 1, v3"), spec.assumption());
    }

    @Test
    void rowsOutsideWhatThePlannerTakesAreNotCases() {
        // More devices than a planner request may name (ClusterSpec.devices ≤ 2^20): no unbounded search from a ledger row.
        Map<String, Object> huge = korthikanti175b();
        huge.put("gpus", 1 << 21);
        assertTrue(MegatronLmRuns.fromInputs(row(huge)).isEmpty());
        // A layout that does not factor the devices, an unknown precision or recomputation, another framework.
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("tensorParallel", 7, "precision", "fp8", "recompute", "sometimes",
                "framework", "JAX").entrySet()) {
            Map<String, Object> in = korthikanti175b();
            in.put(bad.getKey(), bad.getValue());
            assertTrue(MegatronLmRuns.fromInputs(row(in)).isEmpty(), bad.toString());
        }
        // An iteration time needs its micro-batch and interleaving; a throughput row may leave them to the search.
        Map<String, Object> unstated = korthikanti175b();
        unstated.remove("virtualPipeline");
        assertTrue(MegatronLmRuns.fromInputs(row(unstated)).isEmpty());
    }

    @Test
    void whatIsNotStatedIsSaidToBeSearched() {
        assertEquals("micro-batch 1, v3", MegatronLmRuns.schedule(1, 3));
        assertEquals("micro-batch 1, the interleaving as the planner's search picks (not stated)", MegatronLmRuns.schedule(1, 0));
        assertEquals("the micro-batch and the interleaving as the planner's search picks (not stated)", MegatronLmRuns.schedule(0, 0));
    }
}
