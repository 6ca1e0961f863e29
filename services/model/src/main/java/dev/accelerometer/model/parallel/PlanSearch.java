package dev.accelerometer.model.parallel;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Offload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan search: every legal data/tensor/pipeline/expert/context split (pipeline depths that divide the blocks, and powers of
 * two that do not), micro-batch, interleaving, recomputation mode, sequence
 * parallelism and ZeRO stage within the constraints, evaluated exhaustively until a deadline and ranked by step time
 * among those that fit in memory; when none fits, the binding constraint and the shortfall. Layer costs are computed
 * once per (tensor parallel, micro-batch) pair.
 */
public final class PlanSearch {
    /** Micro-batch sizes tried: powers of two up to 64. */
    static final int MAX_MICRO_BATCH = 64;
    static final int[] VIRTUAL_STAGES = {1, 2, 4};

    private PlanSearch() {
    }

    /**
     * What the search may try; null fields are free, except {@code offloads}: where the model states may live (null or
     * empty: on the devices only).
     */
    public record Constraints(Integer maxTensorParallel, Integer tensorParallel, Integer pipelineParallel, Integer zeroStage,
            Recompute recompute, Integer expertParallel, Integer contextParallel, java.util.Set<Offload> offloads) {
        public static final Constraints NONE = new Constraints(null, null, null, null, null, null, null);

        /** Constraints that keep the model states on the devices. */
        public Constraints(Integer maxTensorParallel, Integer tensorParallel, Integer pipelineParallel, Integer zeroStage, Recompute recompute,
                Integer expertParallel, Integer contextParallel) {
            this(maxTensorParallel, tensorParallel, pipelineParallel, zeroStage, recompute, expertParallel, contextParallel, null);
        }

        java.util.Set<Offload> offloadChoices() {
            return offloads == null || offloads.isEmpty() ? java.util.Set.of(Offload.NONE) : offloads;
        }

        /** Constraints that leave context parallelism free. */
        public Constraints(Integer maxTensorParallel, Integer tensorParallel, Integer pipelineParallel, Integer zeroStage, Recompute recompute,
                Integer expertParallel) {
            this(maxTensorParallel, tensorParallel, pipelineParallel, zeroStage, recompute, expertParallel, null);
        }
    }

    /**
     * Fewest tokens of a sequence the search leaves each context-parallel rank: NVIDIA's published Llama 3.1 recipes split
     * 8,192-token sequences over 2 ranks (ledger fp8-01 … fp8-12), so context parallelism is tried down to 4,096 tokens per
     * rank; a fixed {@code contextParallel} goes below it.
     */
    static final long MIN_CONTEXT_TOKENS = 4096;

    /** A broken rule: the plan dimension at fault and what is wrong. */
    public record Violation(String dimension, String message) {
    }

    public record Result(PlanEvaluation best, List<PlanEvaluation> top, long evaluated, long feasible, double searchMillis,
            boolean deadlineReached, PlanEvaluation closest) {
    }

    /** Checks a fully specified plan against the model and cluster; every broken rule names its dimension. */
    public static List<Violation> rules(TrainingJob job, Plan plan) {
        List<Violation> errors = new ArrayList<>();
        Transformer m = job.model();
        Cluster c = job.cluster();
        if (plan.devices() != c.devices()) {
            errors.add(new Violation("dataParallel", (plan.contextParallel() > 1 ? "d·t·p·c = " : "d·t·p = ") + plan.devices()
                    + " must equal cluster.devices (" + c.devices() + ")"));
        }
        int cp = plan.contextParallel();
        if (cp < 1) {
            errors.add(new Violation("contextParallel", "must be at least 1"));
        } else if (cp > 1 && job.sequence() % (2L * cp) != 0) {
            errors.add(new Violation("contextParallel", "2·c = " + 2 * cp + " must divide the sequence length (" + job.sequence()
                    + "): each sequence is split into 2·c chunks, two per rank, to balance causal attention"));
        } else if (cp > 1 && !job.kernel().fused()) {
            errors.add(new Violation("contextParallel", "runs on a fused attention kernel (Transformer Engine's ring attention); set "
                    + "training.attentionKernel to a fused one (flash, flash-attention-1, flash-attention-2, flash-attention-3, cudnn, xformers or "
                    + "triton), or use 1"));
        }
        if (m.heads() % plan.tensorParallel() != 0 || m.ffn() % plan.tensorParallel() != 0) {
            errors.add(new Violation("tensorParallel", "must divide the heads (" + m.heads() + ") and the FFN size (" + m.ffn() + ")"));
        }
        int e = plan.expertParallel();
        if (e < 1) {
            errors.add(new Violation("expertParallel", "must be at least 1"));
        } else if (e > 1 && m.moe() == null) {
            errors.add(new Violation("expertParallel", "splits the experts of a mixture of experts; " + m.name() + " is dense (use 1)"));
        } else if (e > 1) {
            if (m.moe().experts() % e != 0) {
                errors.add(new Violation("expertParallel", "must divide the experts (" + m.moe().experts() + ")"));
            }
            long stage = (long) plan.dataParallel() * plan.tensorParallel() * Math.max(1, cp);
            if (stage % e != 0) {
                errors.add(new Violation("expertParallel", "must divide dataParallel × tensorParallel" + (cp > 1 ? " × contextParallel (" : " (")
                        + stage + "): expert-parallel groups are carved out of a stage's data- (and tensor-) parallel ranks"));
            }
            if (c.torus() != null) {
                errors.add(new Violation("expertParallel", "all-to-all on a TPU torus is not modelled; use 1 on " + c.device().id()));
            }
        }
        int et = plan.expertTensorParallelSize();
        if (et < 0 || et > 0 && (plan.tensorParallel() % et != 0
                || (long) plan.dataParallel() * plan.tensorParallel() * Math.max(1, cp) % ((long) et * Math.max(1, e)) != 0)) {
            errors.add(new Violation("expertTensorParallel", "must divide tensorParallel (" + plan.tensorParallel() + "), and expertTensorParallel "
                    + "× expertParallel must divide dataParallel × tensorParallel × contextParallel (Megatron-Core's MoE parallel folding)"));
        } else if (m.moe() != null && m.moe().expertFfn() % plan.expertTensorParallel() != 0) {
            errors.add(new Violation(et > 0 ? "expertTensorParallel" : "tensorParallel", "must divide the experts' FFN size (" + m.moe().expertFfn() + ")"));
        } else if (et > 1 && m.moe() == null) {
            errors.add(new Violation("expertTensorParallel", "splits the experts of a mixture of experts; " + m.name() + " is dense (omit it)"));
        }
        if (plan.tensorParallel() > c.devicesPerNode()) {
            errors.add(new Violation("tensorParallel", "must stay inside a node (≤ " + c.devicesPerNode() + " devices)"));
        }
        if (plan.virtualStages() > 1 && (long) plan.pipelineParallel() * plan.virtualStages() > m.layers()) {
            errors.add(new Violation("pipelineParallel", "p·v = " + plan.pipelineParallel() * plan.virtualStages()
                    + " must be at most the layers (" + m.layers() + ") when interleaving: every model chunk holds a layer"));
        } else if (plan.pipelineParallel() > m.layers()) {
            errors.add(new Violation("pipelineParallel", "must be at most the layers (" + m.layers() + ")"));
        }
        if (job.globalBatch() % ((long) plan.dataParallel() * plan.microBatchSize()) != 0) {
            errors.add(new Violation("microBatchSize", "d·b = " + (long) plan.dataParallel() * plan.microBatchSize()
                    + " must divide the global batch (" + job.globalBatch() + ")"));
        }
        Offload offload = plan.offload();
        if (offload.optimizerOnHost() && plan.zeroStage() < offload.minimumZeroStage) {
            errors.add(new Violation("zeroStage", "offload " + offload.slug + " needs ZeRO stage " + offload.minimumZeroStage
                    + (offload.minimumZeroStage < 3 ? " or more" : "") + " (DeepSpeed offloads the partitions ZeRO makes)"));
        }
        if (offload.optimizerOnHost() && job.cluster().device().kind() == dev.accelerometer.model.hardware.Device.Kind.TPU) {
            errors.add(new Violation("offload", "CPU offload is modelled for GPUs under DeepSpeed; " + job.cluster().device().id()
                    + " is a TPU (use none)"));
        }
        if (plan.sequenceParallel() && plan.tensorParallel() == 1) {
            errors.add(new Violation("sequenceParallel", "needs tensor parallelism (t > 1)"));
        }
        if (plan.virtualStages() > 1 && plan.pipelineParallel() == 1) {
            errors.add(new Violation("virtualStages", "interleaving needs pipeline parallelism (p > 1)"));
        }
        return errors;
    }

    /** Every legal plan within the constraints. */
    public static List<Plan> enumerate(TrainingJob job, Constraints c) {
        List<Plan> plans = new ArrayList<>();
        int n = job.cluster().devices();
        Transformer m = job.model();
        int maxT = Math.min(job.cluster().devicesPerNode(), c.maxTensorParallel() == null ? Integer.MAX_VALUE : c.maxTensorParallel());
        for (int t = 1; t <= maxT; t *= 2) {
            if (n % t != 0 || (c.tensorParallel() != null && t != c.tensorParallel())) {
                continue;
            }
            for (int p = 1; p <= n / t; p++) {
                // Even splits, and powers of two that leave a remainder (DeepSeek-V3's 61 blocks on 16 stages: the stages with
                // ⌈L/p⌉ blocks set the pace) — a layer count with few divisors still gets pipeline choices.
                boolean even = m.layers() % p == 0;
                boolean unevenPowerOfTwo = Integer.bitCount(p) == 1 && p <= m.layers() / 2;
                if ((n / t) % p != 0 || !(even || unevenPowerOfTwo) || (c.pipelineParallel() != null && p != c.pipelineParallel())) {
                    continue;
                }
                for (int cp : contextParallelSizes(job, c, n / (t * p))) {
                    addSplits(job, c, t, p, cp, plans);
                }
            }
        }
        return plans;
    }

    /** Every legal plan with t tensor-parallel, p pipeline and cp context-parallel ranks (the rest data-parallel) into {@code plans}. */
    private static void addSplits(TrainingJob job, Constraints c, int t, int p, int cp, List<Plan> plans) {
        int d = job.cluster().devices() / (t * p * cp);
        for (int b = 1; b <= MAX_MICRO_BATCH; b *= 2) {
            if (job.globalBatch() % ((long) d * b) != 0) {
                continue;
            }
            for (int v : VIRTUAL_STAGES) {
                // Uneven interleaving only where the stages are uneven already (61 blocks on 8 stages of 4 chunks, as NVIDIA's
                // DeepSeek-V3 recipe): where p divides the blocks, the chunks that would not are no faster and only widen the search.
                if (v > 1 && job.model().layers() % p == 0 && job.model().layers() % (p * v) != 0) {
                    continue;
                }
                for (Recompute r : Recompute.values()) {
                    if (c.recompute() != null && r != c.recompute()) {
                        continue;
                    }
                    for (boolean sp : new boolean[] {false, true}) {
                        for (int z = 0; z <= 3; z++) {
                            if (c.zeroStage() != null && z != c.zeroStage()) {
                                continue;
                            }
                            for (Offload o : c.offloadChoices()) {
                                // ZeRO on one replica changes nothing, except that offload needs it; stage 1 offloads as 2 does
                                // (a fixed stage is kept for offload plans: the rules say whether it can offload).
                                boolean useful = o == Offload.NONE ? z == 0 || d * cp > 1
                                        : z >= Math.max(2, o.minimumZeroStage) && (d * cp > 1 || z == Math.max(2, o.minimumZeroStage));
                                if (!useful && (o == Offload.NONE || c.zeroStage() == null)) {
                                    continue;
                                }
                                for (int e : expertParallelSizes(job, c, d * cp, t)) {
                                    Plan plan = new Plan(d, t, p, v, b, r, sp, z, e, 0, cp, o);
                                    if (rules(job, plan).isEmpty()) {
                                        plans.add(plan);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Context-parallel sizes to try over {@code ranks} data- and context-parallel ranks: the fixed one, else 1 and — with a
     * fused attention kernel — the powers of two dividing the ranks that leave each rank at least {@link #MIN_CONTEXT_TOKENS}.
     */
    static List<Integer> contextParallelSizes(TrainingJob job, Constraints c, int ranks) {
        if (c.contextParallel() != null) {
            return ranks % c.contextParallel() == 0 ? List.of(c.contextParallel()) : List.of();
        }
        List<Integer> sizes = new ArrayList<>(List.of(1));
        for (int cp = 2; job.kernel().fused() && ranks % cp == 0 && job.sequence() / cp >= MIN_CONTEXT_TOKENS
                && job.sequence() % (2L * cp) == 0; cp *= 2) {
            sizes.add(cp);
        }
        return sizes;
    }

    /**
     * Expert-parallel sizes to try with d data- (and context-) parallel and t tensor-parallel ranks: 1 for a dense model, else the
     * powers of two dividing the experts and t·d (beyond d, the expert groups fold over the tensor-parallel ranks).
     */
    static List<Integer> expertParallelSizes(TrainingJob job, Constraints c, int d, int t) {
        if (c.expertParallel() != null) {
            return List.of(c.expertParallel());
        }
        Transformer.Mixture moe = job.model().moe();
        if (moe == null || job.cluster().torus() != null) {
            return List.of(1);
        }
        List<Integer> sizes = new ArrayList<>();
        for (int e = 1; e <= Math.min((long) d * t, moe.experts()); e *= 2) {
            if (moe.experts() % e == 0 && (long) d * t % e == 0) {
                sizes.add(e);
            }
        }
        return sizes;
    }

    /**
     * Evaluates {@code candidates} until {@code deadlineNanos} (System.nanoTime), keeping the {@code limit} fastest that fit.
     * Layer costs are computed once per (t, e, b), inside the deadline.
     */
    public static Result search(TrainingJob job, List<Plan> candidates, int limit, long deadlineNanos) {
        long started = System.nanoTime();
        Map<Long, LayerCosts> costs = new HashMap<>();
        List<PlanEvaluation> feasible = new ArrayList<>();
        long evaluated = 0;
        boolean cut = false;
        PlanEvaluation closest = null;
        double modelFlops = StepTime.modelFlops(job);
        for (Plan plan : candidates) {
            if (System.nanoTime() > deadlineNanos) {
                cut = true;
                break;
            }
            evaluated++;
            LayerCosts layer = costs.computeIfAbsent(((long) plan.tensorParallel() << 48) | ((long) plan.expertTensorParallel() << 40)
                    | ((long) plan.expertParallel() << 20) | plan.microBatchSize(), key -> LayerCosts.of(job, plan));
            PlanEvaluation e = PlanEvaluation.of(job, plan, layer, modelFlops);
            if (e.fits()) {
                feasible.add(e);
            } else if (closest == null || e.memory().totalBytes() < closest.memory().totalBytes()) {
                closest = e;
            }
        }
        feasible.sort(Comparator.comparingDouble(e -> e.step().totalSeconds()));
        List<PlanEvaluation> top = List.copyOf(feasible.subList(0, Math.min(limit, feasible.size())));
        return new Result(top.isEmpty() ? null : top.get(0), top, evaluated, feasible.size(), (System.nanoTime() - started) / 1e6, cut,
                closest);
    }
}
