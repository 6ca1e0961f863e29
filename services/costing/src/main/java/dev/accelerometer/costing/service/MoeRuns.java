package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.common.catalog.CatalogSystem;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.LayerCosts;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.PlanEvaluation;
import dev.accelerometer.model.parallel.TrainingFramework;
import dev.accelerometer.model.parallel.TrainingJob;
import dev.accelerometer.model.workload.TrainingStep;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * Published mixture-of-experts training runs on GPU clusters (catalog ledger moe-*, V17: NVIDIA's Megatron-Bridge and NeMo
 * performance summaries, DeepSeek's papers), predicted by the same plan model the planner answers with: the catalog's
 * model, the run's device in its DGX system (the system's links), and the run's own layout — tensor, pipeline (virtual
 * stages), expert and data parallel, micro-batch, global batch, sequence. What such a table does not state is assumed
 * the same way for every run and said in the case: Megatron's distributed optimizer (ZeRO-1), fp32 gradient
 * accumulation reduced in bf16, sequence parallelism wherever t > 1, selective recomputation, FP8 recipes costed at
 * the fp8 peak (MXFP8's block scales as fp8), the data-parallel reduction not overlapped, tensor-parallel collectives under the GEMMs, the all-to-alls under another
 * micro-batch's compute, Megatron-Core's training-step efficiency ({@link TrainingFramework}; DeepSeek's HAI-LLM, a 3D-parallel
 * framework with its own overlap, gets the same). The MoE token path's traffic is Megatron-Core's, derived from four of these runs
 * ({@link #CALIBRATION}); DeepSeek's in-house framework (moe-02) is held out with the rest.
 * Runs on accelerators the catalog lacks, without a stated global batch, or on a TPU torus (no all-to-all model there) are
 * reported as not expressible.
 */
public final class MoeRuns {
    /** The validation category of MoE training runs, and of the band MoE training answers quote. */
    static final String MOE_TRAINING = "moe-training";

    /**
     * The DGX system each device's runs used (their links: NVSwitch inside, one 400 Gb/s InfiniBand port per GPU between
     * nodes, 800 Gb/s on Blackwell Ultra; a GB200 or GB300 NVL72 rack is one 72-GPU NVLink domain).
     */
    static final Map<String, String> SYSTEMS = Map.of("nvidia-h100-sxm", "nvidia-dgx-h100", "nvidia-b200", "nvidia-dgx-b200",
            "nvidia-h800-sxm", "nvidia-dgx-h100", "nvidia-gb200", "nvidia-gb200-nvl72", "nvidia-gb300", "nvidia-gb300-nvl72", "nvidia-b300",
            "nvidia-dgx-b300");

    /** The runs TrainingStep.MOE_DISPATCH_BYTES_PER_ELEMENT is derived from (costing MoeCalibrationTest); the rest are held out. */
    static final java.util.Set<String> CALIBRATION = java.util.Set.of("moe-13", "moe-17", "moe-18", "moe-20");

    private MoeRuns() {
    }

    /** The case a ledger entry describes, when its inputs are a GPU training layout this model can run. */
    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"moe_training".equals(m.category()) || in == null || !"tokens/s/GPU".equals(m.unit())) {
            return Optional.empty();
        }
        String hardware = (String) in.get("hardware");
        if (!SYSTEMS.containsKey(hardware) || in.get("globalBatchSequences") == null) {
            return Optional.empty();
        }
        int devices = integer(in, "devices", 0);
        if (devices <= 0) {
            return Optional.empty();
        }
        int t = integer(in, "tensorParallel", 1);
        int p = integer(in, "pipelineParallel", 1);
        int e = integer(in, "expertParallel", 1);
        int c = integer(in, "contextParallel", 1);
        int d = in.get("dataParallel") != null ? integer(in, "dataParallel", 1) : devices / (t * p * c);
        int micro = integer(in, "microBatch", 1);
        int virtual = integer(in, "virtualPipeline", 1);
        long sequence = integer(in, "sequenceLength", 4096);
        long batch = integer(in, "globalBatchSequences", 0);
        String format = String.valueOf(in.get("format"));
        Format f = format.contains("fp8") ? Format.FP8 : Format.BF16;
        String modelId = (String) in.get("model");
        // NVIDIA's Megatron-Bridge performance recipes split no expert over tensor ranks: BASE_DEEPSEEK_V3_CONFIG and
        // BASE_QWEN3_*_CONFIG set expert_tensor_parallel_size=1 (NVIDIA-NeMo/Megatron-Bridge scripts/performance/configs/deepseek/
        // deepseek_workload_base_configs.py and qwen/qwen3_workload_base_configs.py, read 2026-11-30); other frameworks keep
        // Megatron-Core's default.
        boolean bridge = String.valueOf(in.get("framework")).contains("Megatron-Bridge");
        Plan plan = new Plan(d, t, p, virtual, micro, Recompute.SELECTIVE, t > 1, 1, e, bridge ? 1 : 0, c);
        String assumption = String.format(java.util.Locale.ROOT, "%s on %d × %s (%s): t%d p%d (v%d) e%d d%d, micro-batch %d, %d × %d tokens; "
                + "ZeRO-1, selective recomputation, data-parallel reduction not overlapped, tensor-parallel collectives and all-to-all under compute, Megatron-Core's MoE token path%s%s", modelId, devices, hardware,
                SYSTEMS.get(hardware), t, p, virtual, e, d, micro, batch, sequence, format.equals("mxfp8") ? ", MXFP8 costed as fp8" : "",
                bridge ? ", experts not tensor-split (the recipes' expert_tensor_parallel_size=1)" : "");
        return Optional.of(new ValidationCases.Spec(MOE_TRAINING, hardware, CALIBRATION.contains(m.id()), assumption,
                (device, cal, catalog) -> tokensPerSecondPerDevice(device, TrainingFramework.MEGATRON_CORE.apply(cal, cal), catalog, modelId, devices, plan, batch, sequence, f,
                        TrainingStep.MOE_DISPATCH_BYTES_PER_ELEMENT)));
    }

    /**
     * Tokens per second per device of {@code plan}, by the planner's step model, with the MoE token path's traffic per
     * element given (TrainingStep.MOE_DISPATCH_BYTES_PER_ELEMENT; MoeCalibrationTest varies it to derive it).
     */
    public static double tokensPerSecondPerDevice(Device device, Calibration cal, CatalogCache catalog, String modelId, int devices, Plan plan,
            long batch, long sequence, Format format, double dispatchBytesPerElement) {
        Transformer model = ValidationCases.model(catalog, modelId, "inputs.model");
        CatalogSystem system = catalog.system(SYSTEMS.get(device.id()), "inputs.hardware");
        Cluster cluster = Cluster.of(device, devices, system.acceleratorsPerNode(), catalog.link(system.intraNodeLinkId(), "intraNodeLinkId"),
                catalog.link(system.interNodeLinkId(), "interNodeLinkId"), system.interNodeLinksPerNode(), null, system.id(), new ArrayList<>());
        // Megatron-Core's runs (and DeepSeek's HAI-LLM, given the same): tensor-parallel collectives under the GEMMs.
        TrainingJob job = new TrainingJob(model, cluster, cal, format, batch, sequence, Optimizer.ADAM, 4, 2, Attention.Kernel.FLASH, null,
                0.05, TrainingFramework.MEGATRON_CORE.overlapsTensorParallel(device.architecture()));
        PlanEvaluation evaluation = PlanEvaluation.of(job, plan, LayerCosts.of(job, plan, dispatchBytesPerElement));
        return evaluation.tokensPerSecond() / devices;
    }

    /** A ledger input that is a number, as an int; {@code fallback} when absent or not a number. */
    static int integer(Map<String, Object> in, String key, int fallback) {
        Object value = in.get(key);
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
