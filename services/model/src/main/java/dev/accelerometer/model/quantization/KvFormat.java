package dev.accelerometer.model.quantization;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.memory.KvCache;
import java.util.Arrays;
import java.util.Optional;

/**
 * KV-cache element formats. Integer caches keep an fp16 scale per token, layer, head and K/V (as KIVI-style per-token
 * quantization does); fp8 uses a per-tensor scale (negligible).
 */
public enum KvFormat {
    FP32("fp32", 32, false), FP16("fp16", 16, false), BF16("bf16", 16, false), FP8("fp8", 8, false), INT8("int8", 8, true),
    INT4("int4", 4, true);

    public final String id;
    public final int bits;
    public final boolean perTokenScales;

    KvFormat(String id, int bits, boolean perTokenScales) {
        this.id = id;
        this.bits = bits;
        this.perTokenScales = perTokenScales;
    }

    public static Optional<KvFormat> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /**
     * Bytes per token of context (while it fits every sliding window): K and V for every block and KV head (the latent
     * under MLA), plus per-token scales for integer caches — one fp16 scale per K and V head, one per latent.
     */
    public long bytesPerToken(Transformer shape) {
        long elements = KvCache.elementsPerToken(shape);
        return elements * bits / 8 + scalesPerToken(shape);
    }

    /** Bytes for {@code context} tokens of one sequence; sliding-window blocks hold at most their window. */
    public double bytes(Transformer shape, long context) {
        double perBlockToken = (double) bytesPerToken(shape) / shape.blocks();
        return perBlockToken * KvCache.elements(shape, context) / KvCache.elementsPerTokenPerBlock(shape);
    }

    private long scalesPerToken(Transformer shape) {
        if (!perTokenScales) {
            return 0;
        }
        return shape.latentAttention() != null ? 2L * shape.blocks() : 2L * shape.blocks() * shape.kvHeads() * 2;
    }

    /** Bits per cached element, scales included, for a given shape (what the costing service reads per element). */
    public double bitsPerElement(Transformer shape) {
        return 8.0 * bytesPerToken(shape) / KvCache.elementsPerToken(shape);
    }
}
