package dev.accelerometer.model.collective;

/**
 * Collective times with a bandwidth and a latency term (Thakur, Rabenseifner & Gropp 2005; NCCL's bus-bandwidth
 * conventions). {@code bandwidth} is one device's per-direction link bandwidth, {@code latency} the per-step latency.
 */
public final class Collectives {
    private Collectives() {
    }

    /** Ring all-reduce: 2(n−1)/n · S bytes per device in 2(n−1) steps. */
    public static double ringAllReduce(double bytes, int n, double bandwidth, double latency) {
        if (n <= 1) {
            return 0;
        }
        return 2.0 * (n - 1) / n * bytes / bandwidth + 2.0 * (n - 1) * latency;
    }

    /** Ring reduce-scatter or all-gather: (n−1)/n · S bytes in n−1 steps (half an all-reduce). */
    public static double ringReduceScatter(double bytes, int n, double bandwidth, double latency) {
        if (n <= 1) {
            return 0;
        }
        return (double) (n - 1) / n * bytes / bandwidth + (n - 1) * latency;
    }

    public static double ringAllGather(double bytes, int n, double bandwidth, double latency) {
        return ringReduceScatter(bytes, n, bandwidth, latency);
    }

    /** Double binary tree all-reduce: 2·S bytes at full bandwidth, 2·log2(n) latency steps (NCCL trees). */
    public static double treeAllReduce(double bytes, int n, double bandwidth, double latency) {
        if (n <= 1) {
            return 0;
        }
        return 2.0 * bytes / bandwidth * (n - 1) / n + 2.0 * Math.ceil(Math.log(n) / Math.log(2)) * latency;
    }

    /** All-to-all: each device sends (n−1)/n of its S bytes. */
    public static double allToAll(double bytes, int n, double bandwidth, double latency) {
        if (n <= 1) {
            return 0;
        }
        return (double) (n - 1) / n * bytes / bandwidth + (n - 1) * latency;
    }

    public static double pointToPoint(double bytes, double bandwidth, double latency) {
        return bytes / bandwidth + latency;
    }

    /**
     * Hierarchical all-reduce over n devices in nodes of g: reduce-scatter inside the node, all-reduce of S/g across
     * nodes, all-gather inside the node — the inter-node link carries 2(N−1)/N · S/g per device (N = nodes).
     */
    public static double hierarchicalAllReduce(double bytes, int n, int perNode, double intraBandwidth, double intraLatency,
            double interBandwidth, double interLatency) {
        if (n <= perNode) {
            return ringAllReduce(bytes, n, intraBandwidth, intraLatency);
        }
        int g = perNode;
        int nodes = n / g;
        return ringReduceScatter(bytes, g, intraBandwidth, intraLatency)
                + ringAllReduce(bytes / g, nodes, interBandwidth, interLatency)
                + ringAllGather(bytes, g, intraBandwidth, intraLatency);
    }

    /**
     * All-reduce over a group laid out along {@code axes} of a torus ("How to Scale Your Model", Austin et al., part on
     * TPU collectives): a bidirectional ring on each axis, and all axes at once, so an all-gather or reduce-scatter of
     * V bytes takes V·(N−1)/N ÷ (2·W·k) for k axes of one-way link bandwidth W; an all-reduce is both. Latency: one
     * hop per ring step on each axis.
     */
    public static double torusAllReduce(double bytes, int[] axes, double linkBandwidth, double latency) {
        int n = 1;
        int k = 0;
        double steps = 0;
        for (int axis : axes) {
            if (axis > 1) {
                n *= axis;
                k++;
                steps += 2.0 * (axis - 1);
            }
        }
        if (n <= 1) {
            return 0;
        }
        return 2.0 * (n - 1) / n * bytes / (2 * linkBandwidth * k) + steps / 2 * latency;
    }

    /**
     * How a group of {@code size} consecutive ranks lies on a torus whose leading {@code used} chips are taken by inner
     * groups: the axis lengths it spans. Groups fill axes in order (tensor parallel innermost, then data, then pipeline),
     * so a group takes whole axes, or part of one axis when it is smaller. Null when the sizes do not factor into the axes.
     */
    public static int[] torusGroup(int[] torus, int used, int size) {
        java.util.List<Integer> group = new java.util.ArrayList<>();
        int skip = used;
        int need = size;
        for (int axis : torus) {
            int free = axis;
            if (skip > 1) {
                if (skip % axis == 0) {
                    skip /= axis;
                    continue;
                }
                if (axis % skip != 0) {
                    return null;
                }
                free = axis / skip;
                skip = 1;
            }
            if (need <= 1) {
                break;
            }
            if (need % free == 0) {
                group.add(free);
                need /= free;
            } else if (free % need == 0) {
                group.add(need);
                need = 1;
            } else {
                return null;
            }
        }
        return need == 1 ? group.stream().mapToInt(Integer::intValue).toArray() : null;
    }
}
