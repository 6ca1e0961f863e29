package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published batch-1 and small-batch GEMVs (catalog ledger gemv-*, V24) as validation cases of the GEMM model's skinny shapes
 * (category gemv): one dense fp16/bf16/fp32 GEMM of stated M × N × K, measured as its time or its achieved FLOP/s. A run whose
 * weight reads alone would exceed the device's datasheet bandwidth was served from cache, not memory, and is reported as not
 * expressible; so are weight-only quantized kernels.
 */
final class GemvRuns {
    static final String CATEGORY = "gemv";

    private GemvRuns() {
    }

    record Run(String acceleratorId, long m, long n, long k, Format format, boolean time) {
    }

    static Optional<Run> run(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!CATEGORY.equals(m.category()) || in == null || m.value() == null) {
            return Optional.empty();
        }
        Optional<GemmInputs> gemm = GemmInputs.of(in);
        boolean time = "us".equals(m.unit());
        boolean throughput = "TFLOP/s".equals(m.unit());
        if (gemm.isEmpty() || !java.util.Set.of(Format.FP16, Format.BF16, Format.FP32).contains(gemm.get().format())
                || in.get("weightBitsPerElement") != null || !(time || throughput)) {
            return Optional.empty();
        }
        GemmInputs g = gemm.get();
        return Optional.of(new Run(String.valueOf(in.get("hardware")), g.m(), g.n(), g.k(), g.format(), time));
    }

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        return run(m).map(r -> new ValidationCases.Spec(CATEGORY, r.acceleratorId(), false,
                String.format(Locale.ROOT, "%d×%d×%d %s, one GEMM (skinny tiles when M ≤ 32)", r.m(), r.n(), r.k(), r.format().slug()),
                (d, c, cat) -> {
                    double seconds = r.time() ? m.value() * 1e-6 : 2.0 * r.m() * r.n() * r.k() / (m.value() * 1e12);
                    double weightBytes = (double) r.n() * r.k() * r.format().inputBytes;
                    if (weightBytes / seconds > d.memoryBandwidthBytesPerSecond()) {
                        throw new IllegalStateException(String.format(Locale.ROOT, "the measured time reads the weights at %.2f TB/s, above "
                                + "the device's %.2f TB/s: a warm-cache (L2-resident) run, not a memory-bound GEMV",
                                weightBytes / seconds / 1e12, d.memoryBandwidthBytesPerSecond() / 1e12));
                    }
                    OpCost cost = Gemm.estimate(d, c, r.m(), r.n(), r.k(), 1, r.format()).cost();
                    return r.time() ? cost.timeSeconds() * 1e6 : cost.flops() / cost.timeSeconds() / 1e12;
                }));
    }
}
