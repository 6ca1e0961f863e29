package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.collective.Collective;
import dev.accelerometer.model.collective.CollectiveModel;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.hardware.MissingFactException;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.parallel.Cluster;
import java.util.ArrayList;
import java.util.List;

/**
 * Prefill and decode on t devices of a node in Megatron tensor parallelism, as the serving simulator's iteration
 * ({@link ServingIteration}) prices it: one rank's shard of the model ({@link Transformer#shard}: heads, K/V heads — at
 * least one per rank —, FFN and vocabulary split t ways) timed by the same prefill and decode models, plus two all-reduces
 * per block of the tokens' 16-bit hidden states (Megatron's row-parallel attention and FFN outputs) over the node's link,
 * priced by the collective model. Costing and quantization answer with it.
 */
public final class TensorParallel {
    private TensorParallel() {
    }

    /**
     * The t devices of one node the shards run on: over the accelerator's scale-up link (NVLink, Infinity Fabric) where it
     * has one, else over its PCIe host link, as GPUs without NVLink run tensor parallelism; collective bandwidths × the
     * calibration's intra-node scale (1 in the table).
     *
     * @throws MissingFactException when the catalog gives the device neither link
     */
    public static Cluster node(Device d, Calibration cal, int t, List<String> assumptions) {
        return Cluster.of(d, t, t, null, null, null, null, null, assumptions).withCollectiveScale(cal);
    }

    /** The all-reduces of one pass of {@code tokens} tokens: two per block (row-parallel attention and FFN outputs). */
    public static double communicationSeconds(Cluster node, Transformer m, long tokens) {
        return 2.0 * m.layers() * allReduceSeconds(node, m, tokens);
    }

    /** One all-reduce of {@code tokens} tokens' 16-bit hidden states over the node. */
    public static double allReduceSeconds(Cluster node, Transformer m, long tokens) {
        return CollectiveModel.estimate(node, Collective.ALL_REDUCE, (double) tokens * m.hidden() * Format.BF16.inputBytes).seconds();
    }

    /** One decode step of {@code batch} sequences at {@code context} tokens on the node: a rank's shard and the all-reduces. */
    public static Breakdown decode(Device d, Calibration cal, Transformer m, Cluster node, long batch, long context, Format f, double weightBytes,
            double kvBytes) {
        return decode(d, cal, m, node, batch, context, f, weightBytes, weightBytes, kvBytes);
    }

    /** As above with the routed experts' weights at {@code expertWeightBytes} per parameter (see {@link Decode#step}). */
    public static Breakdown decode(Device d, Calibration cal, Transformer m, Cluster node, long batch, long context, Format f, double weightBytes,
            double expertWeightBytes, double kvBytes) {
        return withAllReduces(Decode.step(d, cal, m.shard(node.devices()), batch, context, f, weightBytes, expertWeightBytes, kvBytes, null, null),
                m, node, batch, "decode step");
    }

    /** A prefill of {@code batch} sequences of {@code sequence} tokens on the node. */
    public static Breakdown prefill(Device d, Calibration cal, Transformer m, Cluster node, long batch, long sequence, Format f,
            Attention.Kernel kernel) {
        return withAllReduces(Prefill.of(d, cal, m.shard(node.devices()), batch, sequence, f, kernel), m, node, batch * sequence, "prefill");
    }

    private static Breakdown withAllReduces(Breakdown shard, Transformer m, Cluster node, long tokens, String what) {
        double seconds = communicationSeconds(node, m, tokens);
        List<OpCost> ops = new ArrayList<>(shard.operations());
        ops.add(OpCost.of("tensor-parallel all-reduces", 0, 2.0 * m.layers() * tokens * m.hidden() * Format.BF16.inputBytes, 0, seconds, 0,
                List.of()));
        return Breakdown.of(what + ", " + node.devices() + "-way tensor parallel", ops);
    }
}
