package dev.accelerometer.model.workload;

import static dev.accelerometer.model.Fixtures.DEEPSEEK_V3;
import static dev.accelerometer.model.Fixtures.H100_SXM;
import static dev.accelerometer.model.Fixtures.HOPPER;
import static dev.accelerometer.model.Fixtures.LLAMA_3_8B;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.OpCost;
import org.junit.jupiter.api.Test;

/** The serving iteration's parts against the kernels they are built from. */
class ServingIterationTest {
    /**
     * A prompt's prefill attention is the fused kernel's forward pass over it in every block — 32 blocks of Llama-3-8B, not
     * one (an earlier version divided the FLOPs by the pairs of every block and charged a prompt one block's attention).
     */
    @Test
    void aPromptsPrefillAttentionRunsInEveryBlock() {
        ServingIteration it = ServingIteration.of(H100_SXM, HOPPER, LLAMA_3_8B, 1, Format.BF16, 2, 2, Attention.Kernel.FLASH, b -> 0, 8192);
        long prompt = 4096;
        double expected = 0;
        for (TransformerLayer.Group g : TransformerLayer.groups(LLAMA_3_8B)) {
            OpCost one = Attention.estimate(H100_SXM, HOPPER, TransformerLayer.attention(LLAMA_3_8B, g, 1, prompt, prompt), Attention.Kernel.FLASH,
                    Attention.Pass.FORWARD, Format.BF16);
            expected += one.timeSeconds() * g.count();
        }
        assertEquals(32, TransformerLayer.groups(LLAMA_3_8B).stream().mapToInt(TransformerLayer.Group::count).sum());
        assertEquals(expected, it.prefillAttentionSeconds(prompt * (prompt + 1) / 2.0), 1e-9 * expected);
    }

    /**
     * Under multi-head latent attention a later prompt chunk expands its cached context's latent again (vLLM's and SGLang's
     * chunked MLA prefill): per context token, the key-value up-projection of every block on the rank's shard of heads. A cache
     * of per-head keys and values needs no such pass.
     */
    @Test
    void laterChunksOfAnMlaPromptReExpandTheirCachedContext() {
        int t = 8;
        ServingIteration it = ServingIteration.of(H100_SXM, HOPPER, DEEPSEEK_V3, t, Format.FP8, 1, 2, Attention.Kernel.FLASH, b -> 0, 8192);
        Transformer.LatentAttention mla = DEEPSEEK_V3.latentAttention();
        long context = 4096;
        TransformerLayer.Gemm upProjection = new TransformerLayer.Gemm("up", context, (long) DEEPSEEK_V3.heads() / t * (mla.nopeDim()
                + mla.valueDim()), mla.keyValueRank(), TransformerLayer.Linear.ATTENTION);
        double expected = 61 * TransformerLayer.cost(H100_SXM, HOPPER, upProjection, Format.FP8, 1).timeSeconds();
        assertEquals(expected, it.prefillContextSeconds(context), 1e-9 * expected);
        assertEquals(0, it.prefillContextSeconds(0));
        ServingIteration dense = ServingIteration.of(H100_SXM, HOPPER, LLAMA_3_8B, 1, Format.BF16, 2, 2, Attention.Kernel.FLASH, b -> 0, 8192);
        assertEquals(0, dense.prefillContextSeconds(context));
    }
}
