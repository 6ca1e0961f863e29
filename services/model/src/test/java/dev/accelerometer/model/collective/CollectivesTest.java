package dev.accelerometer.model.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Collective volumes and latency steps (Thakur, Rabenseifner & Gropp 2005; NCCL's bus-bandwidth conventions). */
class CollectivesTest {
    @Test
    void ringAllReduceMovesTwiceTheDataMinusOneShare() {
        // 2(n−1)/n · S / B: 1 GB over 8 devices at 100 GB/s takes 17.5 ms plus 14 latency steps.
        assertEquals(0.0175 + 14 * 5e-6, Collectives.ringAllReduce(1e9, 8, 100e9, 5e-6), 1e-9);
        assertEquals(0, Collectives.ringAllReduce(1e9, 1, 100e9, 5e-6));
    }

    @Test
    void treeAndAllToAllFollowTheirVolumes() {
        // Double binary tree: 2(n−1)/n · S at full bandwidth, 2·log2(n) latency steps (NCCL trees): 8 devices → 6 steps.
        assertEquals(0.0175 + 6 * 5e-6, Collectives.treeAllReduce(1e9, 8, 100e9, 5e-6), 1e-9);
        // All-to-all: each device sends (n−1)/n of its data, n−1 steps.
        assertEquals(0.00875 + 7 * 5e-6, Collectives.allToAll(1e9, 8, 100e9, 5e-6), 1e-9);
    }
}
