package dev.accelerometer.model.parallel;

import dev.accelerometer.model.collective.Collective;
import dev.accelerometer.model.collective.CollectiveModel;
import dev.accelerometer.model.collective.Collectives;
import dev.accelerometer.model.workload.CnnStep.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Data vs model parallelism for a small network over a given link, as in Dettmers' parallelism posts ("How to
 * Parallelize Deep Learning on GPUs", parts 1 and 2, 2014) and Krizhevsky's "One weird trick" (2014): data parallelism
 * pays where weights are few and compute is large (convolutions), model parallelism where weights are many and
 * activations few (fully connected layers). Compute times per layer come from the CNN training step ({@link dev.accelerometer.model.workload.CnnStep}).
 * <ul>
 * <li>Data parallel (weak scaling, b samples per device): every step all-reduces every gradient:
 * speedup(N) = N·T / (T + all-reduce(weights)).</li>
 * <li>Model parallel (the same b samples split over N devices' weights): each layer's output is gathered:
 * speedup(N) = T / (T/N + Σ all-gather(activations) + reduce-scatter(activation gradients)).</li>
 * <li>Hybrid: convolutions data parallel, fully connected layers model parallel (Krizhevsky 2014).</li>
 * </ul>
 */
public final class SmallNetworkScaling {
    private SmallNetworkScaling() {
    }

    /** Throughput over one device's for each strategy at {@code devices}; {@code best} names the fastest. */
    public record Point(int devices, double dataParallelSpeedup, double modelParallelSpeedup, double hybridSpeedup, Strategy best) {
        public double bestSpeedup() {
            return Math.max(dataParallelSpeedup, Math.max(modelParallelSpeedup, hybridSpeedup));
        }
    }

    public enum Strategy { DATA, MODEL, HYBRID }

    /** The collectives a curve needs at a device count. */
    public interface Communication {
        double allReduce(double bytes, int devices);

        double allGather(double bytes, int devices);

        double reduceScatter(double bytes, int devices);
    }

    /** Every device on one link of {@code bandwidth} bytes/s per direction (at that rate) and {@code latency} per step. */
    public static List<Point> curve(List<Layer> layers, int maxDevices, double bytesPerElement, double bandwidth, double latency) {
        return curve(layers, maxDevices, bytesPerElement, new Communication() {
            public double allReduce(double bytes, int n) {
                return Collectives.ringAllReduce(bytes, n, bandwidth, latency);
            }

            public double allGather(double bytes, int n) {
                return Collectives.ringAllGather(bytes, n, bandwidth, latency);
            }

            public double reduceScatter(double bytes, int n) {
                return Collectives.ringReduceScatter(bytes, n, bandwidth, latency);
            }
        });
    }

    /**
     * Devices in nodes: {@code clusters} gives the cluster of n devices (the link inside a node, the network between
     * nodes), whose collectives {@link CollectiveModel} prices (rings inside a node, rings bounded by the NICs across).
     */
    public static List<Point> curve(List<Layer> layers, int maxDevices, double bytesPerElement, IntFunction<Cluster> clusters) {
        return curve(layers, maxDevices, bytesPerElement, new Communication() {
            public double allReduce(double bytes, int n) {
                return n <= 1 ? 0 : CollectiveModel.estimate(clusters.apply(n), Collective.ALL_REDUCE, bytes).seconds();
            }

            public double allGather(double bytes, int n) {
                return n <= 1 ? 0 : CollectiveModel.estimate(clusters.apply(n), Collective.ALL_GATHER, bytes).seconds();
            }

            public double reduceScatter(double bytes, int n) {
                return n <= 1 ? 0 : CollectiveModel.estimate(clusters.apply(n), Collective.REDUCE_SCATTER, bytes).seconds();
            }
        });
    }

    public static List<Point> curve(List<Layer> layers, int maxDevices, double bytesPerElement, Communication comm) {
        double total = layers.stream().mapToDouble(Layer::seconds).sum();
        double allWeights = layers.stream().mapToDouble(Layer::weights).sum();
        double convWeights = layers.stream().filter(l -> !l.fullyConnected()).mapToDouble(Layer::weights).sum();
        double convSeconds = layers.stream().filter(l -> !l.fullyConnected()).mapToDouble(Layer::seconds).sum();
        List<Point> points = new ArrayList<>();
        for (int n = 1; n <= maxDevices; n++) {
            double dp = n * total / (total + comm.allReduce(allWeights * bytesPerElement, n));
            double mpComm = 0;
            double fcComm = 0;
            for (Layer l : layers) {
                double exchange = comm.allGather(l.outputElements() * bytesPerElement, n) + comm.reduceScatter(l.outputElements() * bytesPerElement, n);
                mpComm += exchange;
                if (l.fullyConnected()) {
                    fcComm += exchange;
                }
            }
            double mp = total / (total / n + mpComm);
            // Hybrid, per device: its share of convolutions (data parallel on n× the samples) and of the FC layers.
            double fcSeconds = total - convSeconds;
            double hybridTime = convSeconds + comm.allReduce(convWeights * bytesPerElement, n)
                    + fcSeconds + n * fcComm;
            double hybrid = n > 1 ? n * total / hybridTime : 1;
            Strategy best = dp >= mp && dp >= hybrid ? Strategy.DATA : mp >= hybrid ? Strategy.MODEL : Strategy.HYBRID;
            points.add(new Point(n, dp, mp, hybrid, best));
        }
        return points;
    }

    /** Largest N at which one more device still adds at least 0.1 of a device's throughput (best strategy). */
    public static int devicesWorthBuying(List<Point> points) {
        int worth = 1;
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).bestSpeedup() - points.get(i - 1).bestSpeedup() >= 0.1) {
                worth = points.get(i).devices();
            } else {
                break;
            }
        }
        return worth;
    }
}
