package dev.accelerometer.model.parallel;

import dev.accelerometer.model.workload.TrainingStep;

/**
 * Compute times of one transformer block shard (t-way tensor parallel) for one micro-batch: forward, backward, and the
 * attention forward that selective recomputation repeats; plus the output layer (with its loss) on the last stage. Each
 * carries its share of what an end-to-end step spends around its kernels (the calibrated training-step efficiency), so
 * every pipeline stage and recomputation pays it in proportion.
 */
public record LayerCosts(double forwardSeconds, double backwardSeconds, double attentionForwardSeconds, double headSeconds) {

    /** The costs of one t-way shard of one block at micro-batch b, from the same training-step model costing answers with. */
    public static LayerCosts of(TrainingJob job, int tensorParallel, int microBatch) {
        TrainingStep step = TrainingStep.of(job.cluster().device(), job.calibration(), job.model().shard(tensorParallel, 1), microBatch,
                job.sequence(), job.format(), job.kernel(), job.optimizer());
        double factor = step.overheadFactor();
        return new LayerCosts(step.layersForwardSeconds() * factor, step.layersBackwardSeconds() * factor,
                step.attentionForwardSeconds() * factor, step.headSeconds() * factor);
    }
}
