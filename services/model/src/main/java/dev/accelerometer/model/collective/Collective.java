package dev.accelerometer.model.collective;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The collectives NCCL-tests measures, with its conventions (nccl-tests doc/PERFORMANCE.md, read 2026-11-29): algorithm
 * bandwidth is the message size over the time, bus bandwidth is that times a factor that makes it comparable with the
 * link's bandwidth whatever the device count — 2(n−1)/n for all-reduce, (n−1)/n for all-gather, reduce-scatter and
 * all-to-all, 1 for broadcast and send/receive. The message size is the per-device buffer (all-gather: the gathered
 * output; reduce-scatter: the input), as nccl-tests prints it.
 */
public enum Collective {
    ALL_REDUCE, ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL, BROADCAST, SEND_RECV;

    /** busbw ÷ algbw for {@code n} devices. */
    public double busFactor(int n) {
        return switch (this) {
            case ALL_REDUCE -> 2.0 * (n - 1) / n;
            case ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL -> (double) (n - 1) / n;
            case BROADCAST, SEND_RECV -> 1.0;
        };
    }

    /** Latency-bound steps of the ring algorithm over {@code n} devices (one hop per step; send/receive is one). */
    public int ringSteps(int n) {
        return switch (this) {
            case ALL_REDUCE -> 2 * (n - 1);
            case ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL, BROADCAST -> n - 1;
            case SEND_RECV -> 1;
        };
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Collective> fromSlug(String slug) {
        return Arrays.stream(values()).filter(c -> c.slug().equals(slug)).findFirst();
    }
}
