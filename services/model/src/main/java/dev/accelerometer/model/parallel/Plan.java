package dev.accelerometer.model.parallel;

import dev.accelerometer.model.memory.Activations.Recompute;

/**
 * One way to split a training job: data parallel d (with ZeRO stage 0–3), tensor parallel t (± sequence parallel),
 * pipeline parallel p (1F1B, or interleaved with v virtual stages), micro-batch size b and the recomputation mode.
 */
public record Plan(int dataParallel, int tensorParallel, int pipelineParallel, int virtualStages, int microBatchSize,
        Recompute recompute, boolean sequenceParallel, int zeroStage) {

    public int devices() {
        return dataParallel * tensorParallel * pipelineParallel;
    }

    /** Micro-batches per step per data-parallel replica. */
    public long microBatches(long globalBatch) {
        return globalBatch / ((long) dataParallel * microBatchSize);
    }
}
