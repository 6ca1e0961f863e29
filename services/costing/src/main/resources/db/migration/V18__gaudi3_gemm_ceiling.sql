-- Gaudi 3 gets its own calibration row (it took the cross-architecture default: GEMMs at 0.9130 of peak, which put Intel's published
-- Gaudi 3 serving throughput 2-46 % above what it measured, median 16 %). Kernel measurements of catalog ledger V71, read 2026-12-02;
-- the derivation is re-run by the model test GemmTest (gaudi3CeilingComesFromItsMaximumAchievableMatmuls):
-- * GEMM: stas00/ml-engineering's maximum-achievable-matmul table (torch 2.6.0, Intel Gaudi software 1.21.4, PT_HPU_LAZY_MODE=1), the
--   best shape of a brute-force search on one Gaudi 3: bf16 1,243.0 TFLOP/s at 16384x4096x768 (gdi-90) and fp8 1,289.5 at
--   16640x1536x3072 (gdi-91), each divided by the model at ceiling 1 (Gaudi's matrix engines priced without GPU tiling): 0.6774 and
--   0.7027 of Intel's 1,835 TFLOP/s (the same for both formats), geometric mean 0.6899. The table's author attributes the gap to the
--   matrix engines' clock dropping under load.
-- * Fused attention, bandwidth fraction and kernel latency: no Gaudi 3 measurement; Gaudi 2's row (itself the default's), said so.
-- * Training-step efficiency: no Gaudi 3 training run in the ledger; Gaudi 2's (gdi-35, the same Intel Gaudi software stack), said so.
-- Held out: every Gaudi 3 serving row (gdi-13 ... -28, gdi-82 ... -89).
insert into calibration (architecture, gemm_ceiling, gemm_source, fused_attention_ceiling, fused_attention_source, bandwidth_fraction,
                         bandwidth_source, kernel_latency_seconds, latency_source, training_step_efficiency, training_step_source, calibrated)
select 'Gaudi 3', 0.6899,
       'ledger gdi-90, gdi-91 (the best bf16 and fp8 shapes of a matmul search on one Gaudi 3, Intel Gaudi software 1.21.4: 1,243.0 '
           || 'TFLOP/s at 16384x4096x768, 1,289.5 at 16640x1536x3072; stas00/ml-engineering MAMF table): geometric mean of measured / the '
           || 'model at ceiling 1 (0.6774, 0.7027); held out: the Gaudi 3 serving rows',
       fused_attention_ceiling, 'no Gaudi 3 measurement: Gaudi 2''s row: ' || fused_attention_source,
       bandwidth_fraction, 'no Gaudi 3 measurement: Gaudi 2''s row: ' || bandwidth_source,
       kernel_latency_seconds, 'no Gaudi 3 measurement: Gaudi 2''s row: ' || latency_source,
       training_step_efficiency, 'no Gaudi 3 training run: Gaudi 2''s (same Intel Gaudi software stack): ' || training_step_source,
       true
from calibration where architecture = 'Gaudi 2';
