-- TPU generations get their own constants (issue 14), derived from published TPU runs (catalog ledger, migration V13 of
-- the catalog: MaxText README tables, Cloud TPU recipe logs, a Cloud TPU matmul microbenchmark), never from A100 runs.
-- Re-derived by the costing test TpuCalibrationTest through the model (dev.accelerometer.costing.service.TpuRuns):
-- * GEMM ceiling 0.9857: ledger tpu-25, an 8192³ bf16 matmul on one TPU v6e at 827.47 TFLOP/s (device time), divided by
--   the systolic model at ceiling 1 (which already charges array fill and drain). Held out: tpu-27 (TPU v2, scaling book).
-- * Training-step efficiency per generation: the geometric mean, over the generation's calibration runs, of the measured
--   MFU (or TFLOP/s) divided by the model's with an efficiency of 1 (each chip's FSDP share of the batch, the update
--   sharded, full rematerialisation where the run used it, the publication's own FLOP count), capped at 1:
--   v4 0.8552 (tpu-01 MaxText 22B 0.8849, tpu-02 52B 0.8265), v5e 0.9613 (tpu-03 16B), v5p 0.8300 (tpu-05 32B 0.7759,
--   tpu-06 128B 0.7714, tpu-07 1T 0.9552), v6e 0.6038 (tpu-09 Llama 3.1 70B 0.5695, tpu-10 8B 0.5531, tpu-11 GPT-3 175B
--   0.6987), TPU7x 0.5906 (tpu-12 Llama 3.1 70B). Generations without a published run (v2, v3) take the geometric mean of
--   these five, 0.7537, and are marked uncalibrated. Held out: tpu-08 (v5p Llama 2 70B), tpu-03/32b (v5e 32B), tpu-18
--   (v3 MLPerf BERT), tpu-19 (v4 MLPerf BERT), bert-01 and tpu-23 (the BERT paper on TPU v2).
-- * No TPU attention or streaming measurement is in the ledger: the fused-attention ceiling, bandwidth fraction and
--   kernel latency are the cross-architecture defaults (what the efficiency absorbs on the 256-wide-MXU generations,
--   v6e and TPU7x, includes long-context attention the default ceiling may overrate).
insert into calibration (architecture, gemm_ceiling, gemm_source, fused_attention_ceiling, fused_attention_source, bandwidth_fraction,
                         bandwidth_source, kernel_latency_seconds, latency_source, training_step_efficiency, training_step_source, calibrated)
select g.architecture, 0.9857,
       'ledger tpu-25: 8192x8192x8192 bf16 matmul on TPU v6e, 827.47 TFLOP/s device time (Cloud TPU recipes microbenchmark), divided by '
           || 'the systolic-array model at ceiling 1; held out: tpu-27 (TPU v2)',
       0.6880, 'default: no TPU attention measurement in the ledger (mean of the Ampere and Hopper fused-attention ceilings)',
       0.90, 'DOMAIN.md section 1: streaming kernels reach 85-93 % of datasheet bandwidth (midpoint); no TPU measurement',
       4e-6, 'assumption carried from GPUs: a few microseconds per fused kernel (no TPU measurement)',
       g.efficiency, g.source, g.calibrated
from (values
    ('TPU v2', 0.7537, 'no published TPU v2 run: geometric mean of the TPU generations that have them (v4 0.8552, v5e 0.9613, v5p 0.8300, '
        || 'v6e 0.6038, TPU7x 0.5906); held out: bert-01, tpu-23', false),
    ('TPU v3', 0.7537, 'no published TPU v3 end-to-end run with its shape: geometric mean of the TPU generations that have them (v4 0.8552, '
        || 'v5e 0.9613, v5p 0.8300, v6e 0.6038, TPU7x 0.5906); held out: tpu-18', false),
    ('TPU v4', 0.8552, 'ledger tpu-01 (MaxText 22B, 56.7 % MFU on 64 chips) and tpu-02 (52B, 56.0 % on 192): geometric mean of measured / '
        || 'model at efficiency 1; held out: tpu-19', true),
    ('TPU v5e', 0.9613, 'ledger tpu-03 (MaxText 16B, 61.1 % MFU on 256 chips): measured / model at efficiency 1; held out: tpu-03/32b', true),
    ('TPU v5p', 0.8300, 'ledger tpu-05 (MaxText 32B, 71.47 %), tpu-06 (128B, 68.68 %), tpu-07 (1T, 64.8 %): geometric mean of measured / model '
        || 'at efficiency 1; held out: tpu-08', true),
    ('TPU v6e', 0.6038, 'ledger tpu-09 (Llama 3.1 70B, 50.33 % MFU), tpu-10 (8B, 45.46 %), tpu-11 (GPT-3 175B, 384.9 TFLOP/s per chip), '
        || 'MaxText on 256 chips: geometric mean of measured / model at efficiency 1', true),
    ('TPU v7', 0.5906, 'ledger tpu-12 (Llama 3.1 70B on 64 TPU7x chips, 1,207 TFLOP/s per chip): measured / model at efficiency 1', true)
) as g(architecture, efficiency, source, calibrated);
