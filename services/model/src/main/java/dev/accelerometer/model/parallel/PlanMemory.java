package dev.accelerometer.model.parallel;

import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.memory.Activations;
import dev.accelerometer.model.memory.ModelStates;
import dev.accelerometer.model.memory.Offload;

/**
 * Memory per device of a plan: the model states of one tensor×pipeline shard under its ZeRO stage ({@link ModelStates})
 * and the activations of the first pipeline stage, the one that holds the most ({@link Activations}): with 1F1B it holds
 * p in-flight micro-batches of L/p layers — L layers' worth; interleaving multiplies that by 1 + (p−1)/(p·v)
 * (Korthikanti et al. 2022, §4.2.3); a context-parallel rank holds s/c of each sequence's. Under CPU offload
 * ({@link Offload}) the optimizer states — and the weights — of the rank's partition move to host memory
 * ({@code hostBytes}, per device; its node's ranks together need that × the devices per node).
 */
public record PlanMemory(double weightBytes, double gradientBytes, double optimizerBytes, double activationBytes, double totalBytes,
        double hostBytes) {

    /** Parameters held by one tensor×pipeline shard (the embedding counted on the first stage), routed experts excluded. */
    public static double shardParameters(TrainingJob job, Plan plan) {
        return (double) (job.parameterCount() - job.model().expertParameters()) / ((double) plan.tensorParallel() * plan.pipelineParallel());
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
        double weights = dense.weightBytes() + experts.weightBytes();
        double gradients = dense.gradientBytes() + experts.gradientBytes();
        double optimizer = dense.optimizerBytes() + experts.optimizerBytes();
        Offload offload = plan.offload();
        if (!offload.optimizerOnHost()) {
            return new PlanMemory(weights, gradients, optimizer, activations, weights + gradients + optimizer + activations, 0);
        }
        // The rank's partition: its fp32 master weights, moments and fp32 gradients on the host (and, under stage 1 or 2 with
        // gradient accumulation, a 16-bit accumulation buffer); on the device, gradients only in the reduce bucket.
        double partition = partitionParameters(job, plan);
        double all = shardParameters(job, plan) + expertShardParameters(job, plan);
        double host = partition * (job.optimizer().mixedPrecisionStateBytes() + Offload.HOST_GRADIENT_BYTES
                + (plan.zeroStage() < 3 && plan.microBatches(job.globalBatch()) > 1 ? Offload.HOST_ACCUMULATION_BYTES : 0));
        if (offload.parametersOnHost()) {
            // The 16-bit partition lives on the host; the device keeps the live (gathered) weights.
            host += weights;
            weights = ModelStates.WEIGHT_BYTES * Math.min(all, Offload.LIVE_PARAMETER_ELEMENTS);
        }
        gradients = Offload.WIRE_BYTES * Math.min(all, Offload.REDUCE_BUCKET_ELEMENTS);
        return new PlanMemory(weights, gradients, 0, activations, weights + gradients + activations, host);
    }

    /**
     * Parameters whose optimizer update one rank runs: the dense shard ÷ its ZeRO replicas and the experts' ÷ theirs
     * (all of them without ZeRO).
     */
    static double partitionParameters(TrainingJob job, Plan plan) {
        return shardParameters(job, plan) / (plan.zeroStage() >= 1 ? plan.gradientReplicas() : 1)
                + expertShardParameters(job, plan) / (plan.zeroStage() >= 1 ? plan.expertDataParallel() : 1);
    }

    static double activations(TrainingJob job, Plan plan) {
        double interleave = plan.virtualStages() > 1
                ? 1 + (plan.pipelineParallel() - 1.0) / (plan.pipelineParallel() * plan.virtualStages()) : 1;
        return Activations.stack(job.model(), job.model().layers() * interleave, job.sequence() / plan.contextParallel(), plan.microBatchSize(),
                plan.tensorParallel(), plan.sequenceParallel(), plan.recompute(), job.kernel() != Attention.Kernel.FLASH);
    }
}
