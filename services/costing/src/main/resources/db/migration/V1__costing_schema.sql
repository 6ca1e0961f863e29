-- Achievable-efficiency constants per architecture, each with the measurement it was derived from.
-- Ceilings are derived through the model (dev.accelerometer.costing.model.Calibrator): measured throughput divided by
-- the model's prediction for the same shape at ceiling 1, so tile, wave and epilogue losses are not counted twice.
create table calibration (
    architecture             text primary key,
    gemm_ceiling             double precision not null check (gemm_ceiling > 0 and gemm_ceiling <= 1),
    gemm_source              text not null,
    fused_attention_ceiling  double precision not null check (fused_attention_ceiling > 0 and fused_attention_ceiling <= 1),
    fused_attention_source   text not null,
    bandwidth_fraction       double precision not null check (bandwidth_fraction > 0 and bandwidth_fraction <= 1),
    bandwidth_source         text not null,
    kernel_latency_seconds   double precision not null check (kernel_latency_seconds >= 0),
    latency_source           text not null,
    calibrated               boolean not null
);

insert into calibration values
('Ampere', 0.9299,
 'ledger gemm-01: A100 SXM bf16 max-achievable matmul 267.9 TFLOP/s at 6912x16384x2048 (stas00/ml-engineering MAMF table), divided by the model at ceiling 1',
 0.6282, 'ledger attn-05: FlashAttention-2 fwd+bwd 196 TFLOP/s on A100, head dim 128, seq 2k (Dao 2023, Fig. 4) / 312 TFLOP/s peak',
 0.90, 'DOMAIN.md section 1: streaming kernels reach 85-93 % of datasheet bandwidth (midpoint)',
 4e-6, 'assumption: CUDA kernel launch and pipeline fill, "a few microseconds" (DOMAIN.md section 1)', true),
('Hopper', 0.9130,
 'ledger gemm-03: H100 SXM bf16 max-achievable matmul 792.1 TFLOP/s at 6144x17920x2816 (MAMF table), divided by the model at ceiling 1',
 0.7478, 'ledger attn-08: FlashAttention-3 740 TFLOP/s fp16 on H100 SXM (Shah et al. 2024) / 989.5 TFLOP/s peak; assumes FA3-class kernels on Hopper (FA2 reaches only 35 %)',
 0.90, 'DOMAIN.md section 1: streaming kernels reach 85-93 % of datasheet bandwidth (midpoint)',
 4e-6, 'assumption: CUDA kernel launch and pipeline fill, "a few microseconds" (DOMAIN.md section 1)', true),
('CDNA 3', 0.6377,
 'ledger gemm-05: MI300X bf16 max-achievable matmul 781.9 TFLOP/s at 4096x10240x4864 with ROCm 6.2 (MAMF table), divided by the model at ceiling 1',
 0.6880, 'default: mean of the Ampere and Hopper fused-attention ceilings (no MI300X attention measurement in the ledger)',
 0.90, 'DOMAIN.md section 1: streaming kernels reach 85-93 % of datasheet bandwidth (midpoint)',
 4e-6, 'assumption: kernel launch and pipeline fill, "a few microseconds" (DOMAIN.md section 1)', true),
('default', 0.9130,
 'default for architectures without a measurement: median of the calibrated GEMM ceilings (Ampere 0.9299, Hopper 0.9130, CDNA 3 0.6377)',
 0.6880, 'default: mean of the Ampere and Hopper fused-attention ceilings',
 0.90, 'DOMAIN.md section 1: streaming kernels reach 85-93 % of datasheet bandwidth (midpoint)',
 4e-6, 'assumption: kernel launch and pipeline fill, "a few microseconds" (DOMAIN.md section 1)', false);

-- Saved comparisons: the request and the ranked result, read back by id.
create table comparison (
    id          uuid primary key,
    created_at  timestamptz not null default now(),
    request     jsonb not null,
    result      jsonb not null
);
