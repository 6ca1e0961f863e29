package dev.accelerometer.common.api;

/** The request vocabulary the services share: ids, number formats and optimizers, each the same pattern everywhere. */
public final class Vocabulary {
    /** A catalog slug id. */
    public static final String ID = "^[a-z0-9]+([-.][a-z0-9]+)*$";
    public static final String FORMATS = "fp64|fp32|tf32|fp16|bf16|fp8|fp4|int8|int4";
    public static final String FORMAT_MESSAGE = "must be one of fp64, fp32, tf32, fp16, bf16, fp8, fp4, int8, int4";
    /** Every training framework the model library knows (dev.accelerometer.model.parallel.TrainingFramework). */
    public static final String TRAINING_FRAMEWORKS = "megatron-core|pytorch";
    public static final String TRAINING_FRAMEWORK_MESSAGE = "must be megatron-core or pytorch";
    /** How a mixture of experts' tokens reach their experts (training's and serving's expertDispatcher). */
    public static final String EXPERT_DISPATCHERS = "all-to-all|deepep";
    public static final String EXPERT_DISPATCHER_MESSAGE = "must be all-to-all or deepep";
    /** Every optimizer the model library knows (dev.accelerometer.model.memory.Optimizer), aliases included. */
    public static final String OPTIMIZERS = "adam|adamw|lamb|sgd|sgd-momentum|adam-8bit|adamw-8bit|paged-adamw|paged-adamw-8bit";
    public static final String OPTIMIZER_MESSAGE = "must be one of adam, adamw, lamb, sgd (sgd-momentum), adamw-8bit (adam-8bit), paged-adamw, "
            + "paged-adamw-8bit";
    public static final String OPTIMIZER_DESCRIPTION = "Optimizer: adam, adamw or lamb (fp32 master weights, momentum and variance: 12 bytes "
            + "per parameter), sgd with momentum (8), adamw-8bit (6), or the paged variants (QLoRA) whose states page to the CPU.";

    /** Every attention kernel the model library knows (dev.accelerometer.model.kernel.Attention.Kernel). */
    public static final String ATTENTION_KERNELS = "flash|standard|eager|flash-attention-1|flash-attention-2|flash-attention-3|cudnn|xformers|triton";
    public static final String ATTENTION_KERNEL_MESSAGE = "must be one of flash, standard, eager, flash-attention-1, flash-attention-2, flash-attention-3, cudnn, xformers, triton";
    public static final String ATTENTION_KERNEL_DESCRIPTION = "Attention kernel: flash (the fused kernel the device runs best: FlashAttention-2 "
            + "on Ampere/Ada, FlashAttention-3 on Hopper, XLA's fused attention on a TPU), standard (fused softmax, materialised scores), eager "
            + "(framework ops; also PyTorch SDPA's math backend), or a named fused kernel where it exists: flash-attention-1 (Turing to "
            + "Hopper), flash-attention-2 (also PyTorch SDPA's flash backend), flash-attention-3 (Hopper), cudnn (Ampere and newer), "
            + "xformers (xFormers' memory-efficient CUTLASS kernel, also PyTorch SDPA's memory-efficient backend; Volta to Hopper), "
            + "triton (the Triton port of FlashAttention, e.g. MosaicML's attn_impl: triton; Ampere to Hopper).";

    /** Every inference runtime the model library knows (dev.accelerometer.model.workload.Runtime). */
    public static final String RUNTIMES = "kernels|hf-transformers|gpt-fast|llama-cpp|llama-cpp-2024|llama-cpp-no-cuda-graphs|llama-cpp-metal|exllamav2|mlc-llm";
    public static final String RUNTIME_MESSAGE = "must be one of kernels, hf-transformers, gpt-fast, llama-cpp, llama-cpp-2024, "
            + "llama-cpp-no-cuda-graphs, llama-cpp-metal, exllamav2, mlc-llm";
    public static final String RUNTIME_DESCRIPTION = "The inference runtime around the decode kernels — kernels (default: the kernels alone), "
            + "hf-transformers (eager PyTorch, host-bound), gpt-fast (torch.compile with CUDA graphs), llama-cpp (2025 builds, CUDA graphs), "
            + "llama-cpp-2024 (April 2024 builds with CUDA graphs), llama-cpp-no-cuda-graphs (builds before May 2024, or where llama.cpp "
            + "turns graphs off: a launch time per layer per token), llama-cpp-metal (Apple silicon), "
            + "exllamav2, mlc-llm — each at its speed derived from published batch-1 decode measurements.";

    private Vocabulary() {
    }
}
