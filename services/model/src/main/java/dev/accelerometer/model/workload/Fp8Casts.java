package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.Streaming;

/**
 * The memory traffic fp8 training adds around the fp8 GEMMs, as Transformer Engine (TE) arranges it (TE 1.x modules
 * LayerNormLinear, LayerNormMLP, Linear and its fused cast-transpose kernels): the casts of the inputs that come out of a
 * LayerNorm or the activation are fused into those kernels, but every fp8 GEMM input is also written transposed for the
 * weight-gradient GEMM (1 byte per element), the attention output is cast in a pass of its own (read bf16, write fp8),
 * each GEMM's output gradient is cast and transposed before the backward GEMMs (read 2 bytes, write 2 × 1), and every
 * weight is cast to fp8 with its transpose once per step (read 2, write 2 × 1 per parameter). Scaling-factor (amax)
 * bookkeeping is a few values per tensor and not charged.
 */
final class Fp8Casts {
    private Fp8Casts() {
    }

    /** [forward, backward] cast traffic of all blocks for {@code tokens} tokens. */
    static OpCost[] of(Device d, Calibration cal, Transformer m, long tokens) {
        double t = tokens;
        double forwardBytes = 4.0 * m.linearParameters();
        double backwardBytes = 0;
        double launches = 0;
        for (TransformerLayer.Group g : TransformerLayer.groups(m)) {
            double inputs = 0;
            double gradients = 0;
            for (TransformerLayer.Gemm op : TransformerLayer.gemms(m, g, tokens, false)) {
                // Each GEMM's input (M × K) and its output gradient (M × N), per expert of a grouped GEMM.
                inputs += (double) op.m() * op.k() * op.batch() * op.copies();
                gradients += (double) op.m() * op.n() * op.batch() * op.copies();
            }
            forwardBytes += g.count() * (inputs + 3.0 * t * m.attentionWidth());
            backwardBytes += g.count() * 4.0 * gradients;
            // One fused kernel per GEMM input and output gradient per block.
            launches += g.count() * 4.0 * cal.kernelLatencySeconds();
        }
        return new OpCost[] {
            Streaming.op(d, cal, "fp8 casts and transposes forward (Transformer Engine)", forwardBytes, 0).plusFixed(launches),
            Streaming.op(d, cal, "fp8 casts and transposes backward (Transformer Engine)", backwardBytes, 0).plusFixed(launches)};
    }
}
