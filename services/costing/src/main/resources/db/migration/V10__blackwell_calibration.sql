-- Blackwell gets its own calibration row (it took the cross-architecture default: GEMMs at 0.9130 and fused attention at
-- 0.9144 of peak, which put NVIDIA's own dense Llama recipes on B200 and GB200 up to 47 % too fast). Kernel measurements
-- of catalog ledger V31, read 2026-11-30; derivations re-run by the model tests GemmTest and AttentionKernelsTest:
-- * GEMM: stas00/ml-engineering's maximum-achievable-matmul table, B200 bf16 1,745 TFLOP/s at 1792x16128x3072 (bwk-01)
--   and GB200 bf16 1,822 at 4096x9728x2048 (bwk-03), each divided by the model at ceiling 1 with the GPUs' SM counts (V31):
--   0.8603 and 0.8524, geometric mean 0.8563. Held out: their fp8 rows, ThunderKittens' and tilus' B200 GEMMs.
-- * Fused attention (cuDNN, what Transformer Engine runs on Blackwell): NVIDIA cudnn-frontend's benchmark CSVs, causal,
--   head dim 128, 8k tokens, bf16 — B200 forward 1,384 and backward 995 TFLOP/s (bwk-12, bwk-13), GB200 forward 1,574 and
--   backward 1,332 (bwk-17, bwk-19): the ceilings at which the model reproduces them (its backward at 0.7101 of the
--   forward rate; Blackwell's exponentials inside the ceiling, see AttentionKernels.exponentialsPerSecond), geometric mean
--   0.6535. Held out: B200 at 32k (bwk-15), GB200 non-causal (bwk-18).
-- * Bandwidth fraction and kernel latency: the same assumptions as every GPU row (no Blackwell measurement of either).
-- * Training-step efficiency: the cross-GPU value (V7) — no published Blackwell run outside NVIDIA's Megatron-Core recipes,
--   whose efficiency is the framework's (TrainingFramework.MEGATRON_CORE).
insert into calibration (architecture, gemm_ceiling, gemm_source, fused_attention_ceiling, fused_attention_source, bandwidth_fraction,
                         bandwidth_source, kernel_latency_seconds, latency_source, training_step_efficiency, training_step_source, calibrated)
select 'Blackwell', 0.8563,
       'ledger bwk-01 (B200 bf16 1,745 TFLOP/s at 1792x16128x3072) and bwk-03 (GB200 bf16 1,822 at 4096x9728x2048), stas00/ml-engineering '
           || 'MAMF table @744d01e: geometric mean of measured / the model at ceiling 1 (0.8603, 0.8524); held out: bwk-02, bwk-04 (fp8), '
           || 'bwk-10, bwk-11',
       0.6535,
       'ledger bwk-12, bwk-13 (cuDNN 9.13 on B200: forward 1,384, backward 995 TFLOP/s) and bwk-17, bwk-19 (cuDNN 9.22 on GB200: 1,574, 1,332), '
           || 'causal, head dim 128, 8k tokens, bf16 (NVIDIA cudnn-frontend benchmark CSVs): geometric mean of the ceilings that reproduce '
           || 'them, exponentials included (Blackwell kernels overlap and emulate them); held out: bwk-15 (32k), bwk-18 (non-causal)',
       0.90, 'DOMAIN.md section 1: streaming kernels reach 85-93 % of datasheet bandwidth (midpoint); no Blackwell measurement',
       4e-6, 'assumption: CUDA kernel launch and pipeline fill, "a few microseconds" (DOMAIN.md section 1)',
       training_step_efficiency,
       'cross-GPU value: ' || training_step_source,
       true
from calibration where architecture = 'default';
