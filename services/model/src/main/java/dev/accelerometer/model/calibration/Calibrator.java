package dev.accelerometer.model.calibration;

import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Format;
import dev.accelerometer.model.kernel.Gemm;
import dev.accelerometer.model.kernel.OpCost;
import dev.accelerometer.model.kernel.Streaming;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * Derives an architecture's achievable ceilings from published measurements through the model itself: the ceiling is
 * the measured throughput divided by what the model predicts for the same shape with a ceiling of 1. This keeps the
 * constant physical (a fraction of peak the hardware and library reach) and consistent with the tile, wave and
 * epilogue terms the model already charges.
 */
public final class Calibrator {
    private Calibrator() {
    }

    /** GEMM ceiling from a max-achievable-matmul measurement (FLOP/s) of an m×n×k GEMM. */
    public static double gemmCeiling(Device device, Calibration base, long m, long n, long k, Format format, double measuredFlopsPerSecond) {
        OpCost ideal = Gemm.estimate(device, base.unitGemm(), m, n, k, 1, format).cost();
        return measuredFlopsPerSecond / (ideal.flops() / ideal.timeSeconds());
    }

    /**
     * Bandwidth fraction from a streaming benchmark's bytes per second ({@link Streaming#stream}): the fraction at which the model's
     * time for the kernel — its bytes at that fraction of the datasheet bandwidth, plus the calibration's kernel latency — equals the
     * measured time.
     */
    public static double bandwidthFraction(Device device, Calibration base, Streaming.StreamKernel kernel, long elements, int elementBytes,
            double measuredBytesPerSecond) {
        double bytes = Streaming.stream(device, base, kernel, elements, elementBytes).bytes();
        double transfer = bytes / measuredBytesPerSecond - base.kernelLatencySeconds();
        if (transfer <= 0) {
            throw new IllegalArgumentException("the measured time is within the kernel latency: no bandwidth to derive");
        }
        return bytes / transfer / device.memoryBandwidthBytesPerSecond();
    }

    /**
     * Training-step efficiency from end-to-end runs: the geometric mean, over the runs, of the measured throughput divided
     * by the model's prediction with an efficiency of 1 (kernels only). Each element is {measured, predicted}.
     */
    public static double trainingStepEfficiency(List<double[]> measuredAndPredicted) {
        return geometricMean(measuredAndPredicted.stream().mapToDouble(pair -> pair[0] / pair[1]));
    }

    /** The nearest-rank percentile {@code q} (0 to 1) of values sorted ascending. */
    public static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The geometric mean of positive values (how every constant derived from several measurements combines them). */
    public static double geometricMean(DoubleStream values) {
        return Math.exp(values.map(Math::log).average().orElseThrow());
    }
}
