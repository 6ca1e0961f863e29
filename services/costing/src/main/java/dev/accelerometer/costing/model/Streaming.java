package dev.accelerometer.costing.model;

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

    /**
     * Bytes one optimizer step moves per parameter. Mixed-precision Adam/AdamW/LAMB: read fp16 gradient (2), read and
     * write fp32 master weight, momentum and variance (3 × 8), write fp16 weight (2) = 28 bytes; the 16 bytes of state
     * per parameter are ZeRO's count (Rajbhandari et al. 2020, §3.1). SGD with momentum: 2 + 2 × 8 + 2 = 20.
     */
    public static double optimizerBytesPerParameter(String optimizer) {
        return switch (optimizer) {
            case "sgd" -> 20;
            default -> 28;
        };
    }
}
