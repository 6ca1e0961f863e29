package dev.accelerometer.model.parallel;

/**
 * The host behind a node's devices, as CPU offload uses it: the parameters per second its CPUs take through the
 * optimizer phase of a step (DeepSpeed's {@code optimizer_gradients}: unscaling, clipping and the norm over the fp32
 * gradient partition; then {@code optimizer_step}: DeepSpeedCPUAdam), shared by the node's ranks; and its memory
 * ({@code memoryBytes}, null when not given: not checked). {@code measuredRate} is false when the request gave the rate.
 */
public record Host(double optimizerParametersPerSecond, Double memoryBytes, boolean measuredRate) {
    /**
     * DeepSpeedCPUAdam's step on the measured hosts, per host: the ZeRO-Offload tutorial's 10B GPT-2 (10.279e9 parameters:
     * 50 × 4,096 with Megatron's 50,304-token padded vocabulary and 1,024 positions) on a 48-thread DGX-2-class host, its
     * optimizer_step timer at two iterations, 6,478.57 and 6,217.36 ms (ledger off-03, off2-03: 1.587e9 and 1.653e9
     * parameters/s, mean 1.620e9), and DeepSpeed PR #735's 11.6e9 parameters in 8.2 s (off-16: 1.415e9/s); mean of the
     * two hosts, 1.517e9 parameters/s.
     */
    public static final double CPU_ADAM_PARAMETERS_PER_SECOND = ((10.279e9 / 6.47857 + 10.279e9 / 6.21736) / 2 + 11.6e9 / 8.2) / 2;
    /**
     * The gradient pass before it (unscaling, clipping, the norm over the fp32 partition): the tutorial's
     * optimizer_gradients timer, 1,113.12 and 1,160.46 ms for the same 10.279e9 parameters (off-03's source note), 9.04e9/s.
     */
    public static final double CPU_GRADIENT_PARAMETERS_PER_SECOND = 10.279e9 / ((1.11312 + 1.16046) / 2);
    /** Both phases: 1.30e9 parameters per second per host. */
    public static final double CPU_OPTIMIZER_PARAMETERS_PER_SECOND = 1 / (1 / CPU_ADAM_PARAMETERS_PER_SECOND + 1 / CPU_GRADIENT_PARAMETERS_PER_SECOND);

    /** A host like the measured ones, memory unchecked. */
    public static final Host MEASURED = new Host(CPU_OPTIMIZER_PARAMETERS_PER_SECOND, null, true);
}
