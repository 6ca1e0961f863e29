-- The llm-foundry calibration runs ran the Triton FlashAttention port, not FlashAttention-2 (issue 15). Its benchmark script
-- (scripts/train/benchmarking/submit_benchmarks.py @ b2a43a1, read 2026-12-01: "parser.add_argument('--attn_impl', type=str,
-- default='triton')"; sweep.sh never overrides it) produced train-17, train-18 and fp8-23 ... fp8-28 (catalog V53 holds the
-- rest of its tables). With that kernel at its own ceiling (model AttentionKernels: 0.3981 on Ampere from the FlashAttention-2
-- paper's A100 figure, ledger attn-65, krn-01, krn-02; 0.4899 on Hopper from attn-26), the training-step efficiencies of V7
-- re-derive (dev.accelerometer.costing TrainingStepEfficiencyTest) as:
-- * the cross-GPU value (attn-01, FlashAttention-2, and train-18, Triton): 0.8304 -> 0.8564;
-- * Hopper (train-17, fp8-23, fp8-25, fp8-27 with Triton; fp8-17, torchtitan, FlashAttention-2): 0.5991 -> 0.5942.
update calibration set training_step_efficiency = 0.8564,
    training_step_source = 'ledger attn-01 (GPT3-2.7B, FlashAttention-2, 225 TFLOP/s per A100) and train-18 (MPT-7B, llm-foundry with its Triton '
        || 'FlashAttention port, 4,641 tokens/s per A100): geometric mean of measured / model at efficiency 1, exact parameter counts, attention '
        || 'with its exponentials (V7, V11); applied to every GPU architecture without runs of its own (held out: bert-13, bert-14, attn-02, '
        || 'the llm-foundry tables fdy-*)'
    where training_step_efficiency = 0.8304 and architecture not like 'TPU%';
update calibration set training_step_efficiency = 0.5942,
    training_step_source = 'ledger train-17 (MPT-7B, 10,643 tokens/s per H100), fp8-23 (MPT-3B 8k, 16,578), fp8-25 (MPT-3B 32k, 5,873), fp8-27 '
        || '(MPT-1B, 52,275): llm-foundry with its Triton FlashAttention port, and fp8-17 (Llama 3.1 8B, torchtitan, FlashAttention-2, 6,150): '
        || 'bf16, FSDP over 8 H100; geometric mean of measured / model at efficiency 1 (held out: their fp8 rows fp8-18, fp8-24, fp8-26, '
        || 'fp8-28, and the llm-foundry tables fdy-*)'
    where architecture = 'Hopper';
