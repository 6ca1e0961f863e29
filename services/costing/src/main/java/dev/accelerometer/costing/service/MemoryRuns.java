package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.memory.ModelStates;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.parallel.PlanMemory;
import java.util.Map;
import java.util.Optional;

/**
 * Training memory footprints of the shared ledger (category memory_footprint) as validation cases (category training-memory), by
 * the formulas the planner's memory check uses: the ZeRO paper's model states of a 7.5B model on 64 GPUs (Rajbhandari et al. 2020,
 * Figure 1; ledger mem-01 … mem-04) and Korthikanti et al. 2022's Figure 1 as the Calculon suite tabulates it, in GiB: GPT-22B,
 * GPT-3 175B, MT-NLG 530B and Megatron 1T (ledger selene-megatron-22b-mem-*, korthikanti-fig1-*; their layouts from catalog V81 and
 * V82), read as {@link MegatronLmRuns} reads a run — the planner's plan memory for the first pipeline stage: its weights, fp32
 * gradients and optimizer states, or its activations without and with sequence parallelism and selective recomputation
 * (Megatron's attention stores the scores). The rest of the category — DeepSpeed's own
 * estimator (mem-05), fine-tuning bounds (mem-08, mem-09: the quantization service's tests), bits per parameter (mem-10) and a
 * scale threshold (mem-13) — are not footprints this model computes.
 */
final class MemoryRuns {
    static final String CATEGORY = "training-memory";
    private static final double GIB = 1L << 30;
    /** The ZeRO paper's example: Ψ = 7.5B parameters, N_d = 64, K = 12 bytes of mixed-precision Adam state per parameter. */
    private static final double ZERO_EXAMPLE_PARAMETERS = 7.5e9;
    private static final int ZERO_EXAMPLE_REPLICAS = 64;

    private MemoryRuns() {
    }

    /** The memory cases into {@code specs}. */
    static void add(Map<String, ValidationCases.Spec> specs) {
        String[] stages = {"no ZeRO", "ZeRO-1 (optimizer states sharded)", "ZeRO-2 (and gradients)", "ZeRO-3 (and weights)"};
        for (int stage = 0; stage <= 3; stage++) {
            int z = stage;
            // The paper's cluster is V100 DGX-2s; model states do not depend on the device.
            specs.put("mem-0" + (stage + 1), new ValidationCases.Spec(CATEGORY, "nvidia-v100-sxm2-32gb", false,
                    "7.5B parameters on 64 data-parallel GPUs, " + stages[z] + ": 2-byte weights and gradients, 12 bytes of Adam state per "
                            + "parameter (ZeRO §3.1), in GB (10^9 bytes)",
                    (d, c, cat) -> ModelStates.of(ZERO_EXAMPLE_PARAMETERS, ZERO_EXAMPLE_REPLICAS, z, 2, Optimizer.ADAM.mixedPrecisionStateBytes())
                            .totalBytes() / 1e9));
        }
    }

    /** A footprint row with its run's layout (inputs.component: model-states or activations), in GiB per GPU. */
    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        if (!"memory_footprint".equals(m.category()) || !"GiB per GPU".equals(m.unit()) || m.inputs() == null) {
            return Optional.empty();
        }
        Object component = m.inputs().get("component");
        boolean activations = "activations".equals(component);
        if (!activations && !"model-states".equals(component)) {
            return Optional.empty();
        }
        return MegatronLmRuns.run(m.inputs()).filter(r -> r.layout().micro() > 0 && r.layout().virtual() > 0).map(r ->
                new ValidationCases.Spec(CATEGORY, r.hardware(), false, (activations ? "the first pipeline stage's activations" :
                        "weights, fp32 gradients and Adam state per GPU") + " by the planner's plan memory, in GiB: " + r.describe(),
                        (device, cal, catalog) -> {
                            PlanMemory memory = r.evaluate(device, cal, catalog).memory();
                            return (activations ? memory.activationBytes()
                                    : memory.weightBytes() + memory.gradientBytes() + memory.optimizerBytes()) / GIB;
                        }));
    }
}
