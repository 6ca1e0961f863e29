package dev.accelerometer.planner.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Data vs model parallelism for a small network over a given link, as in Dettmers' parallelism posts ("How to
 * Parallelize Deep Learning on GPUs", parts 1 and 2, 2014) and Krizhevsky's "One weird trick" (2014): data parallelism
 * pays where weights are few and compute is large (convolutions), model parallelism where weights are many and
 * activations few (fully connected layers). Compute times per layer come from the costing service.
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

    /** One layer group: compute seconds per step for b samples on one device, weights, and output activation elements. */
    public record Layer(String name, boolean fullyConnected, double seconds, double weights, double outputElements) {
    }

    public record Point(@Schema(description = "Number of devices.") int devices,
            @Schema(description = "Data-parallel throughput over one device's, a ratio.") double dataParallelSpeedup,
            @Schema(description = "Model-parallel throughput over one device's, a ratio.") double modelParallelSpeedup,
            @Schema(description = "Hybrid (convolutions data-parallel, fully connected layers model-parallel) throughput over one device's, a ratio.")
            double hybridSpeedup, String best) {
    }

    public static List<Point> curve(List<Layer> layers, int maxDevices, double bytesPerElement, double bandwidth, double latency) {
        double total = layers.stream().mapToDouble(Layer::seconds).sum();
        double allWeights = layers.stream().mapToDouble(Layer::weights).sum();
        double convWeights = layers.stream().filter(l -> !l.fullyConnected()).mapToDouble(Layer::weights).sum();
        double convSeconds = layers.stream().filter(l -> !l.fullyConnected()).mapToDouble(Layer::seconds).sum();
        List<Point> points = new ArrayList<>();
        for (int n = 1; n <= maxDevices; n++) {
            double dp = n * total / (total + Collectives.ringAllReduce(allWeights * bytesPerElement, n, bandwidth, latency));
            double mpComm = 0;
            double fcComm = 0;
            for (Layer l : layers) {
                double exchange = Collectives.ringAllGather(l.outputElements() * bytesPerElement, n, bandwidth, latency)
                        + Collectives.ringReduceScatter(l.outputElements() * bytesPerElement, n, bandwidth, latency);
                mpComm += exchange;
                if (l.fullyConnected()) {
                    fcComm += exchange;
                }
            }
            double mp = total / (total / n + mpComm);
            // Hybrid, per device: its share of convolutions (data parallel on n× the samples) and of the FC layers.
            double fcSeconds = total - convSeconds;
            double hybridTime = convSeconds + Collectives.ringAllReduce(convWeights * bytesPerElement, n, bandwidth, latency)
                    + fcSeconds + n * fcComm;
            double hybrid = n > 1 ? n * total / hybridTime : 1;
            String best = dp >= mp && dp >= hybrid ? "data" : mp >= hybrid ? "model" : "hybrid";
            points.add(new Point(n, dp, mp, hybrid, best));
        }
        return points;
    }
}
