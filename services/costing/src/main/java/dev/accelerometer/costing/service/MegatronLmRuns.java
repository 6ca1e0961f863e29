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
import dev.accelerometer.model.parallel.PlanSearch;
import dev.accelerometer.model.parallel.TrainingFramework;
import dev.accelerometer.model.parallel.TrainingJob;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Megatron-LM's published runs on Selene (DGX A100 80GB nodes) and a Megatron-DeepSpeed one (BLOOM-176B on Jean Zay), predicted by
 * the plan model the planner answers with — the run's system and its links, its tensor, pipeline and data parallel layout,
 * Megatron's fused-softmax attention, fp16 or bf16 with fp32 gradients, Adam replicated on every data-parallel rank unless the run
 * says its ZeRO stage, the tensor-parallel collectives between the GEMMs (Megatron-LM before
 * Transformer Engine's userbuffers) and Megatron-LM's Ampere training-step efficiency
 * ({@link TrainingFramework.Constants#AMPERE_MEGATRON_LM}):
 * <ul>
 * <li>iteration times (category llm_training_iteration_time), Korthikanti et al. 2022 Table 5: GPT-22B, GPT-3 175B, MT-NLG 530B and
 * Megatron 1T on 8 to 512 GPUs, full recomputation against sequence parallelism with selective recomputation, every layout
 * stated (catalog V77). The 22B pair derives the Ampere efficiency; the other six are held out; and BLOOM-176B's logged iteration
 * (catalog V79), held out;</li>
 * <li>TFLOP/s per GPU (category llm_training_throughput), Narayanan et al. 2021 Tables 1 and 2: GPT models of 1.7B to 1T parameters
 * on 32 to 3,072 GPUs with full recomputation, counted with the paper's formula 96·B·s·l·h²·(1 + s/6h + V/16lh). Table 1 does not
 * state the micro-batch or the interleaving: the planner's search picks them at the stated t and p (no sequence parallelism, which
 * came in 2022). All held out.</li>
 * </ul>
 */
final class MegatronLmRuns {
    /** The runs TrainingFramework.Constants.AMPERE_MEGATRON_LM is derived from (planner MegatronAmpereEfficiencyTest). */
    static final Set<String> CALIBRATION = Set.of("selene-megatron-22b-full", "selene-megatron-22b-seqsel");
    static final String ITERATION = "seconds per iteration";
    static final String THROUGHPUT = "TFLOP/s per GPU";
    static final String MFU = "MFU %";
    /** How the rows name their framework: Megatron-LM itself, or Megatron-DeepSpeed (BigScience's fork). */
    static final List<String> FRAMEWORKS = List.of("Megatron-LM (", "Megatron-DeepSpeed", "Meta 4D parallelism");
    /** The most devices a case may name: the planner's own bound on a cluster (ClusterSpec.devices, 2^20). */
    static final int MAX_DEVICES = 1 << 20;
    /** How long the validation lets the planner's search look for a Table 1 run's micro-batch and interleaving. */
    static final long SEARCH_NANOS = 60_000_000_000L;

    private MegatronLmRuns() {
    }

    /** The case a ledger entry describes, when it is a Megatron-LM run with its layout as catalog ids. */
    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        boolean iteration = "llm_training_iteration_time".equals(m.category()) && ITERATION.equals(m.unit());
        boolean throughput = "llm_training_throughput".equals(m.category()) && THROUGHPUT.equals(m.unit());
        boolean utilization = "llm_training_throughput".equals(m.category()) && MFU.equals(m.unit());
        if (!(iteration || throughput || utilization)) {
            return Optional.empty();
        }
        return run(m.inputs()).filter(r -> !iteration || r.layout().micro() > 0 && r.layout().virtual() > 0).map(r -> {
            // The paper's padded vocabulary (51,200), which its FLOP count uses, where the row states it.
            int vocab = MoeRuns.integer(m.inputs(), "vocab", 0);
            String assumption = r.describe() + (throughput ? "; TFLOP/s by the paper's count 96·B·s·l·h²·(1 + s/6h + V/16lh)"
                    : utilization ? "; MFU by the planner's model FLOPs (6 × parameters + attention per token) over the bf16 peak" : "");
            return new ValidationCases.Spec("training", r.hardware(), CALIBRATION.contains(m.id()), assumption, (device, cal, catalog) -> {
                PlanEvaluation evaluation = r.evaluate(device, cal, catalog);
                double seconds = evaluation.step().totalSeconds();
                return iteration ? seconds : utilization ? 100 * evaluation.modelFlopsUtilization()
                        : paperFlops(ValidationCases.model(catalog, r.modelId(), "inputs.model"), r.batch(), r.sequence(), vocab)
                                / (seconds * r.layout().devices()) / 1e12;
            });
        });
    }

    /** A published run: where it ran, the model, its precision, attention kernel and framework, and its layout. */
    record Run(String hardware, String system, String modelId, long batch, long sequence, Format format, Attention.Kernel kernel,
            String framework, Layout layout) {

        /** The run by the planner's plan model (its search where the layout leaves the micro-batch or interleaving open). */
        PlanEvaluation evaluate(Device device, Calibration cal, CatalogCache catalog) {
            Transformer model = ValidationCases.model(catalog, modelId, "inputs.model");
            return MegatronLmRuns.evaluate(job(device, cal, catalog, model, system, layout.devices(), batch, sequence, format, kernel), layout);
        }

        /** What the case assumes, in one sentence. */
        String describe() {
            Layout l = layout;
            return String.format(Locale.ROOT, "%s on %d × %s (%s): t%d p%d d%d, %s, %d × %d tokens per iteration, %s recomputation%s; "
                    + "%s with fp32 gradients, Adam %s, %s; %s", modelId, l.devices(), hardware, system, l.t(), l.p(), l.devices() / (l.t() * l.p()),
                    schedule(l.micro(), l.virtual()), batch, sequence, l.recompute() == Recompute.NONE ? "no" : l.recompute().slug(),
                    l.sequenceParallel() == null ? ", sequence parallelism as the search picks" : l.sequenceParallel() ? ", sequence parallel" : "",
                    format.slug(), l.zeroStage() == 0 ? "on every data-parallel rank" : "sharded over the data-parallel ranks (ZeRO-" + l.zeroStage() + ")",
                    kernel == Attention.Kernel.FLASH ? "fused (flash) attention" : "Megatron's fused-softmax attention",
                    framework.startsWith("Meta") ? "Meta's 4D parallelism costed as Megatron-Core (its Hopper training-step efficiency, "
                            + "tensor-parallel collectives under the GEMMs: the framework has no constants of its own)"
                            : "tensor-parallel collectives between the GEMMs (Megatron-LM), Megatron-LM's Ampere training-step efficiency");
        }
    }

    /** A ledger row's run, when its inputs name a system, a model and a layout this model can run. */
    static Optional<Run> run(Map<String, Object> in) {
        if (in == null || !(in.get("system") instanceof String system) || !(in.get("hardware") instanceof String hardware)
                || !(in.get("model") instanceof String modelId) || FRAMEWORKS.stream().noneMatch(String.valueOf(in.get("framework"))::startsWith)) {
            return Optional.empty();
        }
        int devices = MoeRuns.integer(in, "gpus", 0);
        int t = MoeRuns.integer(in, "tensorParallel", 0);
        int p = MoeRuns.integer(in, "pipelineParallel", 0);
        // Absent: the planner's search picks them (Narayanan et al.'s Table 1 does not state them).
        int virtual = MoeRuns.integer(in, "virtualPipeline", 0);
        int micro = MoeRuns.integer(in, "microBatchSequences", 0);
        long batch = MoeRuns.integer(in, "globalBatchSequences", 0);
        long sequence = MoeRuns.integer(in, "sequenceLength", 0);
        Recompute recompute = Recompute.fromSlug(String.valueOf(in.get("recompute"))).orElse(null);
        Format format = "fp16".equals(in.get("precision")) ? Format.FP16 : "bf16".equals(in.get("precision")) ? Format.BF16 : null;
        // Megatron-LM 2021-22 replicated the optimizer on every data-parallel rank (ZeRO stage 0, the planner's plan default);
        // Megatron-DeepSpeed runs say their stage (BLOOM: DeepSpeed's BF16 optimizer, its own stage 1).
        int zero = MoeRuns.integer(in, "zeroStage", 0);
        // Bounded as the planner's own requests are (ClusterSpec.devices): a ledger row anyone may add must not start an unbounded search.
        if (devices <= 0 || devices > MAX_DEVICES || t <= 0 || p <= 0 || devices % (t * p) != 0 || batch <= 0 || sequence <= 0
                || recompute == null || format == null || zero < 0 || zero > 3) {
            return Optional.empty();
        }
        // Not stated (null): the planner's search tries both.
        Boolean sequenceParallel = in.get("sequenceParallel") instanceof Boolean b ? b : null;
        Attention.Kernel kernel = "flash".equals(in.get("attention")) ? Attention.Kernel.FLASH : Attention.Kernel.STANDARD;
        return Optional.of(new Run(hardware, system, modelId, batch, sequence, format, kernel, String.valueOf(in.get("framework")),
                new Layout(devices, t, p, virtual, micro, recompute, sequenceParallel, zero)));
    }

    /** The micro-batch and interleaving as the case states them: given, or left to the planner's search (0). */
    static String schedule(int micro, int virtual) {
        if (micro > 0 && virtual > 0) {
            return "micro-batch " + micro + ", v" + virtual;
        }
        String searched = micro > 0 ? "the interleaving" : virtual > 0 ? "the micro-batch" : "the micro-batch and the interleaving";
        return (micro > 0 ? "micro-batch " + micro + ", " : virtual > 0 ? "v" + virtual + ", " : "") + searched
                + " as the planner's search picks (not stated)";
    }

    /** A run's layout; {@code virtual} and {@code micro} 0 where the source does not state them. */
    record Layout(int devices, int t, int p, int virtual, int micro, Recompute recompute, Boolean sequenceParallel, int zeroStage) {
    }

    /** The job as the planner frames a Megatron-LM run on {@code systemId}. */
    static TrainingJob job(Device device, Calibration table, CatalogCache catalog, Transformer model, String systemId, int devices, long batch,
            long sequence, Format format, Attention.Kernel kernel) {
        TrainingFramework framework = TrainingFramework.MEGATRON_CORE;
        Calibration cal = framework.apply(table, table);
        Cluster cluster = ValidationCases.systemCluster(catalog, device, systemId, devices).withCollectiveScale(cal);
        return new TrainingJob(model, cluster, cal, format, batch, sequence, Optimizer.ADAM, 4, 4, kernel, null, 0.05,
                framework.overlapsTensorParallel(device.architecture()), Host.MEASURED, ExpertCommunication.DEFAULT);
    }

    /**
     * Seconds per iteration of the layout by the planner's plan model; where the micro-batch or the interleaving is not stated, of
     * the fastest plan that fits with what is stated (t, p, recomputation, sequence parallelism; the planner's search).
     */
    static PlanEvaluation evaluate(TrainingJob job, Layout l) {
        int d = l.devices() / (l.t() * l.p());
        if (l.micro() > 0 && l.virtual() > 0) {
            Plan plan = new Plan(d, l.t(), l.p(), l.virtual(), l.micro(), l.recompute(), Boolean.TRUE.equals(l.sequenceParallel()), l.zeroStage(),
                    1, 0, 1);
            return PlanEvaluation.of(job, plan, LayerCosts.of(job, plan));
        }
        List<Plan> candidates = PlanSearch.enumerate(job, new PlanSearch.Constraints(null, l.t(), l.p(), l.zeroStage(), l.recompute(), 1, 1)).stream()
                .filter(plan -> (l.sequenceParallel() == null || plan.sequenceParallel() == l.sequenceParallel()) && (l.micro() == 0 || plan.microBatchSize() == l.micro())
                        && (l.virtual() == 0 || plan.virtualStages() == l.virtual()))
                .toList();
        PlanEvaluation best = PlanSearch.search(job, candidates, 1, System.nanoTime() + SEARCH_NANOS).best();
        if (best == null) {
            throw new IllegalStateException("no plan of " + job.model().name() + " fits at t" + l.t() + " p" + l.p());
        }
        return best;
    }

    /**
     * Narayanan et al. 2021, eq. 3: FLOPs per iteration with full recomputation, 96·B·s·l·h²·(1 + s/6h + V/16lh), with the row's
     * vocabulary ({@code vocab}; the model's where 0).
     */
    static double paperFlops(Transformer m, long batch, long sequence, int vocab) {
        double h = m.hidden();
        double l = m.layers();
        double v = vocab > 0 ? vocab : m.vocab();
        return 96.0 * batch * sequence * l * h * h * (1 + sequence / (6 * h) + v / (16 * l * h));
    }
}
