package dev.accelerometer.model.parallel;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.collective.Collectives;
import dev.accelerometer.model.memory.Activations.Recompute;

/**
 * Step time of a plan: the pipeline schedule of the micro-batches over the stages (1F1B: (m + p − 1) micro-batch
 * slots; interleaved: bubble (p−1)/(v·m), Narayanan et al. 2021 §2.2), tensor-parallel collectives in every layer
 * (Megatron: two all-reduces of b·s·h forward and two backward; with sequence parallelism the same volume as
 * reduce-scatter + all-gather; full recomputation repeats the forward ones; under the GEMMs where the job's framework
 * overlaps them), pipeline point-to-point sends, the
 * data-parallel gradient reduction (not overlapped, as in Megatron-LM's default), ZeRO-3 weight all-gathers, under ZeRO-2 and
 * ZeRO-3 with gradient accumulation every earlier micro-batch's reduce-scatter (and ZeRO-3's gathers) beyond its compute, context
 * parallelism's ring exchange of keys and values (beyond what the attention it feeds hides), and the
 * optimizer step ({@link OptimizerStep}: the same streaming kernel costing charges, with its share of the end-to-end
 * overhead, so that a 1-way plan takes exactly the step costing answers) — or, under CPU offload, the host's update and
 * the host-link copies ({@link HostOffload}).
 */
public final class StepTime {
    private StepTime() {
    }

    public record Breakdown(double computeSeconds, double recomputeSeconds, double tensorParallelSeconds, double pipelineBubbleSeconds,
            double pipelineP2pSeconds, double dataParallelSeconds, double zeroGatherSeconds, double optimizerSeconds, double totalSeconds,
            long microBatches, double expertAllToAllSeconds, double contextParallelSeconds, double hostOptimizerSeconds,
            double hostTransferSeconds) {
    }

    public static Breakdown of(TrainingJob job, Plan plan, LayerCosts sequenceCosts) {
        Transformer m = job.model();
        LayerCosts costs = sequenceCosts.perContextRank(plan.contextParallel());
        Cluster c = job.cluster();
        int t = plan.tensorParallel();
        int p = plan.pipelineParallel();
        int d = plan.dataParallel();
        int cp = plan.contextParallel();
        long micro = plan.microBatches(job.globalBatch());
        // An uneven split (DeepSeek-V3's 61 blocks on 16 stages; Llama 3.1 405B's 126 in 8 × 8 interleaved chunks, NeMo's recipe)
        // runs at the pace of the stages whose v chunks hold ⌈L/(p·v)⌉ blocks each.
        int v = plan.virtualStages();
        double layersPerStage = Math.ceil((double) m.layers() / ((long) p * v)) * v;
        // A context-parallel rank holds s/c of each sequence's tokens: its activations, and what crosses the links for them.
        double activation = 2.0 * job.sequence() / cp * plan.microBatchSize() * m.hidden();
        // Tensor parallel: 4 all-reduce volumes per layer (2 forward, 2 backward), 6 with full recomputation. Where the framework
        // overlaps them (Megatron-Core with Transformer Engine's userbuffers: each all-gather pipelined into the GEMM after it,
        // each reduce-scatter into the GEMM before it), only what exceeds the layer's GEMMs — its compute less the attention —
        // is exposed.
        int volumes = plan.recompute() == Recompute.FULL ? 6 : 4;
        double tpCollectives = t > 1 ? volumes * allReduce(c, activation, 1, t) : 0;
        double tpPerLayer = job.tensorParallelOverlap()
                ? Math.max(0, tpCollectives - (costs.forwardSeconds() + costs.backwardSeconds() - costs.attentionSeconds()))
                : tpCollectives;
        double recomputePerLayer = switch (plan.recompute()) {
            case FULL -> costs.forwardSeconds();
            case SELECTIVE -> costs.attentionForwardSeconds();
            case NONE -> 0;
        };
        double computePerMicro = layersPerStage * (costs.forwardSeconds() + costs.backwardSeconds()) + costs.headSeconds() / p;
        // Expert parallelism: every MoE block dispatches its tokens to their experts and combines them back (two
        // all-to-alls forward, two backward, two more under full recomputation). Where the framework overlaps them with
        // another micro-batch's block (DeepSeek-V3's DualPipe, §3.2.1; Megatron-Core's interleaved-1F1B all-to-all overlap),
        // only what exceeds a block's forward and backward compute is exposed; otherwise the block waits for all of them.
        ExpertCommunication ep = job.expertCommunication();
        double a2aPerBlock = (plan.recompute() == Recompute.FULL ? 6 : 4) * expertAllToAll(c, plan, m, job.sequence(), ep.dispatcher());
        double a2aPerMicro = (double) m.moeBlocks() / p
                * (ep.overlapped() ? Math.max(0, a2aPerBlock - (costs.forwardSeconds() + costs.backwardSeconds())) : a2aPerBlock);
        // Context parallelism: each layer's attention gathers the other ranks' keys and values around a ring (forward: c − 1
        // chunks; backward: the chunks again and their gradients), each step under the attention of the chunk before it, so
        // only what exceeds the attention's own forward and backward time is exposed.
        double cpPerLayer = Math.max(0, contextExchange(c, plan, m, job.sequence()) - costs.attentionSeconds());
        double perMicro = computePerMicro + layersPerStage * (recomputePerLayer + tpPerLayer + cpPerLayer) + a2aPerMicro;
        double bubbleFraction = p > 1 ? (p - 1.0) / (plan.virtualStages() * (double) micro) : 0;
        double pipeline = micro * perMicro * (1 + bubbleFraction);
        // Point-to-point: each micro-batch crosses each stage boundary forward and backward (interleaving: v times as many).
        double p2pBytes = plan.sequenceParallel() ? activation / t : activation;
        boolean crossNode = (long) t * cp * p > c.devicesPerNode();
        double p2p = p > 1 ? 2.0 * plan.virtualStages() * (micro + p - 1)
                * Collectives.pointToPoint(p2pBytes, c.hopBandwidth(crossNode), c.hopLatency(crossNode)) : 0;
        double shardParameters = PlanMemory.shardParameters(job, plan);
        double expertParameters = PlanMemory.expertShardParameters(job, plan);
        int e = plan.expertParallel();
        int expertData = plan.expertDataParallel();
        int et = plan.expertTensorParallel();
        // Data-parallel ranks that share a node (tensor and pipeline groups fill nodes first).
        int dpPerNode = Math.max(1, c.devicesPerNode() / (t * p));
        // The dense weights' replicas: the data-parallel ranks and, sharing the same weights, the context-parallel ones.
        int replicas = plan.gradientReplicas();
        // The experts' gradients reduce over the ranks holding the same experts (a stride of expert-tensor × e ranks).
        int expertDpPerNode = Math.max(1, c.devicesPerNode() / (et * p * e));
        // A volume per parameter reduced over the replicas: the dense shard's over its d ranks, the experts' over theirs.
        java.util.function.DoubleUnaryOperator overReplicas = bytesPerParameter ->
                (replicas > 1 ? dataParallelAllReduce(c, shardParameters * bytesPerParameter, t, replicas, dpPerNode) : 0)
                + (expertData > 1 && expertParameters > 0
                        ? dataParallelAllReduce(c, expertParameters * bytesPerParameter, et * e, expertData, expertDpPerNode) : 0);
        double dp = overReplicas.applyAsDouble(job.wireGradientBytes());
        // ZeRO-3 all-gathers the 16-bit weights before the forward and again before the backward: two half all-reduces.
        double zero = plan.zeroStage() >= 3 && replicas > 1 ? overReplicas.applyAsDouble(2) : 0;
        // Under CPU offload the host's CPUs run the update and the host link carries gradients, weights and (with the weights
        // offloaded) every pass's fetch, beyond what hides under the passes (HostOffload).
        boolean offload = plan.offload().optimizerOnHost();
        double partition = PlanMemory.partitionParameters(job, plan);
        double optimizer = offload ? 0 : OptimizerStep.seconds(job, partition);
        double hostOptimizer = offload ? HostOffload.optimizerSeconds(job, partition) : 0;
        double hostTransfer = offload ? HostOffload.transferSeconds(job, plan, partition, micro, layersPerStage * costs.forwardSeconds(),
                layersPerStage * (costs.backwardSeconds() + recomputePerLayer)) : 0;
        double compute = micro * computePerMicro;
        double recompute = micro * layersPerStage * recomputePerLayer;
        double tp = micro * layersPerStage * tpPerLayer;
        double bubble = micro * perMicro * bubbleFraction;
        // Gradient accumulation under ZeRO-2 and ZeRO-3: a rank keeps only its shard of the gradients, so every micro-batch's
        // backward reduce-scatters its gradients (half the step's all-reduce volume) before the next adds to them — DeepSpeed
        // issue #2252, tjruwase 2022-08-23: "For zero stage 2 (and 3), gradient reduction is required after every backward because
        // of gradient partitioning"; PyTorch FSDP2 (pytorch PR #126166): a reduce-scatter per micro-batch backward with sharded
        // gradients, or unsharded gradient memory without it; read 2026-12-03 — and ZeRO-3 gathers the weights again for every
        // micro-batch's forward and backward (zero: 0 below stage 3). The last micro-batch's are the step's dp and zero above,
        // charged whole; the m − 1 before it run under their own micro-batch's compute (DeepSpeed's overlap_comm, FSDP's prefetch
        // and reduce-scatter stream), and only what exceeds it is charged. ZeRO-0 and ZeRO-1 accumulate whole gradients.
        double reducePerMicro = plan.zeroStage() >= 2 ? dp / 2 : 0;
        double accumulation = (micro - 1) * Math.max(0, reducePerMicro + zero - perMicro);
        double reduceShare = accumulation == 0 ? 0 : reducePerMicro / (reducePerMicro + zero);
        dp += accumulation * reduceShare;
        zero += accumulation * (1 - reduceShare);
        double total = pipeline + p2p + dp + zero + optimizer + hostOptimizer + hostTransfer;
        return new Breakdown(compute, recompute, tp, bubble, p2p, dp, zero, optimizer, total, micro, micro * a2aPerMicro,
                micro * layersPerStage * cpPerLayer, hostOptimizer, hostTransfer);
    }

    /**
     * One layer's ring exchange of keys and values over the c context-parallel ranks (Transformer Engine's P2P ring
     * attention, load-balanced causal chunks): forward, each rank receives the c − 1 other chunks of b·s/c tokens' keys and
     * values (its t-th share of the heads, 16 bits); backward, the chunks again and their gradients — 3 (c − 1) transfers
     * in all, each a point-to-point send in the ring. Consecutive ranks of the group sit t ranks apart, so the ring stays
     * in a node while t·c fits one.
     */
    static double contextExchange(Cluster c, Plan plan, Transformer m, long sequence) {
        int cp = plan.contextParallel();
        if (cp <= 1) {
            return 0;
        }
        Transformer.LatentAttention mla = m.latentAttention();
        double keyValueWidth = mla != null ? (double) m.heads() * (mla.queryKeyDim() + mla.valueDim()) : 2.0 * m.kvHeads() * m.headDim();
        double chunk = (double) plan.microBatchSize() * sequence / cp * keyValueWidth / plan.tensorParallel() * 2;
        boolean crossNode = (long) plan.tensorParallel() * cp > c.devicesPerNode();
        return 3.0 * (cp - 1) * Collectives.pointToPoint(chunk, c.hopBandwidth(crossNode), c.hopLatency(crossNode));
    }

    /**
     * One all-to-all of a MoE block over the e expert-parallel ranks ({@link ExpertCommunication#exchangeSeconds}): each rank sends
     * its b·s tokens (÷ t under sequence parallelism, as Megatron-Core dispatches them). Consecutive ranks of an expert group sit
     * expert-tensor ranks apart, so that many × e ranks fill a node before the group leaves it.
     */
    static double expertAllToAll(Cluster c, Plan plan, Transformer m, long sequence, ExpertCommunication.Dispatcher dispatcher) {
        int e = plan.expertParallel();
        if (e <= 1 || m.moe() == null) {
            return 0;
        }
        double tokens = (double) plan.microBatchSize() * sequence / plan.contextParallel() / (plan.sequenceParallel() ? plan.tensorParallel() : 1);
        int perNode = Math.max(1, Math.min(e, c.devicesPerNode() / plan.expertTensorParallel()));
        return ExpertCommunication.exchangeSeconds(c, m, tokens, e, perNode, dispatcher);
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
        return modelFlops(m, globalBatch, sequence, m::parameters);
    }

    /** {@link #modelFlops(Transformer, long, long)} of a job's model and batch, with the parameters the job counted. */
    public static double modelFlops(TrainingJob job) {
        return modelFlops(job.model(), job.globalBatch(), job.sequence(), job::parameterCount);
    }

    /** {@code parameters} is asked only for a model whose blocks differ (counting them walks the layer list). */
    private static double modelFlops(Transformer m, long globalBatch, long sequence, java.util.function.LongSupplier parameters) {
        if (m.moe() != null || m.latentAttention() != null || m.slidingWindow() != null) {
            return activeModelFlops(m, globalBatch, sequence, parameters.getAsLong());
        }
        double h = m.hidden();
        double l = m.layers();
        return 72.0 * globalBatch * sequence * l * h * h * (1 + sequence / (6 * h) + m.vocab() / (16 * l * h));
    }

    /**
     * Model FLOPs of one step of a model whose blocks differ (experts, latent attention, windows), in the same convention
     * (forward and backward, no recomputation, the full s×s score matrix): 6 FLOPs per token per parameter a token uses
     * in a matrix product (the active parameters, less the input embedding, which is a lookup, unless the head shares
     * it) and 3 × 4·s·keys·heads·d for attention, keys = min(s, window) in sliding-window blocks.
     */
    static double activeModelFlops(Transformer m, long globalBatch, long sequence, long parameters) {
        double tokens = (double) globalBatch * sequence;
        double matmul = m.activeParameters(parameters) - (m.layout().tiedEmbeddings() ? 0 : (double) m.vocab() * m.hidden());
        Transformer.LatentAttention mla = m.latentAttention();
        double headWidth = mla != null ? m.heads() * (mla.queryKeyDim() + mla.valueDim()) / 2.0 : (double) m.heads() * m.headDim();
        int local = m.localBlocks();
        double localKeys = local == 0 ? sequence : Math.min(sequence, m.slidingWindow().window());
        double attention = 12.0 * tokens * headWidth * ((m.blocks() - local) * (double) sequence + local * localKeys);
        return 6 * tokens * matmul + attention;
    }
}
