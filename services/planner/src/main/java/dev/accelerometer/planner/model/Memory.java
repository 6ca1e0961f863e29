package dev.accelerometer.planner.model;

/**
 * Memory per device of a plan.
 * <ul>
 * <li>Model states (Rajbhandari et al. 2020, ZeRO §3.1/§5): 2 bytes of 16-bit weights, g bytes of gradients (2; 4 when
 * gradients accumulate in fp32 as Megatron-LM does by default) and K = 12 bytes of fp32 Adam state (master weights,
 * momentum, variance; 6 with 8-bit Adam: 4 + 1 + 1, Dettmers et al. 2022) per parameter, for the parameters of one
 * tensor×pipeline shard. ZeRO-1 shards the K bytes over the d data-parallel replicas, ZeRO-2 also the gradients,
 * ZeRO-3 also the weights. The 7.5B example on 64 GPUs: 120 / 31.4 / 16.6 / 1.9 GB.</li>
 * <li>Activations (Korthikanti et al. 2022, Table 2): per layer and micro-batch, s·b·h·(34 + 5·a·s/h) bytes without
 * parallelism; with tensor parallel t: s·b·h·(10 + 24/t + 5·a·s/(h·t)); with sequence parallel: s·b·h/t·(34 + 5·a·s/h);
 * selective recomputation drops the 5·a·s/h terms; full recomputation keeps 2·s·b·h/t (with sequence parallel) or
 * 2·s·b·h per layer plus one layer's activations while it is recomputed. With 1F1B the first stage holds p in-flight
 * micro-batches of L/p layers — L layers' worth; interleaving multiplies by 1 + (p−1)/(p·v) (§4.2.3).</li>
 * </ul>
 */
public final class Memory {
    private Memory() {
    }

    public record Breakdown(double weightBytes, double gradientBytes, double optimizerBytes, double activationBytes,
            double totalBytes) {
    }

    /** Parameters held by one tensor×pipeline shard (the embedding counted on the first stage). */
    public static double shardParameters(ModelShape m, Plan plan) {
        return (double) m.parameters() / ((double) plan.tensorParallel() * plan.pipelineParallel());
    }

    public static Breakdown of(ModelShape m, Plan plan, long sequence, double gradientBytesPerParameter, double optimizerBytesPerParameter) {
        double p = shardParameters(m, plan);
        int d = plan.dataParallel();
        double weights = 2 * p / (plan.zeroStage() >= 3 ? d : 1);
        double gradients = gradientBytesPerParameter * p / (plan.zeroStage() >= 2 ? d : 1);
        double optimizer = optimizerBytesPerParameter * p / (plan.zeroStage() >= 1 ? d : 1);
        double activations = activations(m, plan, sequence);
        return new Breakdown(weights, gradients, optimizer, activations, weights + gradients + optimizer + activations);
    }

    /** Activation bytes of the first pipeline stage (the one that holds the most), per Korthikanti et al. */
    public static double activations(ModelShape m, Plan plan, long sequence) {
        double perLayer = activationsPerLayer(m, plan, sequence);
        double layers = m.layers();
        double interleave = plan.virtualStages() > 1
                ? 1 + (plan.pipelineParallel() - 1.0) / (plan.pipelineParallel() * plan.virtualStages()) : 1;
        double held = perLayer * layers * interleave;
        if (plan.recompute() == Plan.Recompute.FULL) {
            // One layer is recomputed at a time: its full activations come back during its backward pass.
            Plan none = new Plan(plan.dataParallel(), plan.tensorParallel(), plan.pipelineParallel(), plan.virtualStages(),
                    plan.microBatchSize(), Plan.Recompute.SELECTIVE, plan.sequenceParallel(), plan.zeroStage());
            held += activationsPerLayer(m, none, sequence);
        }
        return held;
    }

    /** Korthikanti et al. 2022, Table 2: bytes per layer and micro-batch on one device. */
    public static double activationsPerLayer(ModelShape m, Plan plan, long sequence) {
        double s = sequence;
        double b = plan.microBatchSize();
        double h = m.hidden();
        double a = m.heads();
        double t = plan.tensorParallel();
        double sbh = s * b * h;
        double attention = plan.recompute() == Plan.Recompute.NONE ? 5 * a * s / h : 0;
        return switch (plan.recompute()) {
            case FULL -> plan.sequenceParallel() ? 2 * sbh / t : 2 * sbh;
            default -> plan.sequenceParallel() ? sbh / t * (34 + attention) : sbh * (10 + 24 / t + attention / t);
        };
    }
}
