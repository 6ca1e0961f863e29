package dev.accelerometer.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The step-time composition: pipeline bubble, collectives and the Megatron FLOP count. */
class StepTimeTest {
    /** A100 SXM 80GB in a DGX A100: 312 TFLOP/s fp16, 2.039 TB/s, NVLink 3 300 GB/s per direction, HDR 25 GB/s per port. */
    static final Cluster DGX_A100 = new Cluster("nvidia-a100-sxm-80gb", 64, 8, 312e12, 80L << 30, 2.039e12, 300e9, 5e-6, 25e9, 5e-6,
            400.0, null);
    static final LayerCosts ONE_MS = new LayerCosts(1e-3, 2e-3, 0.2e-3, 0);

    @Test
    void oneF1bBubbleIsPMinusOneOverM() {
        // Narayanan et al. 2021 §2.2: bubble fraction (p − 1)/m; interleaving with v stages divides it by v.
        ModelShape m = new ModelShape("m", 32, 4096, 32, 32, 16384, false, 51200, 6_000_000_000L);
        Plan plain = new Plan(1, 8, 8, 1, 1, Plan.Recompute.NONE, false, 0);
        Plan interleaved = new Plan(1, 8, 8, 2, 1, Plan.Recompute.NONE, false, 0);
        Cluster c = new Cluster("x", 64, 8, 312e12, 80L << 30, 2e12, 300e9, 5e-6, 25e9, 5e-6, null, null);
        StepTime.Breakdown a = StepTime.of(m, plain, c, ONE_MS, 16, 2048, 2, 0.9);
        StepTime.Breakdown b = StepTime.of(m, interleaved, c, ONE_MS, 16, 2048, 2, 0.9);
        double perMicro = 4 * 3e-3 + 4 * a.tensorParallelSeconds() / (16 * 4);
        assertEquals(16 * perMicro * 7.0 / 16, a.pipelineBubbleSeconds(), 1e-9);
        assertEquals(a.pipelineBubbleSeconds() / 2, b.pipelineBubbleSeconds(), 1e-9);
    }

    @Test
    void megatronFlopCountForGpt3() {
        // Narayanan et al. 2021, eq. 3 (no recomputation): 72·B·s·l·h²·(1 + s/(6h) + V/(16lh)) for GPT-3 175B, B = 1536.
        ModelShape gpt3 = new ModelShape("gpt-3-175b", 96, 12288, 96, 96, 49152, false, 51200, 175_000_000_000L);
        double expected = 72.0 * 1536 * 2048 * 96 * 12288.0 * 12288 * (1 + 2048 / (6 * 12288.0) + 51200 / (16 * 96 * 12288.0));
        assertEquals(expected, StepTime.modelFlops(gpt3, 1536, 2048), expected * 1e-12);
        // ≈ 6 · 175B · tokens plus attention: within 10 % of 6·N·T.
        assertTrue(Math.abs(StepTime.modelFlops(gpt3, 1536, 2048) / (6 * 175e9 * 1536 * 2048) - 1) < 0.1);
    }

    @Test
    void dataParallelCommunicationCrossesNodesHierarchically() {
        // 64 replicas of a 7.5B model (no TP/PP) on 8 DGX nodes: NVLink reduce-scatter/all-gather inside, HDR ring across.
        ModelShape m = new ModelShape("m", 36, 4096, 32, 32, 16384, false, 51200, 7_500_000_000L);
        Plan plan = new Plan(64, 1, 1, 1, 1, Plan.Recompute.FULL, false, 0);
        StepTime.Breakdown step = StepTime.of(m, plan, DGX_A100, ONE_MS, 512, 2048, 2, 0.9);
        double bytes = 7.5e9 * 2;
        double expected = Collectives.ringReduceScatter(bytes, 8, 300e9, 5e-6) + Collectives.ringAllReduce(bytes / 8, 8, 25e9, 5e-6)
                + Collectives.ringAllGather(bytes, 8, 300e9, 5e-6);
        assertEquals(expected, step.dataParallelSeconds(), 1e-9);
    }

    @Test
    void eightBitGradientsQuarterTheFp32Reduction() {
        // Dettmers 2016: 8-bit approximation of 32-bit gradients cuts data-parallel traffic 4×.
        ModelShape m = new ModelShape("m", 36, 4096, 32, 32, 16384, false, 51200, 7_500_000_000L);
        Plan plan = new Plan(64, 1, 1, 1, 1, Plan.Recompute.FULL, false, 0);
        double fp32 = StepTime.of(m, plan, DGX_A100, ONE_MS, 512, 2048, 4, 0.9).dataParallelSeconds();
        double int8 = StepTime.of(m, plan, DGX_A100, ONE_MS, 512, 2048, 1, 0.9).dataParallelSeconds();
        assertEquals(0.25, int8 / fp32, 0.01);
    }
}
