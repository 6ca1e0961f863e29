package dev.accelerometer.model.parallel;

import dev.accelerometer.model.architecture.Transformer;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a framework moves a MoE block's tokens to their experts and back over the expert-parallel ranks.
 * <p>
 * {@code dispatcher}: {@link Dispatcher#ALL_TO_ALL} sends each token to each of its k experts (Megatron-Core's alltoall token
 * dispatcher: k copies, those for other nodes through the NICs); {@link Dispatcher#DEEPEP} sends each token once to every other
 * node that holds one of its experts and forwards it inside the node over the scale-up link (DeepSeek's DeepEP normal kernels,
 * "NVLink-to-RDMA asymmetric-domain forwarding"; Megatron-Core's flex dispatcher).
 * <p>
 * {@code overlapped}: the dispatch and combine run under another micro-batch's compute (DeepSeek-V3's DualPipe, §3.2.1;
 * Megatron-Core's interleaved-1F1B all-to-all overlap), so only what exceeds a block's forward and backward compute is
 * exposed; otherwise the block waits for them. XTuner's benchmark of Megatron-Core through Pai-Megatron-Patch (image 25.04)
 * ran without it: "Currently, Megatron doesn't have technologies like DualPipe in DeepSeek to hide All-to-All communication"
 * (InternLM/xtuner docs/en/benchmark/megatron_moe_benchmark.md @79f21364, read 2026-12-01).
 */
public record ExpertCommunication(Dispatcher dispatcher, boolean overlapped) {
    /** What the planner assumed before the choice existed, and what NVIDIA's newest MoE recipes are validated against. */
    public static final ExpertCommunication DEFAULT = new ExpertCommunication(Dispatcher.ALL_TO_ALL, true);

    public ExpertCommunication {
        if (dispatcher == null) {
            throw new IllegalArgumentException("dispatcher is required");
        }
    }

    /** The given dispatcher and overlap, each one left null taking {@link #DEFAULT}'s. */
    public static ExpertCommunication of(Dispatcher dispatcher, Boolean overlapped) {
        return new ExpertCommunication(dispatcher == null ? DEFAULT.dispatcher : dispatcher, overlapped == null ? DEFAULT.overlapped : overlapped);
    }

    /** The token dispatcher. */
    public enum Dispatcher {
        ALL_TO_ALL("all-to-all"),
        DEEPEP("deepep");

        private final String slug;

        Dispatcher(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }

        public static Optional<Dispatcher> fromSlug(String slug) {
            return Arrays.stream(values()).filter(d -> d.slug.equals(slug)).findFirst();
        }
    }

    /**
     * One dispatch (or one combine) of a MoE block over e expert-parallel ranks, {@code perNode} of them in each node of
     * {@code c}: each rank sends its {@code tokens} tokens k times, in 16 bits, (e − 1)/e of them to other ranks — those in the
     * same node over the scale-up link, the rest through the NICs, concurrently; the slower side sets the time (DOMAIN.md §9:
     * ≈ 2·tokens·hidden·bytes·k per block forward for dispatch and combine together). Under {@link Dispatcher#DEEPEP} a token
     * crosses the NICs once for each other node of the group that holds at least one of its k experts — under uniform routing
     * over E experts spread evenly over the group's n nodes, (n − 1)·(1 − C(E − E/n, k)/C(E, k)) times instead of
     * k·(e − ranks in the node)/e.
     */
    public static double exchangeSeconds(Cluster c, Transformer m, double tokens, int e, int perNode, Dispatcher dispatcher) {
        if (e <= 1 || m.moe() == null) {
            return 0;
        }
        int k = m.moe().expertsPerToken();
        double tokenBytes = tokens * m.hidden() * 2.0;
        double bytes = tokenBytes * k;
        double inside = bytes * (perNode - 1.0) / e / c.intraBandwidth();
        double across = 0;
        if (perNode < e) {
            across = dispatcher == Dispatcher.DEEPEP
                    ? tokenBytes * remoteNodesPerToken(m.moe().experts(), k, Math.ceil((double) e / perNode)) / c.interBandwidth()
                    : bytes * (e - (double) perNode) / e / c.interBandwidth();
        }
        return Math.max(inside, across) + (across > 0 ? c.interLatency() : c.intraLatency());
    }

    /** Expected number of the other {@code nodes} − 1 nodes holding at least one of a token's k experts (uniform routing). */
    static double remoteNodesPerToken(int experts, int k, double nodes) {
        double elsewhere = experts - experts / nodes;
        double missed = 1;
        for (int i = 0; i < k; i++) {
            missed *= Math.max(0, elsewhere - i) / (experts - i);
        }
        return (nodes - 1) * (1 - missed);
    }

    /** What an answer says about it. */
    public String describe() {
        return (dispatcher == Dispatcher.DEEPEP ? "DeepEP dispatch (each token crosses to another node once per node holding one of its "
                + "experts, then fans out over the scale-up link)" : "all-to-all dispatch (each token sent to each of its k experts)")
                + (overlapped ? ", overlapped with another micro-batch's compute (only what exceeds a block's compute is exposed)"
                        : ", not overlapped (each MoE block waits for its dispatch and combine)");
    }
}
