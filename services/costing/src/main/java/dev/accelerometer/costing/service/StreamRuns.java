package dev.accelerometer.costing.service;

import dev.accelerometer.common.catalog.CatalogMeasurement;
import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.Streaming;
import dev.accelerometer.model.kernel.Streaming.StreamKernel;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Published streaming-bandwidth benchmarks (catalog ledger, category memory_bandwidth_effective: BabelStream's copy, mul, add, triad
 * and dot kernels and STREAM ports) as validation cases of the bandwidth every memory-bound operation is priced at (category
 * memory-bandwidth): the kernel's bytes over the model's time for it ({@link Streaming#stream}: the datasheet bandwidth times the
 * architecture's bandwidth fraction, plus its kernel latency). A run states its device, its kernel and, unless it ran BabelStream's
 * default 2^25 elements, the bytes of one array; fp64 unless it says otherwise.
 */
final class StreamRuns {
    static final String CATEGORY = "memory-bandwidth";
    /**
     * The runs costing V20 derives bandwidth fractions from: CDNA 3's from BabelStream and gpu-stream on MI300Xs (three sources), CDNA
     * 2's from the same two benchmarks on an MI210.
     */
    static final Set<String> BANDWIDTH_CALIBRATION = Set.of("amd-28", "amd-29", "amd-36", "mbw-01", "mbw-02", "mbw-03");

    private StreamRuns() {
    }

    record Run(String acceleratorId, StreamKernel kernel, long elements, int elementBytes, double bytesPerSecond) {
    }

    static Optional<Run> run(CatalogMeasurement m) {
        Map<String, Object> in = m.inputs();
        if (!"memory_bandwidth_effective".equals(m.category()) || in == null || m.value() == null
                || !(in.get("hardware") instanceof String hardware) || !hardware.matches("[a-z0-9-]+")) {
            return Optional.empty();
        }
        Optional<StreamKernel> kernel = StreamKernel.fromSlug(String.valueOf(in.get("kernel")));
        double unit = unit(m.unit());
        String precision = in.get("precision") == null ? "fp64" : String.valueOf(in.get("precision"));
        int elementBytes = switch (precision) {
            case "fp64" -> 8;
            case "fp32" -> 4;
            case "fp16", "bf16" -> 2;
            default -> 0;
        };
        if (kernel.isEmpty() || unit == 0 || elementBytes == 0) {
            return Optional.empty();
        }
        long elements = in.get("arrayBytes") instanceof Number bytes ? bytes.longValue() / elementBytes : StreamKernel.DEFAULT_ELEMENTS;
        if (elements <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Run(hardware, kernel.get(), elements, elementBytes, m.value() * unit));
    }

    static Optional<ValidationCases.Spec> fromInputs(CatalogMeasurement m) {
        return run(m).map(r -> new ValidationCases.Spec(CATEGORY, r.acceleratorId(), BANDWIDTH_CALIBRATION.contains(m.id()),
                String.format(Locale.ROOT, "%s over %d-byte arrays of %d elements: %d arrays moved per element, at the architecture's bandwidth "
                        + "fraction of the datasheet bandwidth, plus one kernel latency", r.kernel().slug(), r.elementBytes(), r.elements(),
                        r.kernel().arrays()),
                (d, c, cat) -> bytesPerSecond(d, c, r) / unit(m.unit())));
    }

    /** Bytes per second in one of the units the benchmarks print (BabelStream's MB/s are 10^6 bytes); 0 for any other. */
    static double unit(String unit) {
        return switch (String.valueOf(unit)) {
            case "TB/s" -> 1e12;
            case "GB/s" -> 1e9;
            case "MB/s" -> 1e6;
            default -> 0;
        };
    }

    static double bytesPerSecond(Device device, Calibration cal, Run r) {
        OpCost cost = Streaming.stream(device, cal, r.kernel(), r.elements(), r.elementBytes());
        return cost.bytes() / cost.timeSeconds();
    }
}
