package dev.accelerometer.model.workload;

import dev.accelerometer.model.architecture.Transformer;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.Streaming;
import java.util.List;

/**
 * The operations of one transformer block: QKV projection, attention, output projection, FFN up (gated FFNs: one fused
 * 2f-wide GEMM) and down, two norms, the activation, two residual adds.
 */
final class TransformerLayer {
    private TransformerLayer() {
    }

    /** One GEMM of a block, M = tokens. */
    record Gemm(String name, long m, long n, long k) {
    }

    static List<Gemm> gemms(Transformer m, long tokens) {
        long qkv = ((long) m.heads() + 2L * m.kvHeads()) * m.headDim();
        long up = m.gatedFfn() ? 2L * m.ffn() : m.ffn();
        return List.of(
                new Gemm("QKV projection", tokens, qkv, m.hidden()),
                new Gemm("attention output projection", tokens, m.hidden(), m.attentionWidth()),
                new Gemm("FFN up" + (m.gatedFfn() ? " (gate and up fused)" : ""), tokens, up, m.hidden()),
                new Gemm("FFN down", tokens, m.hidden(), m.ffn()));
    }

    /** Per layer: 2 norms (read, write), activation (read up-projection, write f), 2 residual adds (read 2, write 1). */
    static OpCost streaming(Device d, Calibration cal, Transformer m, long tokens, Format f) {
        double e = f.inputBytes;
        double th = (double) tokens * m.hidden();
        double tf = (double) tokens * m.ffn();
        double norms = 2 * 2 * th * e;
        double activation = ((m.gatedFfn() ? 2 : 1) * tf + tf) * e;
        double residuals = 2 * 3 * th * e;
        // Fused elementwise kernels (norms, bias+activation, residual) — five launches per layer.
        return Streaming.op(d, cal, "streaming", norms + activation + residuals, 8 * th + 8 * tf).plusFixed(4 * cal.kernelLatencySeconds());
    }
}
