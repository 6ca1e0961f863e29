-- The training-step efficiency re-derived (dev.accelerometer.model.calibration.Calibrator.trainingStepEfficiency, the
-- same two runs and method as V2) now that every service counts parameters exactly from the architecture
-- (dev.accelerometer.model.architecture.Transformer.parameters(); catalog migration V10): GPT3-2.7B has 2,651,553,280
-- parameters, not the rounded 2.7e9, which moves attn-01's FLOP count (6 · seqlen · params + 12 · layers · hidden · seqlen²)
-- and its optimizer and all-reduce traffic; MPT-7B has 6,649,552,896. Kernels-only predictions: attn-01 261.45 TFLOP/s
-- per A100 (measured 225: 0.8606), train-18 5,871.1 tokens/s (measured 4,641: 0.7905); sqrt(0.8606 × 0.7905) = 0.8248.
-- Re-derived by the costing test TrainingStepEfficiencyTest.
update calibration set
    training_step_efficiency = 0.8248,
    training_step_source = 'ledger attn-01 (GPT3-2.7B, FlashAttention-2, 225 TFLOP/s per A100; model 261.45) and train-18 '
        || '(MPT-7B, llm-foundry, 4,641 tokens/s per A100; model 5,871.1): geometric mean of measured / model at efficiency 1, '
        || 'exact parameter counts; not architecture-specific (applied to every architecture; held out: bert-13, bert-14, bert-01, '
        || 'train-17, attn-02)';
