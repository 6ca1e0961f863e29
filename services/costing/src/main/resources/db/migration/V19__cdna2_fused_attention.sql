-- CDNA 2 gets its own fused-attention ceiling (V17 gave it CDNA 3's 0.2406, which put ROCm's FlashAttention on an MI250 GCD 26-39 %
-- below what it measured once catalog V71 made those rows cases). Kernel measurements of catalog ledger V70/V71, read 2026-12-02;
-- the derivation is re-run by the model test AttentionKernelsTest, the same way as CDNA 3's (V15):
-- * Fused attention: ROCm/flash-attention's 2023 Composable Kernel port (PR #9's batched-API table) on one GCD of an MI250,
--   non-causal, head dim 128, 16 heads, 32 x 512 tokens, fp16 - forward 52.15 and backward 30.68 TFLOP/s (amd-67, amd-68): the
--   geometric mean of the ceilings that reproduce them (the backward at BACKWARD_MATMUL_SHARE of the forward's rate), 0.3563.
--   Held out: the causal forward of the same table (amd-69).
update calibration set fused_attention_ceiling = 0.3563,
    fused_attention_source = 'ledger amd-67, amd-68: ROCm FlashAttention (Composable Kernel port, 2023) on one MI250 GCD, forward 52.15 '
        || 'and backward 30.68 TFLOP/s, non-causal, head dim 128, 32 x 512 tokens, fp16 (ROCm/flash-attention PR #9): geometric mean of the '
        || 'ceilings that reproduce them (V19); held out: amd-69 (causal)'
    where architecture = 'CDNA 2';
