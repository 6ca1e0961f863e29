package dev.accelerometer.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The memory formulas against the ZeRO paper and Korthikanti et al. (ledger mem-01..04, selene-megatron-22B-mem-*). */
class MemoryTest {
    /** The ZeRO paper's example: Ψ = 7.5B parameters, N_d = 64, K = 12 (Rajbhandari et al. 2020, Figure 1). */
    static final ModelShape ZERO_7_5B = new ModelShape("zero-7.5b", 1, 1, 1, 1, 1, false, 1, 7_500_000_000L);
    /** Korthikanti et al. 2022, Table 3: the 22B model (48 layers, h 6144, 64 heads, FFN 4h, vocab 51,200). */
    static final ModelShape GPT_22B = new ModelShape("gpt-22b", 48, 6144, 64, 64, 24576, false, 51200,
            ModelShape.parametersOf(48, 6144, 64, 64, 24576, false, 51200));

    private static double modelStatesGB(int zeroStage) {
        Plan plan = new Plan(64, 1, 1, 1, 1, Plan.Recompute.FULL, false, zeroStage);
        Memory.Breakdown m = Memory.of(ZERO_7_5B, plan, 1, 2, 12);
        return (m.weightBytes() + m.gradientBytes() + m.optimizerBytes()) / 1e9;
    }

    @Test
    void reproducesTheZeroPaperModelStates() {
        // Ledger mem-01..04: 120 / 31.4 / 16.6 / 1.9 GB per GPU (within 2 %).
        assertEquals(120, modelStatesGB(0), 120 * 0.02);
        assertEquals(31.4, modelStatesGB(1), 31.4 * 0.02);
        assertEquals(16.6, modelStatesGB(2), 16.6 * 0.02);
        assertEquals(1.9, modelStatesGB(3), 1.9 * 0.02);
    }

    @Test
    void reproducesKorthikantiActivationsFor22B() {
        // selene-megatron-22B-mem-act_none: 59.25 GiB; act_seqsel (sequence parallel + selective): 9.5625 GiB
        // (Korthikanti et al. Figure 1 as tabulated by the Calculon suite); t = 8, s = 2048, b = 4.
        Plan none = new Plan(1, 8, 1, 1, 4, Plan.Recompute.NONE, false, 0);
        Plan seqSel = new Plan(1, 8, 1, 1, 4, Plan.Recompute.SELECTIVE, true, 0);
        double gib = 1L << 30;
        assertEquals(59.25, Memory.activations(GPT_22B, none, 2048) / gib, 59.25 * 0.05);
        assertEquals(9.5625, Memory.activations(GPT_22B, seqSel, 2048) / gib, 9.5625 * 0.05);
    }

    @Test
    void activationFormulasAreExact() {
        // s·b·h·(10 + 24/t + 5·a·s/(h·t)) with s = 2048, b = 4, h = 6144, a = 64, t = 8.
        double sbh = 2048.0 * 4 * 6144;
        Plan none = new Plan(1, 8, 1, 1, 4, Plan.Recompute.NONE, false, 0);
        assertEquals(sbh * (10 + 24.0 / 8 + 5.0 * 64 * 2048 / (6144 * 8)), Memory.activationsPerLayer(GPT_22B, none, 2048), 1e-3);
        Plan sp = new Plan(1, 8, 1, 1, 4, Plan.Recompute.NONE, true, 0);
        assertEquals(sbh / 8 * (34 + 5.0 * 64 * 2048 / 6144), Memory.activationsPerLayer(GPT_22B, sp, 2048), 1e-3);
        Plan unsharded = new Plan(1, 1, 1, 1, 4, Plan.Recompute.NONE, false, 0);
        assertEquals(sbh * (34 + 5.0 * 64 * 2048 / 6144), Memory.activationsPerLayer(GPT_22B, unsharded, 2048), 1e-3);
    }

    @Test
    void megatronModelStatesWithFp32Gradients() {
        // selene-megatron-22B-mem-paramsopt: 45.5625 GiB per GPU with t = 8. Megatron-LM accumulates gradients in fp32
        // (4 bytes) next to fp16 weights and 12 bytes of Adam state: 18 bytes per parameter of the shard.
        Plan plan = new Plan(1, 8, 1, 1, 4, Plan.Recompute.SELECTIVE, true, 0);
        Memory.Breakdown m = Memory.of(GPT_22B, plan, 2048, 4, 12);
        double gib = (m.weightBytes() + m.gradientBytes() + m.optimizerBytes()) / (1L << 30);
        assertEquals(45.5625, gib, 45.5625 * 0.05);
    }

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
