package dev.accelerometer.model.memory;

/**
 * Model states per device under ZeRO (Rajbhandari et al. 2020, §3.1 and §5): 2 bytes of 16-bit weights, g bytes of
 * gradients (2; 4 when they accumulate in fp32, Megatron-LM's default) and K bytes of optimizer state (master weights
 * and moments: {@link Optimizer#mixedPrecisionStateBytes()}) per parameter of the shard a device holds. Stage 1 shards
 * the K bytes over the d data-parallel replicas, stage 2 also the gradients, stage 3 also the weights. The paper's
 * 7.5B example on 64 GPUs: 120 / 31.4 / 16.6 / 1.9 GB.
 */
public final class ModelStates {
    /** 16-bit weights. */
    public static final double WEIGHT_BYTES = 2;

    private ModelStates() {
    }

    public record Breakdown(double weightBytes, double gradientBytes, double optimizerBytes) {
        public double totalBytes() {
            return weightBytes + gradientBytes + optimizerBytes;
        }
    }

    public static Breakdown of(double parameters, int dataParallel, int zeroStage, double gradientBytesPerParameter,
            double optimizerBytesPerParameter) {
        double weights = WEIGHT_BYTES * parameters / (zeroStage >= 3 ? dataParallel : 1);
        double gradients = gradientBytesPerParameter * parameters / (zeroStage >= 2 ? dataParallel : 1);
        double optimizer = optimizerBytesPerParameter * parameters / (zeroStage >= 1 ? dataParallel : 1);
        return new Breakdown(weights, gradients, optimizer);
    }
}
