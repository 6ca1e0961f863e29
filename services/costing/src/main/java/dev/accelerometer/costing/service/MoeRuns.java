package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogCache;
import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.architecture.Transformer;
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
import dev.accelerometer.model.workload.TrainingStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Published mixture-of-experts training runs on GPU clusters (catalog ledger moe-*, V17 and V47: NVIDIA's Megatron-Bridge and NeMo
 * performance summaries, DeepSeek's papers, xtuner, Pai-Megatron-Patch and Megatron-MoE-ModelZoo tables), predicted by the same plan
 * model the planner answers with: the catalog's model, the run's device in its DGX system (the system's links), and the run's
 * own layout — tensor, pipeline (virtual stages), expert (and expert-tensor) and data parallel, micro-batch, global batch,
 * sequence. What such a table does not state is assumed the same way for every run and said in the case: Megatron's
 * distributed optimizer (ZeRO-1), fp32 gradient accumulation reduced in bf16, sequence parallelism wherever t > 1, selective
 * recomputation, FP8 recipes costed at the fp8 peak (MXFP8's block scales as fp8), the data-parallel reduction not overlapped,
 * tensor-parallel collectives under the GEMMs, the all-to-alls under another micro-batch's compute, Megatron-Core's
 * training-step efficiency ({@link TrainingFramework}; DeepSeek's HAI-LLM, a 3D-parallel framework with its own overlap, gets
 * the same).
 *
 * <p>NVIDIA's tables measure the same layout again under each NeMo container, and the numbers move up to threefold between
 * containers (Qwen3-30B-A3B on 8 GB200s: 23,723 tokens/s/GPU in 25.09, 40,706 in 26.06): software, not hardware. A planner
 * answers for the software of today, so for each system, model and precision only the newest container's rows are cases; the
 * older ones are reported as superseded, naming the newer row ({@link #superseded}). The MoE layer's host time per micro-batch
 * (TrainingStep.MOE_HOST_SECONDS_PER_BLOCK) is the median of what closes each of those newest rows' gaps
 * ({@link #impliedHostSeconds}); each of them is predicted with the median of the others (leave-one-out), and every other run
 * (other frameworks, DeepSeek's own) with the median of them all: every case is a hold-out. Runs on accelerators the catalog
 * lacks, without a stated global batch, or on a TPU torus (no all-to-all model there) are reported as not expressible.
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
            "nvidia-dgx-b300", "intel-gaudi2", "intel-hls-gaudi2");

    /** How a NVIDIA performance-summary row names its software: "NeMo container 26.04.01". */
    static final String CONTAINER = "NeMo container ";

    private MoeRuns() {
    }

    /** A ledger entry read as one MoE training run: where it ran, the model, the layout, what was measured. */
    record Run(String id, String hardware, String model, int devices, Plan plan, long batch, long sequence, Format format, String formatName,
            boolean bridge, String container, double measured, ExpertCommunication expertCommunication) {

        /** What a newer container's run of the same table supersedes: the same system, model and precision. */
        String family() {
            return hardware + " " + model + " " + formatName;
        }
    }

    /** The run a ledger entry describes, when its inputs are a GPU training layout this model can run. */
    static Optional<Run> run(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"moe_training".equals(m.category()) || in == null || !"tokens/s/GPU".equals(m.unit()) || m.value() == null) {
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
        // NVIDIA's Megatron-Bridge performance recipes split no expert over tensor ranks: BASE_DEEPSEEK_V3_CONFIG and
        // BASE_QWEN3_*_CONFIG set expert_tensor_parallel_size=1 (NVIDIA-NeMo/Megatron-Bridge scripts/performance/configs/deepseek/
        // deepseek_workload_base_configs.py and qwen/qwen3_workload_base_configs.py, read 2026-11-30); a table with an ETP column
        // says so itself; other frameworks keep Megatron-Core's default.
        boolean bridge = String.valueOf(in.get("framework")).contains("Megatron-Bridge");
        int expertTensor = in.get("expertTensorParallel") instanceof Number n ? n.intValue() : bridge ? 1 : 0;
        Plan plan = new Plan(d, t, p, virtual, micro, Recompute.SELECTIVE, t > 1, 1, e, expertTensor, c);
        String version = String.valueOf(in.get("frameworkVersion"));
        return Optional.of(new Run(m.id(), hardware, (String) in.get("model"), devices, plan, batch, sequence, f, format, bridge,
                version.startsWith(CONTAINER) ? version.substring(CONTAINER.length()) : null, m.value(), expertCommunication(in)));
    }

    /**
     * How a run moved its tokens to the experts, where its source says (ledger inputs expertDispatcher: all-to-all or deepep;
     * expertCommunicationOverlap: true or false, catalog V49); each unstated half is {@link ExpertCommunication#DEFAULT}'s.
     */
    static ExpertCommunication expertCommunication(Map<String, Object> in) {
        return ExpertCommunication.of(in.get("expertDispatcher") instanceof String slug ? ExpertCommunication.Dispatcher.fromSlug(slug).orElse(null) : null,
                in.get("expertCommunicationOverlap") instanceof Boolean b ? b : null);
    }

    /**
     * The NVIDIA performance-summary rows a newer container's row of the same system, model and precision supersedes, each with
     * the reason naming that row.
     */
    public static Map<String, String> superseded(List<CatalogMeasurement> ledger) {
        Map<String, Run> newest = new HashMap<>();
        List<Run> runs = ledger.stream().map(MoeRuns::run).flatMap(Optional::stream).filter(r -> r.container() != null).toList();
        for (Run r : runs) {
            newest.merge(r.family(), r, (a, b) -> compareVersions(b.container(), a.container()) > 0 ? b : a);
        }
        Map<String, String> reasons = new HashMap<>();
        for (Run r : runs) {
            Run latest = newest.get(r.family());
            if (compareVersions(r.container(), latest.container()) < 0) {
                reasons.put(r.id(), "superseded: NVIDIA measured " + r.model() + " in " + r.formatName() + " on " + r.hardware()
                        + " again under a newer NeMo container (" + latest.id() + ", " + latest.container() + ", against " + r.container()
                        + "); the planner answers for the newest software, so that row is the case");
            }
        }
        return reasons;
    }

    /** Container versions compared number by number ("26.04" before "26.04.01" before "26.06"). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\D+");
        String[] y = b.split("\\D+");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int u = i < x.length && !x[i].isEmpty() ? Integer.parseInt(x[i]) : 0;
            int v = i < y.length && !y[i].isEmpty() ? Integer.parseInt(y[i]) : 0;
            if (u != v) {
                return Integer.compare(u, v);
            }
        }
        return 0;
    }

    /**
     * What closes each derivation run's gap — the newest container's rows of NVIDIA's tables — as a host time per MoE layer per
     * micro-batch, in seconds: the step is linear in it but for the all-to-all the compute hides, so the value a slope through 0
     * and 5 ms gives (negative where the model without it is already slower than measured). {@code superseded}: {@link #superseded}
     * of the same ledger.
     */
    public static Map<String, Double> impliedHostSeconds(CatalogCache catalog, Calibrating calibrating, List<CatalogMeasurement> ledger,
            Map<String, String> superseded) {
        Map<String, Double> implied = new TreeMap<>();
        for (CatalogMeasurement m : ledger) {
            Optional<Run> run = run(m).filter(r -> r.container() != null && !superseded.containsKey(r.id()));
            if (run.isEmpty() || ValidationCases.catalogDevice(catalog, run.get().hardware()).isEmpty()) {
                continue;
            }
            Run r = run.get();
            Device device = catalog.device(r.hardware(), "inputs.hardware");
            Calibration table = calibrating.of(device);
            Calibration cal = TrainingFramework.MEGATRON_CORE.apply(table, table);
            double without = 1 / tokensPerSecondPerDevice(device, cal, catalog, r, 0);
            double probe = 5e-3;
            double slope = (1 / tokensPerSecondPerDevice(device, cal, catalog, r, probe) - without) / probe;
            implied.put(r.id(), (1 / r.measured() - without) / slope);
        }
        return implied;
    }

    /** The median of {@code implied} without {@code leaveOut} (null: all of them). */
    public static double median(Map<String, Double> implied, String leaveOut) {
        double[] values = implied.entrySet().stream().filter(e -> !e.getKey().equals(leaveOut)).mapToDouble(Map.Entry::getValue).sorted().toArray();
        if (values.length == 0) {
            return TrainingStep.MOE_HOST_SECONDS_PER_BLOCK;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** The case a ledger entry describes; {@code implied} holds the derivation runs' host times ({@link #impliedHostSeconds}). */
    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m, Map<String, Double> implied, Map<String, String> superseded) {
        if (superseded.containsKey(m.id())) {
            return Optional.empty();
        }
        return run(m).map(r -> {
            boolean derivation = implied.containsKey(r.id());
            double host = median(implied, r.id());
            Plan plan = r.plan();
            String assumption = String.format(java.util.Locale.ROOT, "%s on %d × %s (%s): t%d p%d (v%d) e%d d%d, micro-batch %d, %d × %d tokens; "
                    + "ZeRO-1, selective recomputation, data-parallel reduction not overlapped, tensor-parallel collectives under compute, "
                    + "%s%s, a MoE layer's host time %.2f ms per micro-batch (%s)%s%s", r.model(), r.devices(), r.hardware(),
                    SYSTEMS.get(r.hardware()), plan.tensorParallel(), plan.pipelineParallel(), plan.virtualStages(), plan.expertParallel(),
                    plan.dataParallel(), plan.microBatchSize(), r.batch(), r.sequence(), r.expertCommunication().describe(),
                    r.expertCommunication().equals(ExpertCommunication.DEFAULT) ? " (assumed: the source does not say)" : " (as the source says)", host * 1e3,
                    derivation ? "the median of the other newest-container runs: leave-one-out" : "the median of the newest-container runs",
                    r.formatName().equals("mxfp8") ? ", MXFP8 costed as fp8" : "",
                    plan.expertTensorParallel() == 1 ? ", experts not tensor-split (expert_tensor_parallel_size=1)" : "");
            return new ValidationCases.Spec(MOE_TRAINING, r.hardware(), false, assumption,
                    (device, cal, catalog) -> tokensPerSecondPerDevice(device, TrainingFramework.MEGATRON_CORE.apply(cal, cal), catalog, r, host));
        });
    }

    /** {@link #tokensPerSecondPerDevice(Device, Calibration, CatalogCache, String, int, Plan, long, long, Format, double)} of a run. */
    static double tokensPerSecondPerDevice(Device device, Calibration cal, CatalogCache catalog, Run r, double hostSecondsPerBlock) {
        return tokensPerSecondPerDevice(device, cal, catalog, r.model(), r.devices(), r.plan(), r.batch(), r.sequence(), r.format(), hostSecondsPerBlock,
                r.expertCommunication());
    }

    /**
     * Tokens per second per device of {@code plan}, by the planner's step model, with the MoE layer's host time per
     * micro-batch given (TrainingStep.MOE_HOST_SECONDS_PER_BLOCK; MoeCalibrationTest varies it to derive it).
     */
    public static double tokensPerSecondPerDevice(Device device, Calibration cal, CatalogCache catalog, String modelId, int devices, Plan plan,
            long batch, long sequence, Format format, double hostSecondsPerBlock, ExpertCommunication expertCommunication) {
        // Megatron-Core's runs (and DeepSeek's HAI-LLM, given the same): tensor-parallel collectives under the GEMMs.
        return tokensPerSecondPerDevice(device, cal, catalog, modelId, devices, plan, batch, sequence, format, hostSecondsPerBlock,
                expertCommunication, TrainingFramework.MEGATRON_CORE);
    }

    /** As above under {@code framework} (whether its tensor-parallel collectives run under the GEMMs). */
    static double tokensPerSecondPerDevice(Device device, Calibration cal, CatalogCache catalog, String modelId, int devices, Plan plan,
            long batch, long sequence, Format format, double hostSecondsPerBlock, ExpertCommunication expertCommunication,
            TrainingFramework framework) {
        Transformer model = ValidationCases.model(catalog, modelId, "inputs.model");
        Cluster cluster = ValidationCases.systemCluster(catalog, device, SYSTEMS.get(device.id()), devices);
        TrainingJob job = new TrainingJob(model, cluster, cal, format, batch, sequence, Optimizer.ADAM, 4, 2, Attention.Kernel.FLASH, null,
                0.05, framework.overlapsTensorParallel(device.architecture()), Host.MEASURED, expertCommunication);
        PlanEvaluation evaluation = PlanEvaluation.of(job, plan, LayerCosts.of(job, plan, hostSecondsPerBlock));
        return evaluation.tokensPerSecond() / devices;
    }

    /** A ledger input that is a number, as an int; {@code fallback} when absent or not a number. */
    static int integer(Map<String, Object> in, String key, int fallback) {
        Object value = in.get(key);
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
