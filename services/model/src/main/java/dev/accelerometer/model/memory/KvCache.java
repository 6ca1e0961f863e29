package dev.accelerometer.model.memory;

import dev.accelerometer.model.architecture.Transformer;

/**
 * The KV cache: K and V for every block and KV head per token of context — or, under multi-head latent attention, the
 * compressed latent and the rotary key (keyValueRank + ropeDim elements per token per block, DeepSeek-V2 §2.1.2, as
 * DeepSeek's inference code and vLLM/SGLang's MLA backends keep it). A sliding-window block keeps only the last
 * {@code window} tokens (a ring buffer, as Mistral's reference implementation and vLLM's hybrid allocator do).
 */
public final class KvCache {
    private KvCache() {
    }

    /** Elements one block caches per token. */
    public static long elementsPerTokenPerBlock(Transformer m) {
        Transformer.LatentAttention mla = m.latentAttention();
        return mla != null ? (long) mla.keyValueRank() + mla.ropeDim() : 2L * m.kvHeads() * m.headDim();
    }

    /** Elements per token of context while it fits every window: {@link #elementsPerTokenPerBlock} × blocks. */
    public static long elementsPerToken(Transformer m) {
        return elementsPerTokenPerBlock(m) * m.blocks();
    }

    /** Elements for {@code context} tokens of one sequence: sliding-window blocks hold at most their window. */
    public static double elements(Transformer m, long context) {
        int local = m.localBlocks();
        long windowed = local == 0 ? context : Math.min(context, m.slidingWindow().window());
        return elementsPerTokenPerBlock(m) * ((double) (m.blocks() - local) * context + (double) local * windowed);
    }

    /** Bytes for {@code context} tokens of one sequence at {@code bytesPerElement}. */
    public static double bytes(Transformer m, long context, double bytesPerElement) {
        return elements(m, context) * bytesPerElement;
    }
}
