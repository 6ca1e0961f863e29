package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Attention;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import java.util.ArrayList;
import java.util.List;

/** Prefill: one forward pass over {@code batch} prompts of {@code sequence} tokens; logits only for the last token. */
public final class Prefill {
    private Prefill() {
    }

    public static Breakdown of(Device d, Calibration cal, Transformer m, long batch, long sequence, Format f, Attention.Kernel kernel) {
        List<OpCost> ops = new ArrayList<>();
        long tokens = batch * sequence;
        for (TransformerLayer.Gemm op : TransformerLayer.gemms(m, tokens)) {
            ops.add(Gemm.estimate(d, cal, op.m(), op.n(), op.k(), 1, f).cost().named(op.name()).times(m.layers()));
        }
        Attention.Shape attention = new Attention.Shape(batch, sequence, sequence, m.heads(), m.kvHeads(), m.headDim(), m.decoder());
        ops.add(Attention.estimate(d, cal, attention, kernel, Attention.Pass.FORWARD, f).named("attention").times(m.layers()));
        ops.add(TransformerLayer.streaming(d, cal, m, tokens, f).named("norms, activation, residuals").times(m.layers()));
        ops.add(Gemm.estimate(d, cal, batch, m.vocab(), m.hidden(), 1, f).cost().named("output head (last token)"));
        return Breakdown.of("prefill", ops);
    }
}
