-- End-to-end training efficiency: the share of a whole training step's time that its kernels account for. Costed
-- kernel by kernel, a step misses what runs between and around them (framework dispatch and synchronisation, the
-- allocator, loss scaling and gradient-norm passes, data loading, clocks under sustained power); the ledger's
-- end-to-end runs come out 15-30 % slower than the sum of their kernels, while the kernels alone (gemm-*, attn-05,
-- attn-08) match. Derived through the model (dev.accelerometer.costing.model.Calibrator.trainingStepEfficiency): the
-- geometric mean of measured / predicted-at-efficiency-1 over the ledger's end-to-end LLM training runs with fused
-- attention on the one architecture that has two of them (A100): attn-01 (FlashAttention-2 paper, GPT3-2.7B at 8k
-- context, 225 TFLOP/s per GPU; model 264.4) and train-18 (llm-foundry MPT-7B, 4,641 tokens/s per GPU; model 5,870.7):
-- sqrt(0.8511 x 0.7905) = 0.8203. Every other training case (BERT on A100/V100/TPU v2, MPT-7B on H100, standard
-- attention, the planner's Megatron and Korthikanti runs) is a hold-out for it.
alter table calibration
    add column training_step_efficiency double precision not null default 1
        check (training_step_efficiency > 0 and training_step_efficiency <= 1),
    add column training_step_source text not null default 'none: kernels only';

update calibration set
    training_step_efficiency = 0.8203,
    training_step_source = 'ledger attn-01 (GPT3-2.7B, FlashAttention-2, 225 TFLOP/s per A100; model 264.4) and train-18 '
        || '(MPT-7B, llm-foundry, 4,641 tokens/s per A100; model 5,870.7): geometric mean of measured / model at efficiency 1; '
        || 'not architecture-specific (applied to every architecture; held out: bert-13, bert-14, bert-01, train-17, attn-02)';
