package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.quantization.WeightLayout;

/**
 * Decode with part of a GGUF model on the host — llama.cpp's partial GPU offload ({@code -ngl n}): n of the blocks (and,
 * with n above the blocks, the output head) on the GPU; the other blocks, the head otherwise, and the token embedding
 * (a lookup: one row per token) computed by the host's CPUs from host memory. A token passes the blocks in order, so the
 * two parts add:
 * <ul>
 * <li>the GPU's: its whole-model decode time (kernels and the runtime's per-token costs) × the share of the GPU-side bytes
 * it keeps — its blocks' weights and their KV cache, and the head if it holds it;</li>
 * <li>the host's: the bytes its part reads — its blocks' weights and KV cache, the head when it stays — over the host's
 * memory bandwidth at {@link #HOST_DECODE_EFFICIENCY} of its peak.</li>
 * </ul>
 * One sequence: the host's CPUs are bandwidth-bound there (a 6-core desktop reads a 14B Q4_K_M token's 9 GB in ~0.35 s, where
 * its 30 GFLOPs take a fraction of that); at larger batches their compute, which the catalog does not know, would bound them.
 */
public final class HybridDecode {
    /**
     * Share of the host's peak memory bandwidth llama.cpp's CPU decode reads weights at: llama.cpp on an i7-8700 with
     * dual-channel DDR4-2400 (38.4 GB/s peak), all blocks on the CPU (ledger ioff-23: Qwen2.5-Coder-14B Q4_K_M, 2.89
     * tokens/s; ioff-30: Qwen2.5-Coder-7B Q4_K_M, 4.9; ioff-31: Llama 3.1 8B Q4_K_M, 4.22; bytes per token from the files'
     * layouts and a 512-token KV cache; costing's HybridDecodeDerivationTest): 8.643 GB × 2.89/s, 4.399 GB × 4.90/s and
     * 4.685 GB × 4.22/s, 0.650, 0.561 and 0.515 of the peak; their mean.
     */
    public static final double HOST_DECODE_EFFICIENCY = (0.65049 + 0.56133 + 0.51486) / 3;

    private HybridDecode() {
    }

    /** One token's time on each side, and the bytes each side reads for it. */
    public record Split(double gpuSeconds, double hostSeconds, double gpuBytes, double hostBytes) {
        public double totalSeconds() {
            return gpuSeconds + hostSeconds;
        }
    }

    /** Where a GGUF file's bytes sit with {@code gpuBlocks} of the blocks on the GPU, and what the GPU must hold. */
    public record Placement(double blockBytes, double headBytes, double embeddingBytes, int blocks, int gpuBlocks, boolean headOnGpu) {
        /** Weight bytes on the GPU. */
        public double gpuWeightBytes() {
            return blockBytes * gpuBlocks + (headOnGpu ? headBytes : 0);
        }

        /** Weight bytes left in host memory: the other blocks, the head unless offloaded, the untied embedding table. */
        public double hostWeightBytes() {
            return blockBytes * (blocks - gpuBlocks) + (headOnGpu ? 0 : headBytes) + embeddingBytes;
        }
    }

    /**
     * The placement llama.cpp makes of {@code layout} (a GGUF file's) with {@code gpuLayers} (-ngl): the last min(n, blocks)
     * blocks on the GPU, the output head too when n exceeds the blocks (llama.cpp's n_gpu_layers counts the head as one more).
     */
    public static Placement place(Transformer shape, WeightLayout.Result layout, int gpuLayers) {
        WeightLayout.EmbeddingAndHead eh = layout.embeddingAndHead();
        if (eh == null) {
            throw new IllegalArgumentException("partial offload places a GGUF file's tensors; " + shape.name() + "'s layout is not one");
        }
        int blocks = shape.blocks();
        double blockBytes = (double) (layout.bytes() - eh.embeddingBytes() - eh.headBytes()) / blocks;
        return new Placement(blockBytes, eh.headBytes(), eh.embeddingBytes(), blocks, Math.min(gpuLayers, blocks), gpuLayers > blocks);
    }

    /**
     * One token's decode with {@code p}'s split: {@code gpuWholeSeconds} is the GPU's decode time for the whole model (its
     * runtime applied), {@code kvBytesPerBlock} the KV cache one block reads per token, {@code hostPeakBandwidth} the host's
     * peak memory bandwidth, bytes/s.
     */
    public static Split of(Placement p, double gpuWholeSeconds, double kvBytesPerBlock, double hostPeakBandwidth) {
        // What each side reads per token: its weights (the embedding table is a lookup, read a row at a time) and its blocks' KV cache.
        double gpuBytes = p.gpuWeightBytes() + kvBytesPerBlock * p.gpuBlocks();
        double hostBytes = p.hostWeightBytes() - p.embeddingBytes() + kvBytesPerBlock * (p.blocks() - p.gpuBlocks());
        double wholeGpuBytes = gpuBytes + hostBytes;
        return new Split(gpuWholeSeconds * gpuBytes / wholeGpuBytes, hostBytes / (hostPeakBandwidth * HOST_DECODE_EFFICIENCY), gpuBytes, hostBytes);
    }

    /** The share of its peak bandwidth a host reading {@code bytesPerToken} at {@code tokensPerSecond} reached. */
    public static double impliedEfficiency(double bytesPerToken, double tokensPerSecond, double hostPeakBandwidth) {
        return bytesPerToken * tokensPerSecond / hostPeakBandwidth;
    }
}
