package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.ExpertCommunication;
import dev.accelerometer.model.parallel.Host;
import dev.accelerometer.model.parallel.LayerCosts;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.PlanEvaluation;
import dev.accelerometer.model.parallel.TrainingFramework;
import dev.accelerometer.model.parallel.TrainingJob;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Megatron-LM's iteration times on Selene (catalog ledger, category llm_training_iteration_time: Korthikanti et al. 2022, Table 5 —
 * GPT-22B, GPT-3 175B, MT-NLG 530B and Megatron 1T on 8 to 512 A100 80GB, each with full recomputation and with sequence
 * parallelism and selective recomputation; V77 gives every row its layout as catalog ids), predicted by the plan model the planner
 * answers with: the run's DGX system and its links, the table's tensor, pipeline (interleaved) and data parallel layout, Megatron's
 * fused-softmax attention, fp16 with fp32 gradients, Adam, the tensor-parallel collectives between the GEMMs (Megatron-LM before
 * Transformer Engine's userbuffers) and Megatron-LM's Ampere training-step efficiency
 * ({@link TrainingFramework.Constants#AMPERE_MEGATRON_LM}), which the 22B pair derives; the other six are held out.
 */
final class IterationRuns {
    /** The runs TrainingFramework.Constants.AMPERE_MEGATRON_LM is derived from (planner MegatronAmpereEfficiencyTest). */
    static final Set<String> CALIBRATION = Set.of("selene-megatron-22b-full", "selene-megatron-22b-seqsel");

    private IterationRuns() {
    }

    /** The case a ledger entry describes, when it is an iteration time with its layout as catalog ids. */
    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"llm_training_iteration_time".equals(m.category()) || in == null || !"seconds per iteration".equals(m.unit())
                || !(in.get("system") instanceof String system) || !(in.get("hardware") instanceof String hardware)
                || !(in.get("model") instanceof String modelId)) {
            return Optional.empty();
        }
        int devices = MoeRuns.integer(in, "gpus", 0);
        int t = MoeRuns.integer(in, "tensorParallel", 0);
        int p = MoeRuns.integer(in, "pipelineParallel", 0);
        int virtual = MoeRuns.integer(in, "virtualPipeline", 0);
        int micro = MoeRuns.integer(in, "microBatchSequences", 0);
        long batch = MoeRuns.integer(in, "globalBatchSequences", 0);
        long sequence = MoeRuns.integer(in, "sequenceLength", 0);
        Recompute recompute = "selective".equals(in.get("recompute")) ? Recompute.SELECTIVE : "full".equals(in.get("recompute")) ? Recompute.FULL
                : null;
        if (devices <= 0 || t <= 0 || p <= 0 || devices % (t * p) != 0 || virtual <= 0 || micro <= 0 || batch <= 0 || sequence <= 0
                || recompute == null || !"fp16".equals(in.get("precision"))) {
            return Optional.empty();
        }
        boolean sequenceParallel = Boolean.TRUE.equals(in.get("sequenceParallel"));
        // Megatron-LM 2022 replicated the optimizer on every data-parallel rank (ZeRO stage 0), as the planner's plan defaults to.
        Plan plan = new Plan(devices / (t * p), t, p, virtual, micro, recompute, sequenceParallel, 0, 1, 0, 1);
        String assumption = String.format(Locale.ROOT, "%s on %d × %s (%s): t%d p%d (v%d) d%d, micro-batch %d, %d × %d tokens per iteration, "
                + "%s recomputation%s; fp16 with fp32 gradients, Adam, Megatron's fused-softmax attention, tensor-parallel collectives "
                + "between the GEMMs (Megatron-LM 2022), Megatron-LM's Ampere training-step efficiency", modelId, devices, hardware, system, t, p,
                virtual, plan.dataParallel(), micro, batch, sequence, recompute == Recompute.FULL ? "full" : "selective",
                sequenceParallel ? ", sequence parallel" : "");
        return Optional.of(new ValidationCases.Spec("training", hardware, CALIBRATION.contains(m.id()), assumption,
                (device, cal, catalog) -> secondsPerIteration(device, cal, catalog, modelId, system, devices, plan, batch, sequence)));
    }

    /** Seconds per iteration of {@code plan} under Megatron-LM, by the planner's plan model. */
    static double secondsPerIteration(Device device, Calibration table, CatalogCache catalog, String modelId, String systemId, int devices,
            Plan plan, long batch, long sequence) {
        TrainingFramework framework = TrainingFramework.MEGATRON_CORE;
        Calibration cal = framework.apply(table, table);
        Cluster cluster = ValidationCases.systemCluster(catalog, device, systemId, devices).withCollectiveScale(cal);
        TrainingJob job = new TrainingJob(ValidationCases.model(catalog, modelId, "inputs.model"), cluster, cal, Format.FP16, batch, sequence,
                Optimizer.ADAM, 4, 4, Attention.Kernel.STANDARD, null, 0.05, framework.overlapsTensorParallel(device.architecture()),
                Host.MEASURED, ExpertCommunication.DEFAULT);
        return PlanEvaluation.of(job, plan, LayerCosts.of(job, plan)).step().totalSeconds();
    }
}
