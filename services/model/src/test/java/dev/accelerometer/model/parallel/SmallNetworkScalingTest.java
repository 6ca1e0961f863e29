package dev.accelerometer.model.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.collective.Collectives;
import dev.accelerometer.model.workload.CnnStep.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dettmers (2014) and Krizhevsky (2014): data parallelism for convolutions, model parallelism for fully connected layers. */
class SmallNetworkScalingTest {
    /**
     * A VGG-16-like split for 128 images: convolutions hold 14.7M of the 138M weights (Simonyan & Zisserman 2015, config
     * D) and ~95 % of the compute; their outputs total ~13.5M elements per image (224²·64·2 + 112²·128·2 + 56²·256·3 +
     * 28²·512·3 + 14²·512·3); the FC layers hold the rest of the weights and 4,096 outputs.
     */
    static final List<Layer> VGG_LIKE = List.of(
            new Layer("convolutions", false, 0.95, 14.7e6, 128.0 * 13.5e6),
            new Layer("fully connected", true, 0.05, 123.6e6, 128.0 * 4096));

    @Test
    void dataParallelSpeedupIsNTimesComputeOverComputePlusAllReduce() {
        // 138.3M fp32 weights over PCIe 3.0 x16 (15.75 GB/s per direction): ring all-reduce on 4 devices moves 1.5 × 553 MB.
        var points = SmallNetworkScaling.curve(VGG_LIKE, 4, 4, 15.75e9, 5e-6);
        double allReduce = Collectives.ringAllReduce(138.3e6 * 4, 4, 15.75e9, 5e-6);
        assertEquals(4 * 1.0 / (1.0 + allReduce), points.get(3).dataParallelSpeedup(), 1e-9);
        assertEquals(1.0, points.get(0).dataParallelSpeedup(), 1e-12);
    }

    @Test
    void hybridBeatsBothWhenFullyConnectedWeightsDominate() {
        var at8 = SmallNetworkScaling.curve(VGG_LIKE, 8, 4, 15.75e9, 5e-6).get(7);
        assertTrue(at8.hybridSpeedup() > at8.dataParallelSpeedup(), at8.toString());
        assertTrue(at8.dataParallelSpeedup() > at8.modelParallelSpeedup(), at8.toString());
        assertEquals(SmallNetworkScaling.Strategy.HYBRID, at8.best());
    }

    @Test
    void slowLinksStopDataParallelismFromPaying() {
        // Over 1 GbE-class bandwidth (125 MB/s) the gradient all-reduce dwarfs a 1-second step: more devices do not help.
        var points = SmallNetworkScaling.curve(VGG_LIKE, 8, 4, 125e6, 5e-6);
        assertTrue(points.get(7).dataParallelSpeedup() < 1.0, points.get(7).toString());
    }

    @Test
    void devicesStopPayingWhereTheNextOneAddsLessThanATenth() {
        var points = SmallNetworkScaling.curve(VGG_LIKE, 8, 4, 15.75e9, 5e-6);
        int worth = SmallNetworkScaling.devicesWorthBuying(points);
        for (int n = 1; n < worth; n++) {
            assertTrue(points.get(n).bestSpeedup() - points.get(n - 1).bestSpeedup() >= 0.1, points.get(n).toString());
        }
        assertTrue(worth == 8 || points.get(worth).bestSpeedup() - points.get(worth - 1).bestSpeedup() < 0.1);
    }
}
