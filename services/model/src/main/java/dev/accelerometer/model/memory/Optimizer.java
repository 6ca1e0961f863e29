package dev.accelerometer.model.memory;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Optimizers in mixed-precision training: the fp32 master copy of the weights plus the optimizer's own state per
 * parameter, and the bytes one update step moves.
 * <ul>
 * <li>Adam/AdamW (and LAMB, which keeps the same moments): fp32 master weights, momentum and variance, K = 12 bytes per
 * parameter (Rajbhandari et al. 2020, ZeRO §3.1).</li>
 * <li>SGD with momentum: master weights and momentum, 8 bytes.</li>
 * <li>8-bit AdamW: momentum and variance in 8 bits, 4 + 1 + 1 = 6 bytes (Dettmers et al. 2022, "8-bit Optimizers via
 * Block-wise Quantization"; its block constants add under 0.1 %).</li>
 * <li>Paged variants (QLoRA §3) keep the same states in unified memory that pages to the CPU under pressure.</li>
 * </ul>
 */
public enum Optimizer {
    ADAM("adam", 8, false), ADAMW("adamw", 8, false), LAMB("lamb", 8, false), SGD("sgd", 4, false),
    ADAMW_8BIT("adamw-8bit", 2, false), PAGED_ADAMW("paged-adamw", 8, true), PAGED_ADAMW_8BIT("paged-adamw-8bit", 2, true);

    /** fp32 master copy of a 16-bit weight (mixed precision, Micikevicius et al. 2018). */
    public static final int MASTER_WEIGHT_BYTES = 4;
    /** Other names the APIs accept for the same optimizer. */
    private static final Map<String, Optimizer> ALIASES = Map.of("sgd-momentum", SGD, "adam-8bit", ADAMW_8BIT);

    public final String slug;
    /** Optimizer state per trainable parameter besides the master weight (moments), bytes. */
    public final int stateBytes;
    public final boolean paged;

    Optimizer(String slug, int stateBytes, boolean paged) {
        this.slug = slug;
        this.stateBytes = stateBytes;
        this.paged = paged;
    }

    public static Optional<Optimizer> fromSlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        String s = slug.toLowerCase(Locale.ROOT);
        for (Optimizer o : values()) {
            if (o.slug.equals(s)) {
                return Optional.of(o);
            }
        }
        return Optional.ofNullable(ALIASES.get(s));
    }

    /** Master weight plus state: ZeRO's K (12 for Adam), what ZeRO stage 1 shards. */
    public int mixedPrecisionStateBytes() {
        return MASTER_WEIGHT_BYTES + stateBytes;
    }

    /**
     * Bytes one update moves per parameter with 16-bit gradients: read the gradient (2), read and write the master weight
     * and the state (2 × K), write the 16-bit weight (2). Adam: 28; SGD with momentum: 20; 8-bit AdamW: 16.
     */
    public double stepTrafficBytesPerParameter() {
        return stepTrafficBytesPerParameter(2);
    }

    /** As {@link #stepTrafficBytesPerParameter()} with gradients held at {@code gradientBytes} (4 when accumulated in fp32). */
    public double stepTrafficBytesPerParameter(double gradientBytes) {
        return gradientBytes + 2.0 * mixedPrecisionStateBytes() + 2;
    }
}
