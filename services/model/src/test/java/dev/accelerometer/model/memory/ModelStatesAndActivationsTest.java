package dev.accelerometer.model.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.memory.Activations.Recompute;
import org.junit.jupiter.api.Test;

/** The memory formulas against the ZeRO paper and Korthikanti et al. (ledger mem-01..04, selene-megatron-22B-mem-*). */
class ModelStatesAndActivationsTest {
    private static final double GIB = 1L << 30;

    /** The ZeRO paper's example: Ψ = 7.5B parameters, N_d = 64, K = 12 (Rajbhandari et al. 2020, Figure 1). */
    private static double modelStatesGB(int zeroStage) {
        return ModelStates.of(7.5e9, 64, zeroStage, 2, Optimizer.ADAM.mixedPrecisionStateBytes()).totalBytes() / 1e9;
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
    void megatronModelStatesWithFp32Gradients() {
        // selene-megatron-22B-mem-paramsopt: 45.5625 GiB per GPU with t = 8. Megatron-LM accumulates gradients in fp32
        // (4 bytes) next to fp16 weights and 12 bytes of Adam state: 18 bytes per parameter of the shard.
        double shard = Fixtures.GPT_22B.parameters() / 8.0;
        assertEquals(45.5625, ModelStates.of(shard, 1, 0, 4, 12).totalBytes() / GIB, 45.5625 * 0.05);
    }

    @Test
    void reproducesKorthikantiActivationsFor22B() {
        // selene-megatron-22B-mem-act_none: 59.25 GiB; act_seqsel (sequence parallel + selective): 9.5625 GiB
        // (Korthikanti et al. Figure 1 as tabulated by the Calculon suite); t = 8, s = 2048, b = 4; Megatron's attention
        // materialises the scores.
        assertEquals(59.25, Activations.stack(Fixtures.GPT_22B, 48, 2048, 4, 8, false, Recompute.NONE, true) / GIB, 59.25 * 0.05);
        assertEquals(9.5625, Activations.stack(Fixtures.GPT_22B, 48, 2048, 4, 8, true, Recompute.SELECTIVE, true) / GIB, 9.5625 * 0.05);
    }

    @Test
    void activationFormulasAreExact() {
        // s·b·h·(10 + 24/t + 5·a·s/(h·t)) with s = 2048, b = 4, h = 6144, a = 64, t = 8.
        double sbh = 2048.0 * 4 * 6144;
        double scores = 5.0 * 64 * 2048 / 6144;
        assertEquals(sbh * (10 + 24.0 / 8 + scores / 8), Activations.perLayer(Fixtures.GPT_22B, 2048, 4, 8, false, Recompute.NONE, true), 1e-3);
        assertEquals(sbh / 8 * (34 + scores), Activations.perLayer(Fixtures.GPT_22B, 2048, 4, 8, true, Recompute.NONE, true), 1e-3);
        assertEquals(sbh * (34 + scores), Activations.perLayer(Fixtures.GPT_22B, 2048, 4, 1, false, Recompute.NONE, true), 1e-3);
        // A flash kernel never stores the scores: the same as selective recomputation.
        assertEquals(Activations.perLayer(Fixtures.GPT_22B, 2048, 4, 8, false, Recompute.SELECTIVE, true),
                Activations.perLayer(Fixtures.GPT_22B, 2048, 4, 8, false, Recompute.NONE, false), 1e-3);
        // Full recomputation keeps each block's input: 2·s·b·h, ÷ t with sequence parallelism.
        assertEquals(2 * sbh / 8, Activations.perLayer(Fixtures.GPT_22B, 2048, 4, 8, true, Recompute.FULL, true), 1e-3);
    }

    @Test
    void optimizerStatesAndTrafficFollowFromTheirBytes() {
        // ZeRO §3.1: K = 12 for mixed-precision Adam; 8-bit AdamW keeps 4 + 1 + 1 (Dettmers et al. 2022); SGD 4 + 4.
        assertEquals(12, Optimizer.ADAMW.mixedPrecisionStateBytes());
        assertEquals(6, Optimizer.fromSlug("adam-8bit").orElseThrow().mixedPrecisionStateBytes());
        assertEquals(8, Optimizer.fromSlug("sgd-momentum").orElseThrow().mixedPrecisionStateBytes());
        assertEquals(28, Optimizer.ADAM.stepTrafficBytesPerParameter());
        assertEquals(20, Optimizer.SGD.stepTrafficBytesPerParameter());
    }
}
