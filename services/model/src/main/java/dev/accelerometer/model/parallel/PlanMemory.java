package dev.accelerometer.model.parallel;

import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations;
import dev.accelerometer.model.memory.ModelStates;

/**
 * Memory per device of a plan: the model states of one tensor×pipeline shard under its ZeRO stage ({@link ModelStates})
 * and the activations of the first pipeline stage, the one that holds the most ({@link Activations}): with 1F1B it holds
 * p in-flight micro-batches of L/p layers — L layers' worth; interleaving multiplies that by 1 + (p−1)/(p·v)
 * (Korthikanti et al. 2022, §4.2.3); a context-parallel rank holds s/c of each sequence's.
 */
public record PlanMemory(double weightBytes, double gradientBytes, double optimizerBytes, double activationBytes, double totalBytes) {

    /** Parameters held by one tensor×pipeline shard (the embedding counted on the first stage), routed experts excluded. */
    public static double shardParameters(TrainingJob job, Plan plan) {
        return (double) (job.model().parameters() - job.model().expertParameters()) / ((double) plan.tensorParallel() * plan.pipelineParallel());
    }

    /** Routed-expert parameters one device holds: split over expert-tensor, pipeline and expert parallel ranks. */
    public static double expertShardParameters(TrainingJob job, Plan plan) {
        return (double) job.model().expertParameters() / ((double) plan.expertTensorParallel() * plan.pipelineParallel() * plan.expertParallel());
    }

    /**
     * Model states of the dense part, sharded by ZeRO over the d·c data- and context-parallel ranks (Megatron's distributed
     * optimizer shards over both), and of the experts, sharded over the
     * ranks that hold the same experts (Megatron-Core's expert data parallelism, {@link Plan#expertDataParallel()}).
     */
    public static PlanMemory of(TrainingJob job, Plan plan) {
        ModelStates.Breakdown dense = ModelStates.of(shardParameters(job, plan), plan.gradientReplicas(), plan.zeroStage(), job.gradientBytes(),
                job.optimizer().mixedPrecisionStateBytes());
        ModelStates.Breakdown experts = ModelStates.of(expertShardParameters(job, plan), plan.expertDataParallel(),
                plan.zeroStage(), job.gradientBytes(), job.optimizer().mixedPrecisionStateBytes());
        double activations = activations(job, plan);
        return new PlanMemory(dense.weightBytes() + experts.weightBytes(), dense.gradientBytes() + experts.gradientBytes(),
                dense.optimizerBytes() + experts.optimizerBytes(), activations, dense.totalBytes() + experts.totalBytes() + activations);
    }

    static double activations(TrainingJob job, Plan plan) {
        double interleave = plan.virtualStages() > 1
                ? 1 + (plan.pipelineParallel() - 1.0) / (plan.pipelineParallel() * plan.virtualStages()) : 1;
        return Activations.stack(job.model(), job.model().layers() * interleave, job.sequence() / plan.contextParallel(), plan.microBatchSize(),
                plan.tensorParallel(), plan.sequenceParallel(), plan.recompute(), job.kernel() != Attention.Kernel.FLASH);
    }
}
