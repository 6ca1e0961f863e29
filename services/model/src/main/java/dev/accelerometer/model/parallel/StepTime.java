package dev.accelerometer.model.parallel;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.collective.Collectives;
import dev.accelerometer.model.memory.Activations.Recompute;

/**
 * Step time of a plan: the pipeline schedule of the micro-batches over the stages (1F1B: (m + p − 1) micro-batch
 * slots; interleaved: bubble (p−1)/(v·m), Narayanan et al. 2021 §2.2), tensor-parallel collectives in every layer
 * (Megatron: two all-reduces of b·s·h forward and two backward; with sequence parallelism the same volume as
 * reduce-scatter + all-gather; full recomputation repeats the forward ones), pipeline point-to-point sends, the
 * data-parallel gradient reduction (not overlapped, as in Megatron-LM's default), ZeRO-3 weight all-gathers, and the
 * optimizer step ({@link OptimizerStep}: the same streaming kernel costing charges, with its share of the end-to-end
 * overhead, so that a 1-way plan takes exactly the step costing answers).
 */
public final class StepTime {
    private StepTime() {
    }

    public record Breakdown(double computeSeconds, double recomputeSeconds, double tensorParallelSeconds, double pipelineBubbleSeconds,
            double pipelineP2pSeconds, double dataParallelSeconds, double zeroGatherSeconds, double optimizerSeconds, double totalSeconds,
            long microBatches) {
    }

    public static Breakdown of(TrainingJob job, Plan plan, LayerCosts costs) {
        Transformer m = job.model();
        Cluster c = job.cluster();
        int t = plan.tensorParallel();
        int p = plan.pipelineParallel();
        int d = plan.dataParallel();
        long micro = plan.microBatches(job.globalBatch());
        double layersPerStage = (double) m.layers() / p;
        double activation = 2.0 * job.sequence() * plan.microBatchSize() * m.hidden();
        // Tensor parallel: 4 all-reduce volumes per layer (2 forward, 2 backward), 6 with full recomputation.
        int volumes = plan.recompute() == Recompute.FULL ? 6 : 4;
        double tpPerLayer = t > 1 ? volumes * allReduce(c, activation, 1, t) : 0;
        double recomputePerLayer = switch (plan.recompute()) {
            case FULL -> costs.forwardSeconds();
            case SELECTIVE -> costs.attentionForwardSeconds();
            case NONE -> 0;
        };
        double computePerMicro = layersPerStage * (costs.forwardSeconds() + costs.backwardSeconds()) + costs.headSeconds() / p;
        double perMicro = computePerMicro + layersPerStage * (recomputePerLayer + tpPerLayer);
        double bubbleFraction = p > 1 ? (p - 1.0) / (plan.virtualStages() * (double) micro) : 0;
        double pipeline = micro * perMicro * (1 + bubbleFraction);
        // Point-to-point: each micro-batch crosses each stage boundary forward and backward (interleaving: v times as many).
        double p2pBytes = plan.sequenceParallel() ? activation / t : activation;
        boolean crossNode = (long) t * p > c.devicesPerNode();
        double p2p = p > 1 ? 2.0 * plan.virtualStages() * (micro + p - 1)
                * Collectives.pointToPoint(p2pBytes, c.hopBandwidth(crossNode), c.hopLatency(crossNode)) : 0;
        double shardParameters = PlanMemory.shardParameters(job, plan);
        // Data-parallel ranks that share a node (tensor and pipeline groups fill nodes first).
        int dpPerNode = Math.max(1, c.devicesPerNode() / (t * p));
        double dp = d > 1 ? dataParallelAllReduce(c, shardParameters * job.wireGradientBytes(), t, d, dpPerNode) : 0;
        // ZeRO-3 all-gathers the 16-bit weights before the forward and again before the backward: two half all-reduces.
        double zero = plan.zeroStage() >= 3 && d > 1 ? dataParallelAllReduce(c, shardParameters * 2, t, d, dpPerNode) : 0;
        double optimizer = OptimizerStep.seconds(job, shardParameters / (plan.zeroStage() >= 1 ? d : 1));
        double compute = micro * computePerMicro;
        double recompute = micro * layersPerStage * recomputePerLayer;
        double tp = micro * layersPerStage * tpPerLayer;
        double bubble = micro * perMicro * bubbleFraction;
        double total = pipeline + p2p + dp + zero + optimizer;
        return new Breakdown(compute, recompute, tp, bubble, p2p, dp, zero, optimizer, total, micro);
    }

    /** A group of {@code size} ranks after {@code inner} ranks of inner groups: on a torus along its axes, else a ring in the node. */
    static double allReduce(Cluster c, double bytes, int inner, int size) {
        int[] axes = c.torus() == null ? null : Collectives.torusGroup(c.torus().axes(), inner, size);
        return axes != null ? Collectives.torusAllReduce(bytes, axes, c.torus().linkBandwidth(), c.torus().latency())
                : Collectives.ringAllReduce(bytes, size, c.intraBandwidth(), c.intraLatency());
    }

    /** Data-parallel reduction: on a torus along the axes after the tensor-parallel group's, else NVLink inside nodes then the NICs. */
    static double dataParallelAllReduce(Cluster c, double bytes, int t, int d, int dpPerNode) {
        int[] axes = c.torus() == null ? null : Collectives.torusGroup(c.torus().axes(), t, d);
        return axes != null ? Collectives.torusAllReduce(bytes, axes, c.torus().linkBandwidth(), c.torus().latency())
                : Collectives.hierarchicalAllReduce(bytes, d, Math.min(d, dpPerNode), c.intraBandwidth(), c.intraLatency(),
                        c.interBandwidth(), c.interLatency());
    }

    /**
     * Model FLOPs of one step (Narayanan et al. 2021, eq. 3 without recomputation): 72·B·s·l·h²·(1 + s/(6h) + V/(16·l·h)).
     */
    public static double modelFlops(Transformer m, long globalBatch, long sequence) {
        double h = m.hidden();
        double l = m.layers();
        return 72.0 * globalBatch * sequence * l * h * h * (1 + sequence / (6 * h) + m.vocab() / (16 * l * h));
    }
}
