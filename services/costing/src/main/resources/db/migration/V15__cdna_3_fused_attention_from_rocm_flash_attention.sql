-- CDNA 3 gets its own fused-attention ceiling (it took the default, the mean of Ampere's and Hopper's 0.9683, which priced
-- FlashAttention on an MI300X at three to four times what ROCm's kernels reach). Kernel measurements of catalog ledger V70, read
-- 2026-12-02; the derivation is re-run by the model test AttentionKernelsTest:
-- * Fused attention: ROCm/flash-attention's benchmark table (its Composable Kernel backend of FlashAttention-2) on an MI300X,
--   non-causal, head dim 128, 16 heads, 16k tokens, fp16 — forward 353.22 and backward 194.43 TFLOP/s (amd-16, amd-17): the
--   geometric mean of the ceilings that reproduce them (the backward at BACKWARD_MATMUL_SHARE of the forward's rate; no exponential
--   term on CDNA 3), 0.2406. Held out: the same table at batch 4 and 8 (amd-18, -19, -20).
-- * Training-step efficiency: re-derived from its one run with the slower attention (TrainingStepEfficiencyTest: fp8-19, torchtitan
--   Llama 3.1 8B bf16 on 8 MI300X, 5,376.5 tokens/s per GPU): 0.3764 -> 0.5119. The torchtitan run's attention was priced at the
--   default ceiling, so its efficiency had absorbed the attention the model missed.
update calibration set fused_attention_ceiling = 0.2406,
    fused_attention_source = 'ledger amd-16, amd-17: ROCm FlashAttention-2 (Composable Kernel backend) on an MI300X, forward 353.22 and '
        || 'backward 194.43 TFLOP/s, non-causal, head dim 128, 16k tokens, fp16 (ROCm/flash-attention benchmark table): geometric mean of the '
        || 'ceilings that reproduce them (V15); held out: amd-18, -19, -20 (batch 4 and 8)',
    training_step_efficiency = 0.5119,
    training_step_source = 'ledger fp8-19 (Llama 3.1 8B bf16, torchtitan FSDP on 8 MI300X, ROCm 6.4, 5,376.5 tokens/s per GPU): measured / model '
        || 'at efficiency 1, with CDNA 3''s own fused-attention ceiling (V15); one run (held out: fp8-20, the same in fp8)'
    where architecture = 'CDNA 3';
