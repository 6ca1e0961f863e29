-- The TPU rows of V6 re-derived (costing test TpuCalibrationTest, the same runs and method) now that V7 times fused
-- attention with its exponentials and re-derives the default fused-attention ceiling the TPU rows take (no TPU attention
-- measurement is in the ledger): 0.9144. The generations whose runs use fused (splash) attention move: v6e 0.6040
-- (tpu-09 Llama 3.1 70B 0.5679, tpu-10 8B 0.5553, tpu-11 GPT-3 175B 0.6987), TPU7x 0.5888 (tpu-12); v4 0.8552, v5e 0.9613
-- and v5p 0.8300 are unchanged to four places; v2 and v3 take the new geometric mean of the five, 0.7533.
update calibration set fused_attention_ceiling = (select fused_attention_ceiling from calibration where architecture = 'default'),
    fused_attention_source = 'default: no TPU attention measurement in the ledger (mean of the Ampere and Hopper fused-attention ceilings, V7)'
    where architecture like 'TPU%';
update calibration set training_step_efficiency = 0.6040,
    training_step_source = 'ledger tpu-09 (Llama 3.1 70B, 50.33 % MFU), tpu-10 (8B, 45.46 %), tpu-11 (GPT-3 175B, 384.9 TFLOP/s per chip), '
        || 'MaxText on 256 chips: geometric mean of measured / model at efficiency 1 (attention with its exponentials, V7)'
    where architecture = 'TPU v6e';
update calibration set training_step_efficiency = 0.5888,
    training_step_source = 'ledger tpu-12 (Llama 3.1 70B on 64 TPU7x chips, 1,207 TFLOP/s per chip): measured / model at efficiency 1 '
        || '(attention with its exponentials, V7)'
    where architecture = 'TPU v7';
update calibration set training_step_efficiency = 0.7533,
    training_step_source = 'no published run of this generation with its shape: geometric mean of the TPU generations that have them '
        || '(v4 0.8552, v5e 0.9613, v5p 0.8300, v6e 0.6040, TPU7x 0.5888); held out: ' || case architecture when 'TPU v2' then 'bert-01, tpu-23'
        else 'tpu-18' end
    where architecture in ('TPU v2', 'TPU v3');
