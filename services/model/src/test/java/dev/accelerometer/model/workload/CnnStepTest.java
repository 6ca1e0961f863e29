package dev.accelerometer.model.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.architecture.Cnn;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.memory.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A CNN step's memory-bound terms against their definitions. */
class CnnStepTest {
    /** One bottleneck-like pair: a 3×3 convolution, then a 1×1 whose output joins the shortcut. */
    static final Cnn BLOCK = new Cnn("block", List.of(
            new Cnn.ConvolutionLayer("b", 1, 64, 64, 3, 3, 1, 1, 56, 56, 1),
            new Cnn.ConvolutionLayer("c", 1, 64, 256, 1, 1, 1, 0, 56, 56, 1, true)), List.of(), true, null);

    static OpCost op(CnnStep step, String prefix) {
        return step.breakdown().operations().stream().filter(o -> o.name().startsWith(prefix)).findFirst().orElse(null);
    }

    @Test
    void aResidualAddReadsTwoWritesOneForwardAndAgainBackward() {
        CnnStep step = CnnStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, BLOCK, 32, Format.FP16, true, Optimizer.SGD);
        double elements = 32.0 * 256 * 56 * 56;
        assertEquals(elements * 2 * 3 * 2, op(step, "residual adds").bytes(), 1);
        CnnStep inference = CnnStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, BLOCK, 32, Format.FP16, false, Optimizer.SGD);
        assertEquals(elements * 2 * 3, op(inference, "residual adds").bytes(), 1);
    }

    /**
     * Channels-first tensors cost each tensor-core convolution call a transpose of its input and of its output (a read and a write
     * of each), three calls a training step; fp32 convolutions on the CUDA cores take NCHW as it is.
     */
    @Test
    void channelsFirstTransposesAroundTensorCoreConvolutionsOnly() {
        CnnStep last = CnnStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, BLOCK, 32, Format.FP16, true, Optimizer.SGD, null, null,
                CnnStep.MemoryFormat.CHANNELS_LAST);
        CnnStep first = CnnStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, BLOCK, 32, Format.FP16, true, Optimizer.SGD, null, null,
                CnnStep.MemoryFormat.CHANNELS_FIRST);
        double elements = 32.0 * 56 * 56 * ((64 + 64) + (64 + 256));
        OpCost transposes = op(first, "NCHW-NHWC transposes");
        assertEquals(elements * 3 * 2 * 2, transposes.bytes(), 1);
        assertEquals(last.breakdown().total().timeSeconds() + transposes.timeSeconds(), first.breakdown().total().timeSeconds(), 1e-12);
        assertTrue(op(last, "NCHW-NHWC transposes") == null);
        CnnStep fp32 = CnnStep.of(Fixtures.A100_SXM_80GB, Fixtures.AMPERE, BLOCK, 32, Format.FP32, true, Optimizer.SGD, null, null,
                CnnStep.MemoryFormat.CHANNELS_FIRST);
        assertTrue(op(fp32, "NCHW-NHWC transposes") == null, "fp32 runs on the CUDA cores in NCHW");
    }
}
