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
        return of(d, cal, m, batch, sequence, f, kernel, null);
    }

    /** As {@link #of(Device, Calibration, Transformer, long, long, Format, Attention.Kernel)} with sparse linear layers (null: dense). */
    public static Breakdown of(Device d, Calibration cal, Transformer m, long batch, long sequence, Format f, Attention.Kernel kernel,
            SparseLinears sparse) {
        List<OpCost> ops = new ArrayList<>();
        long tokens = batch * sequence;
        for (TransformerLayer.Group g : TransformerLayer.groups(m)) {
            for (TransformerLayer.Gemm op : TransformerLayer.gemms(m, g, tokens, false)) {
                ops.add(TransformerLayer.cost(d, cal, op, f, f.inputBytes, sparse).named(g.label(op.name())).times(g.count()));
            }
            Attention.Shape attention = TransformerLayer.attention(m, g, batch, sequence, sequence);
            ops.add(Attention.estimate(d, cal, attention, kernel, Attention.Pass.FORWARD, f).named(g.label("attention")).times(g.count()));
            ops.add(TransformerLayer.streaming(d, cal, m, g, tokens, f).named(g.label("norms, activation, residuals")).times(g.count()));
        }
        ops.add(Gemm.estimate(d, cal, batch, m.vocab(), m.hidden(), 1, f).cost().named("output head (last token)"));
        return Breakdown.of("prefill", ops);
    }
}
