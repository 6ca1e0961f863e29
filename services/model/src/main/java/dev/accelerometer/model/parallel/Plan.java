package dev.accelerometer.model.parallel;

import dev.accelerometer.model.memory.Activations.Recompute;
import dev.accelerometer.model.memory.Offload;

/**
 * One way to split a training job: data parallel d (with ZeRO stage 0–3), tensor parallel t (± sequence parallel),
 * pipeline parallel p (1F1B, or interleaved with v virtual stages), micro-batch size b, the recomputation mode, and for a
 * mixture of experts expert parallel e: the experts split over e ranks of a stage (Megatron-Core's expert model
 * parallelism, carved out of the data-parallel ranks, or out of the tensor × data ranks when e does not divide d),
 * tokens dispatched to them and combined back by all-to-all; each expert split over {@code expertTensorParallelSize} ranks
 * (0: Megatron-Core's default, see {@link #expertTensorParallel()}); and context parallel c: every sequence split over c
 * ranks (Megatron-Core's context parallelism, Transformer Engine's ring attention), which share the weights, so the
 * gradients reduce and ZeRO shards over d·c ranks; and where ZeRO keeps the model states ({@link Offload}: on the device, or the
 * optimizer — and the weights — in host memory).
 */
public record Plan(int dataParallel, int tensorParallel, int pipelineParallel, int virtualStages, int microBatchSize,
        Recompute recompute, boolean sequenceParallel, int zeroStage, int expertParallel, int expertTensorParallelSize, int contextParallel,
        Offload offload) {

    /** A plan that keeps the model states on the devices. */
    public Plan(int dataParallel, int tensorParallel, int pipelineParallel, int virtualStages, int microBatchSize, Recompute recompute,
            boolean sequenceParallel, int zeroStage, int expertParallel, int expertTensorParallelSize, int contextParallel) {
        this(dataParallel, tensorParallel, pipelineParallel, virtualStages, microBatchSize, recompute, sequenceParallel, zeroStage,
                expertParallel, expertTensorParallelSize, contextParallel, Offload.NONE);
    }

    /** A plan without context parallelism. */
    public Plan(int dataParallel, int tensorParallel, int pipelineParallel, int virtualStages, int microBatchSize, Recompute recompute,
            boolean sequenceParallel, int zeroStage, int expertParallel, int expertTensorParallelSize) {
        this(dataParallel, tensorParallel, pipelineParallel, virtualStages, microBatchSize, recompute, sequenceParallel, zeroStage,
                expertParallel, expertTensorParallelSize, 1);
    }

    /** A plan whose experts follow Megatron-Core's default expert tensor parallelism. */
    public Plan(int dataParallel, int tensorParallel, int pipelineParallel, int virtualStages, int microBatchSize, Recompute recompute,
            boolean sequenceParallel, int zeroStage, int expertParallel) {
        this(dataParallel, tensorParallel, pipelineParallel, virtualStages, microBatchSize, recompute, sequenceParallel, zeroStage,
                expertParallel, 0);
    }

    /** A plan without expert parallelism. */
    public Plan(int dataParallel, int tensorParallel, int pipelineParallel, int virtualStages, int microBatchSize, Recompute recompute,
            boolean sequenceParallel, int zeroStage) {
        this(dataParallel, tensorParallel, pipelineParallel, virtualStages, microBatchSize, recompute, sequenceParallel, zeroStage, 1);
    }

    /**
     * Tensor-parallel ranks of each expert: {@code expertTensorParallelSize} when given (Megatron-Core's
     * --expert-tensor-parallel-size; NVIDIA's MoE performance recipes set 1); otherwise t when the expert-parallel group
     * fits in the data- and context-parallel ranks (e divides d·c, Megatron-Core's default, experts split like the dense
     * FFN); otherwise 1 — the expert-parallel group then spans the tensor-parallel ranks too (Megatron-Core's MoE parallel
     * folding: t·d·c = expert-tensor × e × expert-data).
     */
    public int expertTensorParallel() {
        if (expertTensorParallelSize > 0) {
            return expertTensorParallelSize;
        }
        return expertParallel <= 1 || dataParallel * contextParallel % expertParallel == 0 ? tensorParallel : 1;
    }

    /** Ranks that hold the same experts and reduce their gradients together: t·d·c ÷ (expert-tensor × e). */
    public int expertDataParallel() {
        return Math.max(1, tensorParallel * dataParallel * contextParallel / (expertTensorParallel() * expertParallel));
    }

    /** Ranks that hold the same dense weights and reduce their gradients together: the data- and context-parallel ones. */
    public int gradientReplicas() {
        return dataParallel * contextParallel;
    }

    public int devices() {
        return dataParallel * tensorParallel * pipelineParallel * contextParallel;
    }

    /** Micro-batches per step per data-parallel replica. */
    public long microBatches(long globalBatch) {
        return globalBatch / ((long) dataParallel * microBatchSize);
    }
}
