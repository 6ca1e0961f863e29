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
        return pass(d, cal, m, batch, sequence, f, kernel, op -> TransformerLayer.cost(d, cal, op, f, f.inputBytes, sparse), f.inputBytes);
    }

    /**
     * The forward pass with each block's linear GEMMs priced by {@code linear} (one GEMM with its copies, once per block), attention
     * under {@code kernel}, the norms and residuals, and the last token's output head with its weights at {@code headWeightBytes}.
     */
    private static Breakdown pass(Device d, Calibration cal, Transformer m, long batch, long sequence, Format f, Attention.Kernel kernel,
            java.util.function.Function<TransformerLayer.Gemm, OpCost> linear, double headWeightBytes) {
        List<OpCost> ops = new ArrayList<>();
        long tokens = batch * sequence;
        for (TransformerLayer.Group g : TransformerLayer.groups(m)) {
            for (TransformerLayer.Gemm op : TransformerLayer.gemms(m, g, tokens, false)) {
                ops.add(linear.apply(op).named(g.label(op.name())).times(g.count()));
            }
            Attention.Shape attention = TransformerLayer.attention(m, g, batch, sequence, sequence);
            ops.add(Attention.estimate(d, cal, attention, kernel, Attention.Pass.FORWARD, f.activations()).named(g.label("attention"))
                    .times(g.count()));
            ops.add(TransformerLayer.streaming(d, cal, m, g, tokens, f.activations()).named(g.label("norms, activation, residuals"))
                    .times(g.count()));
        }
        ops.add(Gemm.estimate(d, cal, batch, m.vocab(), m.hidden(), 1, f.activations(), headWeightBytes).cost().named("output head (last token)"));
        return Breakdown.of("prefill", ops);
    }

    /**
     * The prefill as llama.cpp runs it (prompt processing, llama-bench's pp): on CUDA every linear layer's GEMM is its quantized
     * matrix multiplication (MMQ: the activations quantized to 8 bits, the weights' blocks multiplied with int8 tensor-core MMAs
     * on Turing and newer, dp4a before), whose rate is a property of the SM and its clock, not of the datasheet's tensor peak; on
     * Apple silicon its Metal matrix kernels, at a rate per GPU core and clock by weight format:
     * {@link Runtime#prefillFlopsPerSmClock} useful FLOP per SM (core) per clock, the weights read at {@code weightBytes} per
     * parameter. Attention (the request's kernel), norms and the output head are the kernels' model. Unquantized weights (16 bits
     * and more) on CUDA go through cuBLAS, as llama.cpp runs them: the kernels' prefill.
     */
    public static Breakdown llamaCpp(Device d, Calibration cal, Transformer m, long batch, long sequence, Format f, Attention.Kernel kernel,
            double weightBytes) {
        double perSmClock = Runtime.prefillFlopsPerSmClock(d, 8 * weightBytes);
        if (!d.architecture().isAppleSilicon() && 8 * weightBytes >= 16) {
            // Unquantized weights (F16, BF16, F32 files) are not MMQ's: llama.cpp's CUDA build multiplies them with cuBLAS, the
            // kernels' own prefill.
            return of(d, cal, m, batch, sequence, f, kernel);
        }
        return llamaCpp(d, cal, m, batch, sequence, f, kernel, weightBytes, perSmClock);
    }

    private static final String MMQ_NOTE = "llama.cpp's quantized matrix multiplication (MMQ): ";

    private static Breakdown llamaCpp(Device d, Calibration cal, Transformer m, long batch, long sequence, Format f, Attention.Kernel kernel,
            double weightBytes, double perSmClock) {
        double rate = d.computeUnits() * d.boostClockHertz() * perSmClock;
        double bandwidth = d.memoryBandwidthBytesPerSecond() * cal.bandwidthFraction();
        String units = d.architecture().isAppleSilicon() ? " GPU cores" : " SMs";
        String note = MMQ_NOTE + Math.round(perSmClock) + " useful FLOP per" + (d.architecture().isAppleSilicon() ? " GPU core" : " SM")
                + " per clock on " + d.architectureName() + " (" + Runtime.prefillSource(d) + "), " + d.computeUnits() + units + " at "
                + Math.round(d.boostClockHertz() / 1e7) / 100.0 + " GHz (the catalog's boost clock)";
        return pass(d, cal, m, batch, sequence, f, kernel, op -> {
            double flops = 2.0 * op.m() * op.n() * op.k() * op.batch() * op.copies();
            double bytes = op.batch() * op.copies() * (weightBytes * op.n() * op.k() + f.inputBytes * op.m() * (op.k() + op.n()));
            return OpCost.of(op.name(), flops, bytes, flops / rate, bytes / bandwidth, cal.kernelLatencySeconds() * op.copies(), List.of(note));
        }, weightBytes);
    }

    /**
     * The useful FLOP per SM per clock a llama.cpp prompt-processing run implies: its linear layers' FLOPs over the part of its time
     * the model's other operations and the linear layers' launches leave them (at 512 tokens the linear layers are far from their
     * memory bound).
     */
    public static double impliedLlamaCppFlopsPerSmClock(Device d, Calibration cal, Transformer m, long sequence, Format f, Attention.Kernel kernel,
            double weightBytes, double tokensPerSecond) {
        Runtime.prefillFlopsPerSmClock(d, 8 * weightBytes);
        Breakdown at = llamaCpp(d, cal, m, 1, sequence, f, kernel, weightBytes, 1);
        double linearFlops = 0;
        double linearSeconds = 0;
        double linearLaunches = 0;
        for (OpCost op : at.operations()) {
            if (op.notes().stream().anyMatch(n -> n.startsWith(MMQ_NOTE))) {
                linearFlops += op.flops();
                linearSeconds += op.timeSeconds();
                linearLaunches += op.fixedSeconds();
            }
        }
        double others = at.total().timeSeconds() - linearSeconds;
        return linearFlops / (sequence / tokensPerSecond - others - linearLaunches) / (d.computeUnits() * d.boostClockHertz());
    }
}
