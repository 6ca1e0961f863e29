package dev.accelerometer.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.SparseGemm;
import dev.accelerometer.model.memory.Optimizer;
import org.junit.jupiter.api.Test;

class SparseLinearsTest {
    static final SparseGemm.Spec TWO_FOUR = new SparseGemm.Spec(SparseGemm.Pattern.STRUCTURED_2_4, 0.5, null, SparseGemm.Kernel.CUTLASS);

    @Test
    void theSparseLayersAreTheBlocksLinearWeights() {
        // GPT-3 2.7B: 32 blocks × (4·h² attention + 8·h² FFN), h = 2560.
        long h = 2560;
        assertEquals(32 * 12 * h * h, new SparseLinears(TWO_FOUR, 2.0, true, true).parameters(Fixtures.GPT3_2_7B));
        assertEquals(32 * 8 * h * h, new SparseLinears(TWO_FOUR, 2.0, false, true).parameters(Fixtures.GPT3_2_7B));
    }

    @Test
    void sparseTrainingGainsLessThanItsGemmsBecauseTheWeightGradientStaysDenseAndTheWeightsAreRePruned() {
        var sparse = new SparseLinears(TWO_FOUR, 2.0, true, true);
        TrainingStep dense = TrainingStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.GPT3_2_7B, 8, 2048, Format.BF16,
                Attention.Kernel.FLASH, Optimizer.ADAMW);
        TrainingStep pruned = TrainingStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.GPT3_2_7B, 8, 2048, Format.BF16,
                Attention.Kernel.FLASH, Optimizer.ADAMW, 1, TrainingStep.MOE_HOST_SECONDS_PER_BLOCK, sparse);
        double step = dense.total().timeSeconds() / pruned.total().timeSeconds();
        // Three GEMMs per linear, two of them at ~1.42×: at most 3 / (2/1.42 + 1) ≈ 1.25 on the GEMMs, less with attention and the rest.
        assertTrue(step > 1.0 && step < 1.25, "step speed-up " + step);
        // Re-pruning 2.5B weights at 70 bytes of traffic each, every step: about a tenth of this step (torchao's ratio too).
        double prune = pruned.breakdown().operations().stream().filter(o -> o.name().startsWith("2:4 re-pruning")).findFirst().orElseThrow()
                .timeSeconds();
        assertTrue(prune > 0.03 * pruned.total().timeSeconds() && prune < 0.2 * pruned.total().timeSeconds(), "re-pruning " + prune + " s");
    }

    @Test
    void batchOneDecodeReadsTheCompressedWeights() {
        var sparse = new SparseLinears(TWO_FOUR, 2.0, true, true);
        double dense = Decode.step(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.GPT3_2_7B, 1, 1024, Format.FP16).total().timeSeconds();
        double pruned = Decode.step(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.GPT3_2_7B, 1, 1024, Format.FP16, 2, 2, null, sparse).total()
                .timeSeconds();
        // The block weights read at 1.125 instead of 2 bytes (at most 2 / 1.125); embeddings, head, KV cache and launches unchanged,
        // and the sparse kernels pad the one row to a 64-row tile, which brings the GEMVs near their compute time.
        assertTrue(dense / pruned > 1.1 && dense / pruned < 2 / 1.125, "decode speed-up " + dense / pruned);
    }
}
