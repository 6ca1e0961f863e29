package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Offload;
import dev.accelerometer.model.memory.Optimizer;
import dev.accelerometer.model.parallel.Cluster;
import dev.accelerometer.model.parallel.Host;
import dev.accelerometer.model.parallel.LayerCosts;
import dev.accelerometer.model.parallel.Plan;
import dev.accelerometer.model.parallel.PlanEvaluation;
import dev.accelerometer.model.parallel.TrainingJob;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published DeepSpeed ZeRO-Offload runs (catalog ledger off-*, off2-*, V36 and V37) whose setup the ledger states in full —
 * the device and how many share one host, the model (a catalog id or its shape), global and micro-batch, sequence,
 * format, recomputation, ZeRO stage and what is offloaded — predicted by the planner's plan model with the measured hosts'
 * optimizer rate ({@link Host#MEASURED}): pure data parallelism over the host's GPUs, the calibration table's training-step
 * efficiency (these are DeepSpeed and Hugging Face runs, not Megatron-Core's), the device's default attention kernel.
 * Runs whose host's rate the default was derived from are calibration cases. A run the same source gives without offload
 * (its baseline) is a training case.
 */
final class OffloadRuns {
    /** The category of offload cases, and of the band offloaded plans quote. */
    static final String CATEGORY = "offload-training";

    private OffloadRuns() {
    }

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"offload_training".equals(m.category()) || in == null || !"ms".equals(m.unit()) || !(in.get("offloadKind") instanceof String kind)
                || Offload.fromSlug(kind).isEmpty()) {
            return Optional.empty();
        }
        String hardware = String.valueOf(in.get("hardware"));
        int devices = MoeRuns.integer(in, "devices", 0);
        int zero = MoeRuns.integer(in, "zeroStage", -1);
        long batch = MoeRuns.integer(in, "globalBatchSequences", 0);
        int micro = MoeRuns.integer(in, "microBatchSequences", 0);
        long sequence = MoeRuns.integer(in, "sequenceTokens", 0);
        Recompute recompute = Recompute.fromSlug(String.valueOf(in.get("recompute"))).orElse(null);
        Format format = Format.fromSlug(String.valueOf(in.get("format"))).orElse(null);
        if (devices <= 0 || zero < 0 || batch <= 0 || micro <= 0 || sequence <= 0 || recompute == null || format == null
                || batch % ((long) devices * micro) != 0) {
            return Optional.empty();
        }
        Offload offload = Offload.fromSlug(kind).orElseThrow();
        Plan plan = new Plan(devices, 1, 1, 1, micro, recompute, false, zero, 1, 0, 1, offload);
        boolean calibration = Boolean.TRUE.equals(in.get("hostRateCalibration"));
        String model = in.get("modelId") instanceof String id ? id : "the ledger's shape " + in.get("modelShape");
        String assumption = String.format(Locale.ROOT, "%s on %d × %s sharing one host: data parallel %d, ZeRO-%d, %s offloaded, micro-batch %d, "
                + "%d × %d tokens per step, %s, recomputation %s; the measured hosts' optimizer rate (%.3g parameters/s)%s; the calibration "
                + "table's training-step efficiency; the device's default attention kernel", model, devices, hardware, devices, zero, offload.slug,
                micro, batch, sequence, format.slug(), recompute.slug(), Host.CPU_OPTIMIZER_PARAMETERS_PER_SECOND,
                calibration ? " — derived in part from this run's own timers, so a calibration case" : "");
        return Optional.of(new ValidationCases.Spec(offload.optimizerOnHost() ? CATEGORY : "training", hardware, calibration, assumption,
                (device, cal, catalog) -> 1e3 * stepSeconds(device, cal, catalog, in, devices, plan, batch, sequence, format)));
    }

    static double stepSeconds(Device device, Calibration cal, CatalogCache catalog, Map<String, Object> in, int devices, Plan plan, long batch,
            long sequence, Format format) {
        Transformer model = in.get("modelId") instanceof String id ? ValidationCases.model(catalog, id, "inputs.modelId")
                : shape(in);
        Cluster cluster = Cluster.of(device, devices, devices, null, null, null, null, null, new ArrayList<>());
        TrainingJob job = new TrainingJob(model, cluster, cal, format, batch, sequence, Optimizer.ADAMW, 2, 2, Attention.Kernel.defaultFor(device),
                null, 0.05, false, Host.MEASURED);
        return PlanEvaluation.of(job, plan, LayerCosts.of(job, plan)).step().totalSeconds();
    }

    /** A GPT-style shape the ledger gives as {layers, hidden, heads, ffn, vocab, positions} (learned positions, biases, LayerNorm). */
    private static Transformer shape(Map<String, Object> in) {
        if (!(in.get("modelShape") instanceof Map<?, ?> s)) {
            throw new IllegalArgumentException("the ledger entry gives neither inputs.modelId nor inputs.modelShape");
        }
        int layers = number(s, "layers");
        int hidden = number(s, "hidden");
        int heads = number(s, "heads");
        int positions = number(s, "positions");
        return new Transformer("ledger-shape", Transformer.Kind.DECODER, layers, hidden, heads, heads, hidden / heads, number(s, "ffn"),
                Transformer.FfnKind.GELU, number(s, "vocab"), positions, Transformer.Layout.gpt(positions), null);
    }

    private static int number(Map<?, ?> s, String key) {
        if (!(s.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("inputs.modelShape." + key + " is not a number");
        }
        return n.intValue();
    }
}
