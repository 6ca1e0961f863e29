package dev.accelerometer.costing.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Attention and whole-model estimates against published measurements and the formulas they implement. */
class TransformerTest {
    /** BERT-large: 24 layers, hidden 1024, 16 heads, FFN 4096, vocab 30,522, 340M parameters (Devlin et al. 2019). */
    static final Transformer.Shape BERT_LARGE = new Transformer.Shape("bert-large", false, 24, 1024, 16, 16, 64, 4096, false, 30522, 340_000_000L);

    @Test
    void flashAttentionReproducesItsCalibrationPoint() {
        // attn-05: FlashAttention-2 forward+backward, A100, head dim 128, seq 2k: 196 TFLOP/s (3.5 × forward FLOPs counted).
        var shape = new Attention.Shape(8, 2048, 2048, 16, 16, 128, false);
        OpCost cost = Attention.estimate(Devices.A100_SXM_80GB, Devices.AMPERE, shape, Attention.Kernel.FLASH, Attention.Pass.FORWARD_BACKWARD, Format.BF16);
        assertEquals(196, shape.forwardFlops() * 3.5 / cost.timeSeconds() / 1e12, 196 * 0.05);
    }

    @Test
    void eagerAttentionMatchesThePyTorchBaselineWithin25Percent() {
        // attn-05 notes: standard PyTorch attention in the same benchmark reaches 63 TFLOP/s (hold-out for the eager kernel).
        var shape = new Attention.Shape(8, 2048, 2048, 16, 16, 128, false);
        OpCost cost = Attention.estimate(Devices.A100_SXM_80GB, Devices.AMPERE, shape, Attention.Kernel.EAGER, Attention.Pass.FORWARD_BACKWARD, Format.BF16);
        double tflops = shape.forwardFlops() * 3.5 / cost.timeSeconds() / 1e12;
        assertTrue(Math.abs(tflops - 63) < 0.25 * 63, "eager attention " + tflops + " TFLOP/s vs 63 published");
    }

    @Test
    void causalMaskHalvesTheScoreFlops() {
        var full = new Attention.Shape(1, 4096, 4096, 32, 32, 128, false);
        var causal = new Attention.Shape(1, 4096, 4096, 32, 32, 128, true);
        assertEquals(0.5, causal.forwardFlops() / full.forwardFlops(), 0.001);
        assertEquals(4.0 * 32 * 4096 * 4096 * 128, full.forwardFlops(), 1);
    }

    @Test
    void bertLargeTrainingIsWithinFifteenPercentOfPublished() {
        // bert-13: 580 sequences/s on one A100 80GB (NVIDIA DeepLearningExamples, seq 128, batch 256, mixed precision);
        // bert-14: 224 sequences/s on one V100 32GB. Both are hold-outs: no constant was derived from them (the training-step
        // efficiency comes from attn-01 and train-18, LLM runs on A100). Quality bar of issue 3: within 15 %.
        double a100 = 256 / Transformer.trainingStep(Devices.A100_SXM_80GB, Devices.AMPERE, BERT_LARGE, 256, 128, Format.FP16,
                Attention.Kernel.EAGER, "lamb").total().timeSeconds();
        double v100 = 64 / Transformer.trainingStep(Devices.V100_SXM2_32GB, Devices.DEFAULT, BERT_LARGE, 64, 128, Format.FP16,
                Attention.Kernel.EAGER, "lamb").total().timeSeconds();
        assertTrue(Math.abs(a100 - 580) < 0.15 * 580, "A100 " + a100);
        assertTrue(Math.abs(v100 - 224) < 0.15 * 224, "V100 " + v100);
    }

    @Test
    void breakdownAddsUpToTheTotal() {
        var step = Transformer.trainingStep(Devices.H100_SXM, Devices.HOPPER, BERT_LARGE, 64, 512, Format.BF16, Attention.Kernel.FLASH, "adamw");
        double sum = step.operations().stream().mapToDouble(OpCost::timeSeconds).sum();
        assertEquals(step.total().timeSeconds(), sum, 1e-12);
        double flops = step.operations().stream().mapToDouble(OpCost::flops).sum();
        assertEquals(step.total().flops(), flops, 1);
    }

    @Test
    void trainingFlopsFollowSixNPlusAttention() {
        // Dense GEMM FLOPs of a training step: 3 passes × 2 × (layer weights) × tokens, plus attention (Narayanan et al. 2021).
        var gpt = new Transformer.Shape("gpt", true, 24, 2048, 16, 16, 128, 8192, false, 50257, 1_300_000_000L);
        long tokens = 8L * 2048;
        var step = Transformer.trainingStep(Devices.A100_SXM_80GB, Devices.AMPERE, gpt, 8, 2048, Format.BF16, Attention.Kernel.FLASH, "adamw");
        double gemms = step.operations().stream().filter(op -> !op.name().equals("attention forward") && !op.name().equals("attention backward") && !op.name().startsWith("norms")
                && !op.name().startsWith("loss") && !op.name().startsWith("optimizer") && !op.name().startsWith("framework")).mapToDouble(OpCost::flops).sum();
        double layerWeights = 24 * (4.0 * 2048 * 2048 + 2.0 * 2048 * 8192) + 2048.0 * 50257;
        assertEquals(6 * layerWeights * tokens, gemms, 1e-6 * gemms);
    }

    @Test
    void decodeReadsEveryWeightOncePerToken() {
        // OPT-175B in fp16 at batch 1: ~350 GB of weights per token at 0.9 × 2.039 TB/s ≈ 190 ms, plus kernel latencies.
        var opt = new Transformer.Shape("opt-175b", true, 96, 12288, 96, 96, 128, 49152, false, 50272, 175_000_000_000L);
        var step = Transformer.decodeStep(Devices.A100_SXM_80GB, Devices.AMPERE, opt, 1, 128, Format.FP16);
        assertEquals(Bound.MEMORY, step.total().bound());
        double weights = 96 * (4.0 * 12288 * 12288 + 2.0 * 12288 * 49152) * 2 + 12288.0 * 50272 * 2;
        assertTrue(step.total().bytes() > weights && step.total().bytes() < 1.05 * weights);
        // dec-01: 230 ms/token measured with a 5-GPU pipeline (stages run one after another).
        assertEquals(230, step.total().timeSeconds() * 1e3, 0.15 * 230);
    }
}
