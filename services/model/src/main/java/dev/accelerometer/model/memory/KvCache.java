package dev.accelerometer.model.memory;

import dev.accelerometer.model.architecture.Transformer;

/** The KV cache: K and V for every layer and KV head, per token of context. */
public final class KvCache {
    private KvCache() {
    }

    /** Elements per token of context: 2 (K and V) · layers · kvHeads · headDim. */
    public static long elementsPerToken(Transformer m) {
        return 2L * m.layers() * m.kvHeads() * m.headDim();
    }

    /** Bytes per token of context at {@code bytesPerElement} (scales included). */
    public static double bytesPerToken(Transformer m, double bytesPerElement) {
        return elementsPerToken(m) * bytesPerElement;
    }
}
