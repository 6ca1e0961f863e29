package dev.accelerometer.model.kernel;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Memory-bound operations (elementwise, normalisation, softmax, optimizer update): bytes ÷ achievable bandwidth. */
public final class Streaming {
    private Streaming() {
    }

    /**
     * The kernels of BabelStream (Deakin et al., "GPU-STREAM v2.0", 2016; BabelStream 5.0's main.cpp) and the arrays each moves per
     * element: copy c = a, mul b = s·c, add c = a + b, triad a = b + s·c, dot sum(a·b) (reads only); and RRZE-HPC gpu-stream's
     * Schönauer triad a = b + c·d (four arrays). Each benchmark reports the bytes it moves over the kernel's wall time, launch
     * included.
     */
    public enum StreamKernel {
        COPY("copy", 2), MUL("mul", 2), ADD("add", 3), TRIAD("triad", 3), DOT("dot", 2), SCHOENAUER_TRIAD("schoenauer-triad", 4);

        /** BabelStream's default array length, 2^25 elements (its main.cpp: "Default size of 2^25"). */
        public static final long DEFAULT_ELEMENTS = 1L << 25;

        private final String slug;
        private final int arrays;

        StreamKernel(String slug, int arrays) {
            this.slug = slug;
            this.arrays = arrays;
        }

        public String slug() {
            return slug;
        }

        /** Arrays read or written per element. */
        public int arrays() {
            return arrays;
        }

        public static Optional<StreamKernel> fromSlug(String slug) {
            return Arrays.stream(values()).filter(k -> k.slug.equalsIgnoreCase(slug)).findFirst();
        }
    }

    /** One call of a BabelStream kernel over arrays of {@code elements} values of {@code elementBytes} each. */
    public static OpCost stream(Device device, Calibration cal, StreamKernel kernel, long elements, int elementBytes) {
        double bytes = (double) kernel.arrays() * elements * elementBytes;
        return op(device, cal, kernel.slug(), bytes, 0);
    }

    /** An operation that reads and writes {@code bytes} and does {@code flops} of (vector) arithmetic. */
    public static OpCost op(Device device, Calibration cal, String name, double bytes, double flops) {
        // Vector arithmetic is far below the matrix peak; fp32 vector peak bounds it where the catalog has one.
        return op(device, cal, name, bytes, flops, device.peakPerSecond().get(Format.FP32));
    }

    /** As {@link #op(Device, Calibration, String, double, double)} with the arithmetic at {@code flopsPerSecond} (null: unbounded). */
    public static OpCost op(Device device, Calibration cal, String name, double bytes, double flops, Double flopsPerSecond) {
        double memory = bytes / (device.memoryBandwidthBytesPerSecond() * cal.bandwidthFraction());
        double compute = flopsPerSecond == null ? 0 : flops / flopsPerSecond;
        return OpCost.of(name, flops, bytes, compute, memory, cal.kernelLatencySeconds(), List.of());
    }
}
