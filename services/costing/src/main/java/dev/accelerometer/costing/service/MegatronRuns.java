package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.TrainingFramework;
import dev.accelerometer.model.workload.TrainingStep;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published dense training runs of NVIDIA's NeMo (Megatron-Core) recipes on DGX clusters (catalog ledger fp8-01 … fp8-12,
 * V14, with their interleaving from V28, in seconds per step; Megatron-Bridge's performance-summary rows mbd-01 … mbd-58,
 * V30, in tokens/s per GPU): Llama 3 and 3.1 8B, 70B and 405B on 8 to 1,024 H100s, B200s and GB200s in bf16, fp8 and
 * MXFP8, each with its own tensor, pipeline (virtual stages), context and data parallel layout, predicted by the same plan
 * model the planner answers with (the run's device in its DGX system, the system's links). What the recipe tables do not
 * state is assumed the same way for every run and said in the case: Megatron's distributed optimizer (ZeRO-1; Megatron-FSDP
 * rows, FSDP = 1, as ZeRO-3), sequence
 * parallelism wherever t > 1 (the recipes turn it on), no activation recomputation, the platform's fused attention,
 * fp32 gradient accumulation reduced in bf16, the data-parallel reduction not overlapped (the recipes overlap it: what
 * that hides is part of the gap the cases show), the tensor-parallel collectives under the GEMMs (the recipes' Transformer
 * Engine userbuffers, {@link TrainingFramework#MEGATRON_CORE}), fp8 as Transformer Engine runs it (the blocks' GEMMs in fp8).
 */
public final class MegatronRuns {
    /** The runs TrainingFramework.Constants.HOPPER_MEGATRON_CORE is derived from (costing MegatronEfficiencyTest); the rest are held out. */
    public static final java.util.Set<String> CALIBRATION = java.util.Set.of("fp8-01", "fp8-03", "fp8-05");

    /** The Gaudi 2 run costing V16 derives Gaudi 2's training-step efficiency from (GaudiTrainingEfficiencyTest); the rest are held out. */
    static final java.util.Set<String> GAUDI_CALIBRATION = java.util.Set.of("gdi-35");

    /** How the Gaudi runs name their framework: Intel's tables (HabanaAI's fork) and its MLPerf Training v3.1 submission. */
    static final java.util.List<String> GAUDI_FRAMEWORKS = java.util.List.of("Megatron-DeepSpeed (HabanaAI",
            "Megatron-DeepSpeed + DeepSpeed fork (Intel-HabanaLabs");

    /** The unit of Megatron-Bridge's performance-summary rows (ledger mbd-*, V30). */
    static final String TOKENS_PER_DEVICE = "tokens/s per GPU";

    private MegatronRuns() {
    }

    /** The case a ledger entry describes, when it is a NeMo recipe row on a DGX system the catalog has. */
    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        boolean perStep = "seconds per step".equals(m.unit());
        // Intel's Gaudi runs: HabanaAI's Megatron-DeepSpeed fork (Intel's tables, whole-system tokens/s; its MLPerf submission, seconds
        // per step), priced as the planner prices a framework it has no constants for (the calibration table's efficiency,
        // tensor-parallel collectives not under the GEMMs).
        boolean gaudi = in != null && GAUDI_FRAMEWORKS.stream().anyMatch(String.valueOf(in.get("framework"))::startsWith);
        boolean perSystem = gaudi && "tokens/s".equals(m.unit());
        if (!"llm_training_throughput".equals(m.category()) || in == null || !(perStep || perSystem || TOKENS_PER_DEVICE.equals(m.unit()))
                || !(in.get("tensorParallel") instanceof Number) || !MoeRuns.SYSTEMS.containsKey(String.valueOf(in.get("hardware")))) {
            return Optional.empty();
        }
        String hardware = (String) in.get("hardware");
        int devices = MoeRuns.integer(in, "gpus", 0);
        int t = MoeRuns.integer(in, "tensorParallel", 1);
        int p = MoeRuns.integer(in, "pipelineParallel", 1);
        int c = MoeRuns.integer(in, "contextParallel", 1);
        int virtual = MoeRuns.integer(in, "virtualPipeline", 0);
        int micro = MoeRuns.integer(in, "microBatchSequences", 0);
        long batch = MoeRuns.integer(in, "globalBatchSequences", 0);
        long sequence = MoeRuns.integer(in, "sequenceLength", 0);
        if (devices <= 0 || devices % (t * p * c) != 0 || virtual <= 0 || micro <= 0 || batch <= 0 || sequence <= 0) {
            return Optional.empty();
        }
        int d = devices / (t * p * c);
        String precision = String.valueOf(in.get("precision"));
        Format f = precision.startsWith("fp8") || precision.startsWith("mxfp8") ? Format.FP8 : Format.BF16;
        boolean fsdp = MoeRuns.integer(in, "fsdp", 0) == 1;
        String modelId = String.valueOf(in.get("model")).toLowerCase(Locale.ROOT).replace(' ', '-');
        // What a run states of its recomputation and optimizer sharding (Intel's MLPerf run script: selective, ZeRO stage 0); else none
        // and ZeRO-1 (Megatron-FSDP rows, FSDP = 1, as ZeRO-3).
        Recompute recompute = "selective".equals(in.get("recompute")) ? Recompute.SELECTIVE : Recompute.NONE;
        int zero = fsdp ? 3 : MoeRuns.integer(in, "zeroStage", 1);
        Plan plan = new Plan(d, t, p, virtual, micro, recompute, t > 1, zero, 1, 0, c);
        if (gaudi) {
            String assumption = String.format(Locale.ROOT, "%s on %d × %s (%s): t%d p%d d%d, micro-batch %d%s, %d × %d tokens per step, %s; "
                    + "ZeRO-%d, sequence parallel where t > 1, %s, fused attention, data-parallel reduction not overlapped, tensor-parallel "
                    + "collectives after the GEMMs; the calibration table's training-step efficiency (no Gaudi framework constants)%s", modelId,
                    devices, hardware, MoeRuns.SYSTEMS.get(hardware), t, p, d, micro, perStep ? "" : " (HabanaAI's README example, assumed)", batch,
                    sequence, f.slug(), zero, recompute == Recompute.SELECTIVE ? "selective recomputation (as the run script says)"
                    : "no recomputation", perStep ? "; seconds per step" : "; whole-system tokens/s");
            return Optional.of(new ValidationCases.Spec("training", hardware, GAUDI_CALIBRATION.contains(m.id()), assumption,
                    (device, cal, catalog) -> {
                        double tokensPerSecond = devices * MoeRuns.tokensPerSecondPerDevice(device, cal, catalog, modelId, devices, plan, batch,
                                sequence, f, TrainingStep.MOE_HOST_SECONDS_PER_BLOCK, dev.accelerometer.model.parallel.ExpertCommunication.DEFAULT,
                                TrainingFramework.PYTORCH);
                        return perStep ? batch * sequence / tokensPerSecond : tokensPerSecond;
                    }));
        }
        String assumption = String.format(Locale.ROOT, "%s on %d × %s (%s): t%d p%d (v%d) c%d d%d, micro-batch %d, %d × %d tokens per step, %s; "
                + "%s, sequence parallel where t > 1, no recomputation, fused attention, data-parallel reduction not overlapped, "
                + "tensor-parallel collectives under the GEMMs (the recipes' Transformer Engine userbuffers)%s", modelId, devices, hardware, MoeRuns.SYSTEMS.get(hardware), t, p, virtual, c, d, micro, batch,
                sequence, f.slug(), fsdp ? "Megatron-FSDP as ZeRO-3" : "ZeRO-1", f == Format.FP8 ? ", the blocks' GEMMs in fp8 (Transformer Engine"
                + (precision.startsWith("mxfp8") ? "; MXFP8's block scales costed as fp8)" : ")") : "");
        return Optional.of(new ValidationCases.Spec("training", hardware, CALIBRATION.contains(m.id()), assumption,
                (device, cal, catalog) -> {
                    double seconds = secondsPerStep(device, TrainingFramework.MEGATRON_CORE.apply(cal, cal), catalog, modelId, devices, plan,
                            batch, sequence, f);
                    return perStep ? seconds : batch * sequence / (devices * seconds);
                }));
    }

    /** Seconds per step of {@code plan} by the planner's step model, with the calibration given (MegatronEfficiencyTest varies it). */
    public static double secondsPerStep(Device device, Calibration cal, CatalogCache catalog, String modelId, int devices, Plan plan, long batch,
            long sequence, Format f) {
        return batch * sequence / (devices * MoeRuns.tokensPerSecondPerDevice(device, cal, catalog, modelId, devices, plan, batch, sequence, f,
                TrainingStep.MOE_HOST_SECONDS_PER_BLOCK, dev.accelerometer.model.parallel.ExpertCommunication.DEFAULT));
    }
}
