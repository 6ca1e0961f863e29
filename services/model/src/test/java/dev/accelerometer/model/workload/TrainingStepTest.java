package dev.accelerometer.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.memory.Optimizer;
import org.junit.jupiter.api.Test;

/** Whole training steps against published measurements and the FLOP counts they must add up to. */
class TrainingStepTest {
    @Test
    void bertLargeTrainingIsWithinFifteenPercentOfPublished() {
        // bert-13: 580 sequences/s on one A100 80GB (NVIDIA DeepLearningExamples, seq 128, batch 256, mixed precision);
        // bert-14: 224 sequences/s on one V100 32GB. Both are hold-outs: no constant was derived from them (the training-step
        // efficiency comes from attn-01 and train-18, LLM runs on A100). Quality bar of issue 3: within 15 %.
        double a100 = 256 / TrainingStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.BERT_LARGE, 256, 128, Format.FP16,
                Attention.Kernel.EAGER, Optimizer.LAMB).total().timeSeconds();
        double v100 = 64 / TrainingStep.of(Fixtures.V100_SXM2_32GB, Fixtures.DEFAULT, Fixtures.BERT_LARGE, 64, 128, Format.FP16,
                Attention.Kernel.EAGER, Optimizer.LAMB).total().timeSeconds();
        assertTrue(Math.abs(a100 - 580) < 0.15 * 580, "A100 " + a100);
        assertTrue(Math.abs(v100 - 224) < 0.15 * 224, "V100 " + v100);
    }

    @Test
    void breakdownAddsUpToTheTotalAndToItsTypedParts() {
        var step = TrainingStep.of(Fixtures.H100_SXM, Fixtures.HOPPER, Fixtures.BERT_LARGE, 64, 512, Format.BF16, Attention.Kernel.FLASH,
                Optimizer.ADAMW);
        double sum = step.operations().stream().mapToDouble(OpCost::timeSeconds).sum();
        assertEquals(step.total().timeSeconds(), sum, 1e-12);
        double flops = step.operations().stream().mapToDouble(OpCost::flops).sum();
        assertEquals(step.total().flops(), flops, 1);
        double parts = step.layersForwardSeconds() + step.layersBackwardSeconds() + step.headSeconds() + step.optimizerSeconds()
                + step.overheadSeconds();
        assertEquals(step.total().timeSeconds(), parts, 1e-12);
        assertEquals(1 / Fixtures.HOPPER.trainingStepEfficiency(), step.overheadFactor(), 1e-9);
    }

    @Test
    void trainingFlopsFollowSixNPlusAttention() {
        // Dense GEMM FLOPs of a training step: 3 passes × 2 × (layer weights) × tokens, plus attention (Narayanan et al. 2021):
        // everything but the attention core, the streaming kernels and the overhead is a GEMM.
        Transformer gpt = new Transformer("gpt", Transformer.Kind.DECODER, 24, 2048, 16, 16, 128, 8192, Transformer.FfnKind.GELU, 50257,
                2048, Transformer.Layout.gpt(2048), null);
        long tokens = 8L * 2048;
        var step = TrainingStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, gpt, 8, 2048, Format.BF16, Attention.Kernel.FLASH, Optimizer.ADAMW);
        double streamingAndAttention = step.operations().stream().filter(op -> op.name().equals("attention forward")
                || op.name().equals("attention backward") || op.name().startsWith("norms") || op.name().startsWith("loss") || op.name().startsWith("optimizer"))
                .mapToDouble(OpCost::flops).sum();
        double layerWeights = 24 * (4.0 * 2048 * 2048 + 2.0 * 2048 * 8192) + 2048.0 * 50257;
        assertEquals(6 * layerWeights * tokens, step.total().flops() - streamingAndAttention, 1e-6 * step.total().flops());
    }

    @Test
    void sgdMovesLessOptimizerTrafficThanAdam() {
        // Optimizer.stepTrafficBytesPerParameter: Adam 28 bytes per parameter, SGD with momentum 20 (ZeRO §3.1's state sizes).
        var adam = TrainingStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.BERT_LARGE, 32, 128, Format.FP16, Attention.Kernel.FLASH,
                Optimizer.ADAMW);
        var sgd = TrainingStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, Fixtures.BERT_LARGE, 32, 128, Format.FP16, Attention.Kernel.FLASH,
                Optimizer.SGD);
        assertEquals(20.0 / 28, (sgd.optimizerSeconds() - Fixtures.AMPERE.kernelLatencySeconds())
                / (adam.optimizerSeconds() - Fixtures.AMPERE.kernelLatencySeconds()), 1e-9);
    }
}
