-- Gaudi 2's training-step efficiency from Intel's own run (it took the cross-GPU 0.8692, which put Intel's published Gaudi 2 Llama
-- training 25-61 % above its measured throughput). Catalog ledger V69, read 2026-12-02; re-derived by costing's
-- GaudiTrainingEfficiencyTest through the case the validation report runs:
-- * gdi-35: Llama 2 7B fp8 on one HLS-Gaudi2, data parallel over 8, global batch 1,024 x 4,096 tokens, HabanaAI's Megatron-DeepSpeed
--   (Intel Gaudi software 1.17), 70,688 tokens/s: measured / the model at efficiency 1 (fused attention, ZeRO-1, the tensor-parallel
--   collectives after the GEMMs as a framework without constants of its own runs them). One run, as CDNA 3's (fp8-19); held out:
--   gdi-36 … -40 (13B on 16 cards t2 p2, 70B on 64 cards t8 p2, and the 1.16 snapshot of all three).
update calibration set training_step_efficiency = 0.6953,
    training_step_source = 'ledger gdi-35 (Llama 2 7B fp8, HabanaAI Megatron-DeepSpeed on 8 Gaudi 2, data parallel, Intel Gaudi software 1.17, '
        || '70,688 tokens/s): measured / model at efficiency 1 (V16); one run (held out: gdi-36 … -40)'
    where architecture = 'Gaudi 2';
