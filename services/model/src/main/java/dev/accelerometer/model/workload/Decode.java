package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Dequantization;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.Streaming;
import java.util.ArrayList;
import java.util.List;

/**
 * One decode step: {@code batch} new tokens, each attending over a KV cache of {@code context} tokens. At small batch
 * every weight is read once per token, so the step is bandwidth-bound — unless a dequantizing kernel's instructions are
 * slower than its weight reads ({@link Dequantization}).
 */
public final class Decode {
    private Decode() {
    }

    /** Weights and KV cache in the compute format. */
    public static Breakdown step(Device d, Calibration cal, Transformer m, long batch, long context, Format f) {
        return step(d, cal, m, batch, context, f, f.inputBytes, f.inputBytes, null);
    }

    /**
     * Layer weights stored at {@code weightBytes} per parameter (weight-only quantization, constants included), the KV
     * cache at {@code kvBytes} per element, compute in {@code f}; the layer GEMVs run by a dequantizing kernel whose
     * instruction work ({@code dequantization}, null for none) competes with the weight reads: each GEMV's compute time is
     * the longer of its tensor/FP work and the kernel's busiest instruction pipe.
     */
    public static Breakdown step(Device d, Calibration cal, Transformer m, long batch, long context, Format f, double weightBytes,
            double kvBytes, Dequantization dequantization) {
        Dequantization.Pipe limiter = dequantization != null && Dequantization.unsupported(d).isEmpty()
                ? dequantization.limiter(d, batch) : null;
        String note = limiter == null ? null : dequantization.kernel() + " dequantization bound by " + limiter.name();
        List<OpCost> ops = new ArrayList<>();
        for (TransformerLayer.Gemm op : TransformerLayer.gemms(m, batch)) {
            OpCost gemv = Gemm.estimate(d, cal, op.m(), op.n(), op.k(), 1, f, weightBytes).cost();
            if (limiter != null) {
                gemv = gemv.withCompute(Dequantization.seconds(d, (double) op.n() * op.k(), limiter), note);
            }
            ops.add(gemv.named(op.name()).times(m.layers()));
        }
        // Attention over the cache: Q·Kᵀ and P·V FLOPs, reading K and V at the cache's element size.
        double kv = 2.0 * batch * context * m.kvHeads() * m.headDim() * kvBytes;
        double attentionFlops = new Attention.Shape(batch, 1, context, m.heads(), m.kvHeads(), m.headDim(), true).forwardFlops();
        ops.add(Streaming.op(d, cal, "attention over KV cache", kv + 2.0 * batch * m.heads() * m.headDim() * f.inputBytes, attentionFlops)
                .times(m.layers()));
        ops.add(TransformerLayer.streaming(d, cal, m, batch, f).named("norms, activation, residuals").times(m.layers()));
        ops.add(Gemm.estimate(d, cal, batch, m.vocab(), m.hidden(), 1, f).cost().named("output head"));
        return Breakdown.of("decode step", ops);
    }
}
