package dev.accelerometer.model.memory;

import java.util.Locale;
import java.util.Optional;

/**
 * Where ZeRO keeps the model states (DeepSpeed's {@code offload_optimizer} and {@code offload_param}; Ren et al. 2021,
 * "ZeRO-Offload", §4; Rajbhandari et al. 2021, "ZeRO-Infinity"):
 * <ul>
 * <li>{@link #NONE}: everything on the device.</li>
 * <li>{@link #OPTIMIZER} (ZeRO-Offload): each rank's partition of the fp32 master weights, the moments and an fp32
 * gradient buffer live in host memory and the optimizer runs on the host's CPUs; the device keeps the 16-bit weights,
 * and gradients only in a reduce bucket until they are copied to the host. Needs ZeRO stage 1 or more.</li>
 * <li>{@link #OPTIMIZER_AND_PARAMETERS} (ZeRO-3 Offload, ZeRO-Infinity to CPU memory): the 16-bit weights too; the
 * device holds only the live ones, fetched from the host for every forward and backward pass. Needs ZeRO-3.</li>
 * </ul>
 * Defaults are DeepSpeed's, read 2026-11-30 in deepspeed/runtime/zero/config.py and stage_1_and_2.py at commit
 * 38327e07f6cd39b63418f60cedd1651b0be3e7c3 (github.com/microsoft/DeepSpeed).
 */
public enum Offload {
    NONE("none", 0), OPTIMIZER("optimizer", 1), OPTIMIZER_AND_PARAMETERS("optimizer-and-parameters", 3);

    /** {@code reduce_bucket_size: int = Field(pp_int(5e8))}: gradient elements a device holds before they leave it. */
    public static final double REDUCE_BUCKET_ELEMENTS = 5e8;
    /**
     * {@code stage3_max_live_parameters} (1e9) plus {@code stage3_prefetch_bucket_size} (5e7): 16-bit weight elements a
     * device keeps resident under parameter offload.
     */
    public static final double LIVE_PARAMETER_ELEMENTS = 1e9 + 5e7;
    /**
     * The host's gradient partition is fp32 ({@code initialize_optimizer_states}: {@code single_grad_partition} takes the
     * fp32 groups' dtype), 4 bytes per parameter.
     */
    public static final double HOST_GRADIENT_BYTES = 4;
    /**
     * Gradient accumulation over more than one micro-batch under stage 1 or 2 keeps a 16-bit accumulation buffer per
     * parameter on the host ({@code async_accumulate_grad_in_cpu_via_gpu}) and moves it to the device and back every
     * micro-batch after the first.
     */
    public static final double HOST_ACCUMULATION_BYTES = 2;
    /** 16-bit weights and gradients crossing the host link. */
    public static final double WIRE_BYTES = 2;

    public final String slug;
    /** The lowest ZeRO stage DeepSpeed offloads at. */
    public final int minimumZeroStage;

    Offload(String slug, int minimumZeroStage) {
        this.slug = slug;
        this.minimumZeroStage = minimumZeroStage;
    }

    public static Optional<Offload> fromSlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        String s = slug.toLowerCase(Locale.ROOT);
        for (Offload o : values()) {
            if (o.slug.equals(s)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    public boolean optimizerOnHost() {
        return this != NONE;
    }

    public boolean parametersOnHost() {
        return this == OPTIMIZER_AND_PARAMETERS;
    }
}
