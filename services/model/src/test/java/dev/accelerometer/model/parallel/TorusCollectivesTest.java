package dev.accelerometer.model.parallel;

import dev.accelerometer.model.hardware.LinkKind;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.collective.Collectives;
import org.junit.jupiter.api.Test;

/**
 * Collectives on a TPU torus. Link figures from the catalog seed V3 (tpu-ici-v4: 2.7e11 B/s per chip and direction over
 * 6 links, i.e. 4.5e10 B/s per link, the per-link figure of "How to Scale Your Model", Austin et al.).
 */
class TorusCollectivesTest {
    static final double V4_LINK = 2.7e11 / 6;

    @Test
    void allReduceUsesEveryAxisOfTheGroupAtOnce() {
        // 1 GB over a 4×4×4 cube: 2·(63/64)·1e9 B ÷ (2 directions · 4.5e10 B/s · 3 axes) = 7.29 ms.
        assertEquals(2.0 * 63 / 64 * 1e9 / (2 * V4_LINK * 3), Collectives.torusAllReduce(1e9, new int[] {4, 4, 4}, V4_LINK, 0), 1e-12);
        assertEquals(7.29e-3, Collectives.torusAllReduce(1e9, new int[] {4, 4, 4}, V4_LINK, 0), 0.01e-3);
        // One axis of 4: 2·(3/4)·1e9 ÷ (2 · 4.5e10) = 16.7 ms; three axes are 2.3× faster, not 3× (more chips share the data).
        double oneAxis = Collectives.torusAllReduce(1e9, new int[] {4}, V4_LINK, 0);
        assertEquals(16.67e-3, oneAxis, 0.01e-3);
        // A torus beats a ring over the same per-chip bandwidth only through its bidirectional links: a ring at one link,
        // one way, takes twice as long for the same group.
        assertEquals(2 * oneAxis, Collectives.ringAllReduce(1e9, 4, V4_LINK, 0), 1e-12);
    }

    @Test
    void groupsFillTheAxesInOrder() {
        int[] cube = {4, 4, 4};
        assertArrayEquals(new int[] {4}, Collectives.torusGroup(cube, 1, 4));          // t = 4: the first axis
        assertArrayEquals(new int[] {4, 4}, Collectives.torusGroup(cube, 4, 16));      // d = 16 after t = 4: the next two
        assertArrayEquals(new int[] {2, 4}, Collectives.torusGroup(cube, 2, 8));       // d = 8 after t = 2: half an axis, then one
        assertArrayEquals(new int[] {2}, Collectives.torusGroup(cube, 1, 2));          // part of an axis
        assertNull(Collectives.torusGroup(cube, 1, 3));                               // 3 does not factor into the axes
    }

    @Test
    void dataParallelOnATorusIsFasterThanOnOneLinkRing() {
        Cluster torus = new Cluster(Fixtures.TPU_V4, 64, 4, 2.7e11, 1e-6, 2.7e11, 1e-6, new Cluster.Torus(new int[] {4, 4, 4}, V4_LINK, 1e-6), LinkKind.ICI, false);
        double onTorus = StepTime.dataParallelAllReduce(torus, 2e9, 1, 64, 4);
        assertEquals(Collectives.torusAllReduce(2e9, new int[] {4, 4, 4}, V4_LINK, 1e-6), onTorus, 1e-12);
        assertTrue(onTorus < Collectives.ringAllReduce(2e9, 64, V4_LINK, 1e-6));
    }
}
