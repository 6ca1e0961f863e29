package dev.accelerometer.model.collective;

import dev.accelerometer.model.parallel.Cluster;

/**
 * The time of one collective over a cluster, in NCCL-tests terms, by the algorithm NCCL (or XLA on a TPU torus) would
 * run: a latency term of one per-step latency per ring step, and a bandwidth term of the bytes each device moves over
 * the bandwidth the algorithm reaches ({@link CollectiveEfficiency}).
 * <ul>
 * <li>Inside one node: a ring over the node's link; an all-reduce on a third-generation or later NVSwitch with at least
 * 8 GPUs uses NVLink SHARP (the switch reduces: each GPU sends and receives the message once).
 * <li>Across nodes: rings cross nodes through the NICs, so the bus bandwidth is the smaller of the node link's and the
 * node's NIC bandwidth (per device: ports × port bandwidth ÷ devices per node).
 * <li>On a TPU slice whose torus covers the devices: bidirectional rings on every axis at once (all-reduce, all-gather,
 * reduce-scatter, broadcast); send/receive is one hop. All-to-all on a torus is not modelled (refused).
 * </ul>
 */
public final class CollectiveModel {
    /** The algorithms the answer can name. */
    public enum Algorithm {
        RING, NVLS, RING_ACROSS_NODES, TORUS, POINT_TO_POINT
    }

    /** One message size's answer. */
    public record Estimate(Collective collective, double messageBytes, double seconds, double algorithmBandwidth, double busBandwidth,
            Algorithm algorithm, boolean latencyBound) {
    }

    private CollectiveModel() {
    }

    /** Whether {@code collective} can be estimated on {@code cluster} (all-to-all is not modelled on a torus). */
    public static boolean supported(Cluster cluster, Collective collective) {
        return !(onTorus(cluster) && collective == Collective.ALL_TO_ALL);
    }

    /** The algorithm that runs {@code collective} on {@code cluster}. */
    public static Algorithm algorithm(Cluster cluster, Collective collective) {
        if (collective == Collective.SEND_RECV) {
            return Algorithm.POINT_TO_POINT;
        }
        if (onTorus(cluster)) {
            return Algorithm.TORUS;
        }
        if (cluster.nodes() > 1) {
            return Algorithm.RING_ACROSS_NODES;
        }
        if (collective == Collective.ALL_REDUCE && cluster.nvls() && cluster.devices() >= CollectiveEfficiency.NVLS_MIN_DEVICES) {
            return Algorithm.NVLS;
        }
        return Algorithm.RING;
    }

    /**
     * {@code collective} of a {@code bytes} per-device buffer over all of {@code cluster}'s devices.
     *
     * @throws IllegalArgumentException for all-to-all on a torus (check {@link #supported} first)
     */
    public static Estimate estimate(Cluster cluster, Collective collective, double bytes) {
        if (!supported(cluster, collective)) {
            throw new IllegalArgumentException("all-to-all on a torus is not modelled");
        }
        int n = cluster.devices();
        Algorithm algorithm = algorithm(cluster, collective);
        double bandwidth;
        double latency;
        switch (algorithm) {
            case POINT_TO_POINT -> {
                boolean crossNode = cluster.nodes() > 1;
                bandwidth = cluster.hopBandwidth(crossNode);
                latency = cluster.hopLatency(crossNode);
                double seconds = n <= 1 ? 0 : bytes / bandwidth + latency;
                return answer(collective, bytes, seconds, n, algorithm, latency > bytes / bandwidth ? 1 : 0);
            }
            case TORUS -> {
                return torus(cluster, collective, bytes);
            }
            case NVLS -> {
                // Each GPU's bus bandwidth is NVLS × 2(n−1)/n × its link: the time is S over NVLS × link.
                bandwidth = CollectiveEfficiency.NVLS * cluster.intraLineRate() * collective.busFactor(n);
                latency = cluster.intraLatency();
            }
            case RING_ACROSS_NODES -> {
                bandwidth = Math.min(cluster.intraBandwidth(), cluster.interBandwidth() * cluster.devicesPerNode());
                latency = cluster.interLatency();
            }
            default -> {
                bandwidth = cluster.intraBandwidth();
                latency = cluster.intraLatency();
            }
        }
        if (n <= 1) {
            return answer(collective, bytes, 0, n, algorithm, 0);
        }
        double wire = bytes * collective.busFactor(n) / bandwidth;
        double steps = collective.ringSteps(n) * latency;
        return answer(collective, bytes, wire + steps, n, algorithm, steps > wire ? 1 : 0);
    }

    private static Estimate torus(Cluster cluster, Collective collective, double bytes) {
        int[] axes = cluster.torus().axes();
        double link = cluster.torus().linkBandwidth();
        double latency = cluster.torus().latency();
        int n = cluster.devices();
        double allReduce = Collectives.torusAllReduce(bytes, axes, link, latency);
        double seconds = switch (collective) {
            case ALL_REDUCE -> allReduce;
            // Half an all-reduce: one pass of the rings instead of two.
            case ALL_GATHER, REDUCE_SCATTER, BROADCAST -> allReduce / 2;
            default -> throw new IllegalArgumentException(collective + " on a torus");
        };
        int hops = 0;
        for (int axis : axes) {
            hops += Math.max(0, axis - 1);
        }
        double steps = (collective == Collective.ALL_REDUCE ? hops : hops / 2.0) * latency;
        return answer(collective, bytes, seconds, n, Algorithm.TORUS, steps > seconds - steps ? 1 : 0);
    }

    private static Estimate answer(Collective collective, double bytes, double seconds, int n, Algorithm algorithm, double latencyBound) {
        double algbw = seconds > 0 ? bytes / seconds : 0;
        return new Estimate(collective, bytes, seconds, algbw, algbw * collective.busFactor(n), algorithm, latencyBound > 0);
    }

    private static boolean onTorus(Cluster cluster) {
        return cluster.torus() != null;
    }
}
