package dev.accelerometer.model.serving;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.memory.KvCache;

/**
 * The memory of one tensor-parallel serving replica, per device: the weights (t-way shards: heads, FFN, experts' FFN and
 * vocabulary split as Megatron and vLLM split them), the activation workspace of the largest iteration, and what is left
 * for the paged KV cache under the runtime's memory budget ({@code memoryUtilization} of the device, vLLM's
 * gpu_memory_utilization). A rank caches its own K/V heads — all of them replicated when t exceeds the K/V heads, and
 * the whole latent under multi-head latent attention, which tensor parallelism does not split (vLLM's and SGLang's MLA
 * backends).
 */
public record Replica(int tensorParallel, double weightBytesPerDevice, double workspaceBytesPerDevice, double kvBytesPerTokenPerDevice,
        double kvBudgetBytesPerDevice, long kvCapacityTokens) {

    /**
     * Bytes of activations per token of an iteration, in 16-bit: the residual stream, the norm's output, the attention
     * output and the FFN input (4 × hidden), the QKV projection's output and the FFN's up projection (each ÷ t), live at the
     * peak of a block's forward pass (vLLM sizes this workspace by profiling a forward pass of max_num_batched_tokens).
     */
    static double activationBytesPerToken(Transformer shard, Transformer full) {
        double qkv = ((double) shard.heads() + 2.0 * shard.kvHeads()) * shard.headDim();
        double ffn = (shard.gatedFfn() ? 2.0 : 1.0) * Math.max(shard.ffn(), shard.moe() == null ? 0
                : (double) shard.moe().expertFfn() * shard.moe().expertsPerToken());
        return 2.0 * (4.0 * full.hidden() + qkv + ffn);
    }

    /**
     * The replica of {@code m} on {@code t} devices of {@code d}, weights at {@code weightBytesPerParameter}, the cache at
     * {@code kvBytesPerElement}, iterations of up to {@code maxBatchedTokens} tokens and batches of up to
     * {@code maxSequences} (their fp32 logits over the vocabulary are part of the workspace).
     */
    public static Replica of(Device d, Transformer m, int t, double weightBytesPerParameter, double kvBytesPerElement, int maxBatchedTokens,
            int maxSequences, double memoryUtilization) {
        return of(d, m, t, 1, weightBytesPerParameter, kvBytesPerElement, maxBatchedTokens, maxSequences, memoryUtilization);
    }

    /**
     * A replica of {@code p} pipeline stages of t devices: each device holds 1/(t·p) of the weights and caches its stage's
     * blocks (1/p of a token's KV per t-shard); the capacity is the replica's, shared by its batches in flight.
     */
    public static Replica of(Device d, Transformer m, int t, int p, double weightBytesPerParameter, double kvBytesPerElement, int maxBatchedTokens,
            int maxSequences, double memoryUtilization) {
        return of(d, m, t, p, weightBytesPerParameter, kvBytesPerElement, maxBatchedTokens, maxSequences, memoryUtilization, false);
    }

    /**
     * As {@link #of(Device, Transformer, int, int, double, double, int, int, double)} with the cache's budget either
     * {@code memoryUtilization} of the whole device less the weights and workspace (vLLM's gpu_memory_utilization, SGLang's
     * mem_fraction_static) or, {@code ofFreeMemory}, that fraction of what the weights and workspace leave (TensorRT-LLM's
     * free_gpu_memory_fraction: "90% of free GPU memory (after loading weights)", docs/source/examples/kvcacheconfig.md).
     */
    public static Replica of(Device d, Transformer m, int t, int p, double weightBytesPerParameter, double kvBytesPerElement, int maxBatchedTokens,
            int maxSequences, double memoryUtilization, boolean ofFreeMemory) {
        return of(d, m, t, p, 1, weightBytesPerParameter, kvBytesPerElement, maxBatchedTokens, maxSequences, memoryUtilization, ofFreeMemory);
    }

    /**
     * One rank of an e-way expert-parallel group (e &gt; 1, t = p = 1: attention data parallel, as SGLang's and TensorRT-LLM's
     * attention-DP MoE serving runs): the attention, the dense FFNs, the shared experts and the head whole on every rank, 1/e of
     * the routed experts; the rank caches its own sequences' keys and values (or latents) whole, and its iterations are its own
     * (batch and token limits per rank).
     */
    public static Replica of(Device d, Transformer m, int t, int p, int e, double weightBytesPerParameter, double kvBytesPerElement,
            int maxBatchedTokens, int maxSequences, double memoryUtilization, boolean ofFreeMemory) {
        Transformer shard = t > 1 || e > 1 ? m.shard(t, e) : m;
        double experts = m.expertParameters();
        // A rank holds the shard's routed experts: ⌈E/e⌉ of the E (a group that does not divide them keeps redundant copies).
        double share = m.moe() == null ? 1 : (double) shard.moe().experts() / m.moe().experts();
        double weights = ((m.parameters() - experts) + experts * share) * weightBytesPerParameter / ((double) t * p);
        double workspace = maxBatchedTokens * activationBytesPerToken(shard, m) + 4.0 * maxSequences * m.vocab();
        double perToken = KvCache.elementsPerToken(shard) * kvBytesPerElement / p;
        double budget = ofFreeMemory ? memoryUtilization * (d.memoryBytes() - weights - workspace)
                : memoryUtilization * d.memoryBytes() - weights - workspace;
        long tokens = budget <= 0 ? 0 : (long) Math.floor(budget / perToken);
        return new Replica(t, weights, workspace, perToken, Math.max(0, budget), tokens);
    }

    /** Whether the weights and workspace leave room for at least one request of {@code tokens} tokens. */
    public boolean holds(long tokens) {
        return kvCapacityTokens >= tokens;
    }
}
