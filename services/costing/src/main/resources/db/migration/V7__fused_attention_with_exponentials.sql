-- Fused attention re-calibrated (issue 15) and training-step efficiency per GPU generation where its own runs exist
-- (the TPU rows of V6 are re-derived in V8).
-- A fused kernel's time is now its forward matmuls at a share of the tensor peak, its backward matmuls at 0.7101 of that
-- share (the forward/backward pairs measured at one shape), plus one exponential per visible score (and one more where
-- the backward recomputes the scores) on the special-function units, 16 per SM per clock (NVIDIA CUDA C++ Programming
-- Guide, "Throughput of Native Arithmetic Instructions", compute capabilities 5.0-9.0) — what makes FlashAttention-3
-- reach 496 TFLOP/s at head dimension 64 and 756 at 256 on the same H100 (ledger attn-32, attn-37). Ceilings are
-- re-derived through the model (dev.accelerometer.model.kernel.AttentionKernelsTest) as the ceiling at which the model
-- reproduces each benchmark (bisection; geometric mean over several):
-- * Ampere (FlashAttention-2): ledger attn-05, A100 forward+backward, head dim 128, 8 x 2k tokens, 196 TFLOP/s: 0.8930.
-- * Hopper (FlashAttention-3): ledger attn-24 (forward, head dim 128, 16k, 648), attn-37 (256, 756), attn-32 (64, 8k, 496),
--   the FlashAttention-3 paper's H100 SXM5 figure: 0.9357 (was 0.7478 from the 740 TFLOP/s peak alone, which overrated
--   head dimensions below 256 by 14-49 %).
-- * CDNA 3 and the default: the mean of the two, 0.9144.
-- Named kernels (FlashAttention-2 on Hopper 0.4719 and on Blackwell 0.1527, cuDNN on Hopper 0.8340) are constants of the
-- model library (AttentionKernels), derived the same way.
-- Training-step efficiency (dev.accelerometer.costing TrainingStepEfficiencyTest): the cross-GPU value from the A100 runs
-- attn-01 and train-18 (method of V4) becomes 0.8304 with the new attention; Hopper gets its own from its bf16 runs —
-- train-17 (MPT-7B, llm-foundry), fp8-17 (Llama 3.1 8B, torchao/torchtitan), fp8-23, fp8-25, fp8-27 (MPT-3B at 8k and
-- 32k, MPT-1B, llm-foundry), all FSDP on 8 H100 with FlashAttention-2: 0.5991 (end-to-end H100 steps spend far more
-- outside their kernels than A100 steps; their fp8 rows are held out) — and CDNA 3 from fp8-19 (Llama 3.1 8B on 8
-- MI300X, torchtitan on ROCm 6.4): 0.3753 (one run; fp8-20 held out).
update calibration set fused_attention_ceiling = 0.8930,
    fused_attention_source = 'ledger attn-05: FlashAttention-2 fwd+bwd 196 TFLOP/s on A100, head dim 128, 8 x 2k tokens (Dao 2023, Fig. 4), '
        || 'the ceiling at which the model reproduces it (matmuls, the backward at 0.7101 of the forward rate, and the exponentials)'
    where architecture = 'Ampere';
update calibration set fused_attention_ceiling = 0.9357,
    fused_attention_source = 'ledger attn-24, attn-37, attn-32: FlashAttention-3 forward on H100 SXM5 at head dim 128/256/64 (Shah et al. 2024, '
        || 'Fig. 4), geometric mean of the ceilings at which the model reproduces them (matmuls plus exponentials); assumes FA3-class kernels on Hopper '
        || '— name flash-attention-2 (0.4719) or cudnn (0.8340) for others'
    where architecture = 'Hopper';
update calibration set fused_attention_ceiling = 0.9144,
    fused_attention_source = 'default: mean of the Ampere (0.8930) and Hopper (0.9357) fused-attention ceilings (no measurement for this architecture)'
    where architecture in ('CDNA 3', 'default');
-- The TPU rows (V6) keep their own efficiencies; V8 re-derives them with the attention of this migration.
update calibration set training_step_efficiency = 0.8304,
    training_step_source = 'ledger attn-01 (GPT3-2.7B, FlashAttention-2, 225 TFLOP/s per A100) and train-18 (MPT-7B, llm-foundry, 4,641 tokens/s '
        || 'per A100): geometric mean of measured / model at efficiency 1, exact parameter counts, attention with its exponentials (V7); '
        || 'applied to every GPU architecture without runs of its own (held out: bert-13, bert-14, attn-02)'
    where architecture not like 'TPU%';
update calibration set training_step_efficiency = 0.5991,
    training_step_source = 'ledger train-17 (MPT-7B, 10,643 tokens/s per H100), fp8-17 (Llama 3.1 8B, 6,150), fp8-23 (MPT-3B 8k, 16,578), fp8-25 '
        || '(MPT-3B 32k, 5,873), fp8-27 (MPT-1B, 52,275): bf16, FSDP over 8 H100, FlashAttention-2; geometric mean of measured / model at '
        || 'efficiency 1 (held out: their fp8 rows fp8-18, fp8-24, fp8-26, fp8-28)'
    where architecture = 'Hopper';
update calibration set training_step_efficiency = 0.3753,
    training_step_source = 'ledger fp8-19 (Llama 3.1 8B bf16, torchtitan FSDP on 8 MI300X, ROCm 6.4, 5,376.5 tokens/s per GPU): measured / model '
        || 'at efficiency 1; one run (held out: fp8-20, the same in fp8)'
    where architecture = 'CDNA 3';
