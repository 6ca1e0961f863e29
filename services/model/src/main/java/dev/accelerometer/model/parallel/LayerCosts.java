package dev.accelerometer.model.parallel;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.workload.TrainingStep;

/**
 * Compute times of one transformer block shard (t-way tensor parallel) for one micro-batch: forward, backward, and the
 * attention forward that selective recomputation repeats; plus the output layer (with its loss) on the last stage. Each
 * carries its share of what an end-to-end step spends around its kernels (the calibrated training-step efficiency), so
 * every pipeline stage and recomputation pays it in proportion.
 */
public record LayerCosts(double forwardSeconds, double backwardSeconds, double attentionForwardSeconds, double attentionBackwardSeconds,
        double headSeconds) {

    /** The attention core's forward and backward in one block: what a context-parallel ring exchange hides under. */
    public double attentionSeconds() {
        return attentionForwardSeconds + attentionBackwardSeconds;
    }

    /**
     * One of c context-parallel ranks' share: 1/c of every block's work and of the head's, as Megatron-Core balances causal
     * chunks (each rank holds chunks i and 2c − 1 − i of a sequence, so its queries see the same number of keys).
     */
    public LayerCosts perContextRank(int contextParallel) {
        double share = 1.0 / contextParallel;
        return contextParallel == 1 ? this : new LayerCosts(forwardSeconds * share, backwardSeconds * share, attentionForwardSeconds * share,
                attentionBackwardSeconds * share, headSeconds * share);
    }

    /**
     * The costs of one t-way shard of the mean block at micro-batch b, from the same training-step model costing answers
     * with: the whole stack's blocks ÷ their number, so a model whose blocks differ (dense and MoE FFNs, local and global
     * attention) spreads them evenly over the pipeline stages.
     */
    public static LayerCosts of(TrainingJob job, int tensorParallel, int microBatch) {
        return of(job, tensorParallel, 1, tensorParallel, microBatch, TrainingStep.MOE_HOST_SECONDS_PER_BLOCK);
    }

    /** The costs for {@code plan}'s shard (its tensor, expert and expert-tensor parallel sizes and micro-batch). */
    public static LayerCosts of(TrainingJob job, Plan plan) {
        return of(job, plan, TrainingStep.MOE_HOST_SECONDS_PER_BLOCK);
    }

    /** As {@link #of(TrainingJob, Plan)} with the MoE layer's host time per micro-batch given (its derivation varies it). */
    public static LayerCosts of(TrainingJob job, Plan plan, double moeHostSecondsPerBlock) {
        return of(job, plan.tensorParallel(), plan.expertParallel(), plan.expertTensorParallel(), plan.microBatchSize(),
                moeHostSecondsPerBlock);
    }

    private static LayerCosts of(TrainingJob job, int tensorParallel, int expertParallel, int expertTensorParallel, int microBatch,
            double moeHostSecondsPerBlock) {
        Transformer shard = job.model().shard(tensorParallel, expertParallel, expertTensorParallel);
        TrainingStep step = TrainingStep.of(job.cluster().device(), job.calibration(), shard, microBatch, job.sequence(), job.format(),
                job.kernel(), job.optimizer(), 1, moeHostSecondsPerBlock);
        double factor = step.overheadFactor() / shard.blocks();
        return new LayerCosts(step.layersForwardSeconds() * factor, step.layersBackwardSeconds() * factor,
                step.attentionForwardSeconds() * factor, step.attentionBackwardSeconds() * factor, step.headSeconds() * factor * shard.blocks());
    }
}
