-- CDNA 4 (MI355X) and CDNA 2 (MI250X) get their own calibration rows (they took the cross-architecture default: GEMMs at 0.9130
-- of peak, which put stas00's maximum-achievable matmuls 40 % and 18 % above what they measured). Catalog ledger V70, read
-- 2026-12-02; the derivations are re-run by the model test GemmTest:
-- * GEMM: stas00/ml-engineering's MAMF table, bf16 torch.matmul at the best shape of a search — MI355X 1,565 TFLOP/s at
--   12288x8192x8192 (amd-46), one MI250X GCD 147.0 at 1024x14080x19968 (amd-48) — each divided by the model at ceiling 1: 0.6525 and
--   0.7727. One row each, as CDNA 3's gemm-05 (whose transfer the MI325X's own MAMF row, amd-47, confirms within 2 %).
-- * Fused attention and training-step efficiency: no measurement on either generation; CDNA 3's (ROCm's FlashAttention-2 on an
--   MI300X, V15; torchtitan on 8 MI300X), the same ROCm kernels and frameworks, said so in their sources.
insert into calibration (architecture, gemm_ceiling, gemm_source, fused_attention_ceiling, fused_attention_source, bandwidth_fraction,
                         bandwidth_source, kernel_latency_seconds, latency_source, training_step_efficiency, training_step_source, calibrated)
select v.architecture, v.gemm_ceiling, v.gemm_source,
       c.fused_attention_ceiling, 'no ' || v.architecture || ' measurement: CDNA 3''s, ' || c.fused_attention_source,
       c.bandwidth_fraction, c.bandwidth_source, c.kernel_latency_seconds, c.latency_source,
       c.training_step_efficiency, 'no ' || v.architecture || ' run: CDNA 3''s, ' || c.training_step_source,
       true
from calibration c,
     (values ('CDNA 4', 0.6525, 'ledger amd-46: MI355X bf16 maximum-achievable matmul 1,565 TFLOP/s at 12288x8192x8192 (stas00/ml-engineering '
                 || 'MAMF table), divided by the model at ceiling 1 (V17)'),
             ('CDNA 2', 0.7727, 'ledger amd-48: one MI250X GCD, bf16 maximum-achievable matmul 147.0 TFLOP/s at 1024x14080x19968 '
                 || '(stas00/ml-engineering MAMF table), divided by the model at ceiling 1 (V17)')) v(architecture, gemm_ceiling, gemm_source)
where c.architecture = 'CDNA 3';
