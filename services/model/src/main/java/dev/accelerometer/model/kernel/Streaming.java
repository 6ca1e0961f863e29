package dev.accelerometer.model.kernel;

import dev.accelerometer.model.calibration.Calibration;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import java.util.List;

/** Memory-bound operations (elementwise, normalisation, softmax, optimizer update): bytes ÷ achievable bandwidth. */
public final class Streaming {
    private Streaming() {
    }

    /** An operation that reads and writes {@code bytes} and does {@code flops} of (vector) arithmetic. */
    public static OpCost op(Device device, Calibration cal, String name, double bytes, double flops) {
        double memory = bytes / (device.memoryBandwidthBytesPerSecond() * cal.bandwidthFraction());
        // Vector arithmetic is far below the matrix peak; fp32 vector peak bounds it where the catalog has one.
        Double vector = device.peakPerSecond().get(Format.FP32);
        double compute = vector == null ? 0 : flops / vector;
        return OpCost.of(name, flops, bytes, compute, memory, cal.kernelLatencySeconds(), List.of());
    }
}
