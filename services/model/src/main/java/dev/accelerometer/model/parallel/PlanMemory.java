package dev.accelerometer.model.parallel;

import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations;
import dev.accelerometer.model.memory.ModelStates;

/**
 * Memory per device of a plan: the model states of one tensor×pipeline shard under its ZeRO stage ({@link ModelStates})
 * and the activations of the first pipeline stage, the one that holds the most ({@link Activations}): with 1F1B it holds
 * p in-flight micro-batches of L/p layers — L layers' worth; interleaving multiplies that by 1 + (p−1)/(p·v)
 * (Korthikanti et al. 2022, §4.2.3).
 */
public record PlanMemory(double weightBytes, double gradientBytes, double optimizerBytes, double activationBytes, double totalBytes) {

    /** Parameters held by one tensor×pipeline shard (the embedding counted on the first stage). */
    public static double shardParameters(TrainingJob job, Plan plan) {
        return (double) job.model().parameters() / ((double) plan.tensorParallel() * plan.pipelineParallel());
    }

    public static PlanMemory of(TrainingJob job, Plan plan) {
        ModelStates.Breakdown states = ModelStates.of(shardParameters(job, plan), plan.dataParallel(), plan.zeroStage(), job.gradientBytes(),
                job.optimizer().mixedPrecisionStateBytes());
        double activations = activations(job, plan);
        return new PlanMemory(states.weightBytes(), states.gradientBytes(), states.optimizerBytes(), activations,
                states.totalBytes() + activations);
    }

    static double activations(TrainingJob job, Plan plan) {
        double interleave = plan.virtualStages() > 1
                ? 1 + (plan.pipelineParallel() - 1.0) / (plan.pipelineParallel() * plan.virtualStages()) : 1;
        return Activations.stack(job.model(), job.model().layers() * interleave, job.sequence(), plan.microBatchSize(),
                plan.tensorParallel(), plan.sequenceParallel(), plan.recompute(), job.kernel() != Attention.Kernel.FLASH);
    }
}
