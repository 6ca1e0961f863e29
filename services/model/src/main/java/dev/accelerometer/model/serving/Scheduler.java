package dev.accelerometer.model.serving;

/**
 * The iteration-level scheduler of one replica, as vLLM (V1), SGLang and TensorRT-LLM configure it: at most
 * {@code maxSequences} sequences in a batch (vLLM max_num_seqs, TensorRT-LLM max_batch_size), at most
 * {@code maxBatchedTokens} tokens per iteration (max_num_batched_tokens / max_num_tokens: decodes first, then prompt
 * chunks — chunked prefill — in the tokens left), a paged KV cache of {@code kvCapacityTokens} tokens in blocks of
 * {@code blockTokens}, in a runtime whose iterations reach {@code kernelShare} of the kernels' modelled speed and whose
 * front end (HTTP or gRPC, tokenization, hand-off to the engine) takes {@code admissionDelaySeconds} before the scheduler
 * sees a request ({@link ServingRuntime}).
 * When a decoding sequence needs a block and none is free, the most recently admitted sequence is preempted and
 * recomputed later (vLLM's default preemption).
 */
public record Scheduler(int maxSequences, int maxBatchedTokens, long kvCapacityTokens, int blockTokens, double kernelShare,
        double admissionDelaySeconds) {
    /** vLLM's and TensorRT-LLM's paged-KV block size (vLLM block_size default 16). */
    public static final int DEFAULT_BLOCK_TOKENS = 16;

    public Scheduler {
        if (maxSequences < 1 || maxBatchedTokens < 1 || kvCapacityTokens < 1 || blockTokens < 1 || !(kernelShare > 0) || !(admissionDelaySeconds >= 0)) {
            throw new IllegalArgumentException("scheduler limits must be positive");
        }
    }

    /** A scheduler that sees each request the moment it arrives. */
    public Scheduler(int maxSequences, int maxBatchedTokens, long kvCapacityTokens, int blockTokens, double kernelShare) {
        this(maxSequences, maxBatchedTokens, kvCapacityTokens, blockTokens, kernelShare, 0);
    }
}
