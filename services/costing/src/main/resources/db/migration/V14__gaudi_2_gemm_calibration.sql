-- Gaudi 2 gets its own calibration row (it took the cross-architecture default: GEMMs at 0.9130 of peak, priced as a GPU's
-- threadblock waves over its 24 TPC vector cores). Kernel measurements of catalog ledger V69, read 2026-12-02; the derivation is
-- re-run by the model test GemmTest:
-- * GEMM: NAVER-INTEL-Co-Lab/gaudi-perf matmul/README.md, bf16 torch.matmul under HPU graphs on one Gaudi 2, Intel Gaudi
--   software 1.17 — 395.4 TFLOP/s at 16384x1280x8192 (gdi-55), 425.2 at 16384x7168x8192 (gdi-57), 408.2 at 4096^3 (gdi-59) and
--   379.8 at 16384^3 (gdi-61), each divided by the model at ceiling 1 (Gaudi's matrix engines priced without GPU tiling,
--   Gemm.estimate): 0.9153, 0.9843, 0.9449, 0.8792, geometric mean 0.9301. Held out: gdi-56, -58, -60, -62 (bf16 at other
--   shapes) and gdi-63 … -65 (fp8).
-- * Fused attention, bandwidth fraction, kernel latency and training-step efficiency: no Gaudi measurement of any of them; the
--   default row's values, said so in their sources (answers on Gaudi 2 quote the band of its own validated cases).
insert into calibration (architecture, gemm_ceiling, gemm_source, fused_attention_ceiling, fused_attention_source, bandwidth_fraction,
                         bandwidth_source, kernel_latency_seconds, latency_source, training_step_efficiency, training_step_source, calibrated)
select 'Gaudi 2', 0.9301,
       'ledger gdi-55, gdi-57, gdi-59, gdi-61 (bf16 torch.matmul on one Gaudi 2, Intel Gaudi software 1.17: 395.4 TFLOP/s at 16384x1280x8192, '
           || '425.2 at 16384x7168x8192, 408.2 at 4096^3, 379.8 at 16384^3; NAVER-INTEL-Co-Lab/gaudi-perf): geometric mean of measured / the '
           || 'model at ceiling 1 (0.9153, 0.9843, 0.9449, 0.8792); held out: gdi-56, -58, -60, -62 (bf16), gdi-63 … -65 (fp8)',
       fused_attention_ceiling,
       'no Gaudi measurement: ' || fused_attention_source,
       bandwidth_fraction, 'no Gaudi measurement: ' || bandwidth_source,
       kernel_latency_seconds, 'no Gaudi measurement: ' || latency_source,
       training_step_efficiency,
       'no Gaudi training run used: cross-GPU value: ' || training_step_source,
       true
from calibration where architecture = 'default';
