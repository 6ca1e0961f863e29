package dev.accelerometer.model.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.calibration.Calibrator;
import dev.accelerometer.model.kernel.Streaming.StreamKernel;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/**
 * The CDNA bandwidth fractions of costing V20, each the geometric mean of the fractions at which the streaming model (the kernel's
 * bytes at that fraction of the datasheet bandwidth, plus the 4 µs kernel latency) reproduces a published run (catalog ledger, read
 * 2026-12-02):
 * <ul>
 * <li>CDNA 3, MI300X at 5.3 TB/s: amd-28, amd-29 (Azure ND MI300X v5, BabelStream hip-stream at its default 2^25 fp64 elements: triad
 * 4.09 TB/s, copy 4.11 TB/s), amd-36 (AMD's system-validation guide, BabelStream 5.0 at 2^28 elements: triad 3,948 GB/s) and mbw-01
 * (RRZE-HPC gpu-stream's four-array triad at 2 GiB arrays: 4,000 GB/s);</li>
 * <li>CDNA 2, MI210 at 1.6 TB/s: mbw-02 (BabelStream PR #139, triad at 2^28 elements: 1,272,501 MB/s) and mbw-03 (gpu-stream: 1,232
 * GB/s).</li>
 * </ul>
 */
class StreamingTest {
    static final long GPU_STREAM_ELEMENTS = 2_147_483_664L / 8;

    @Test
    void cdna3sBandwidthFractionIsWhatStreamingBenchmarksReachOnMi300xs() {
        double derived = Calibrator.geometricMean(DoubleStream.of(
                Calibrator.bandwidthFraction(Fixtures.MI300X, Fixtures.CDNA3, StreamKernel.TRIAD, StreamKernel.DEFAULT_ELEMENTS, 8, 4.09e12),
                Calibrator.bandwidthFraction(Fixtures.MI300X, Fixtures.CDNA3, StreamKernel.COPY, StreamKernel.DEFAULT_ELEMENTS, 8, 4.11e12),
                Calibrator.bandwidthFraction(Fixtures.MI300X, Fixtures.CDNA3, StreamKernel.TRIAD, 1L << 28, 8, 3.948e12),
                Calibrator.bandwidthFraction(Fixtures.MI300X, Fixtures.CDNA3, StreamKernel.SCHOENAUER_TRIAD, GPU_STREAM_ELEMENTS, 8, 4000e9)));
        System.out.printf("CDNA 3 bandwidth fraction from four streaming runs on MI300Xs: %.4f%n", derived);
        assertEquals(Fixtures.CDNA3.bandwidthFraction(), derived, 0.0005, "costing V20 stores CDNA 3's bandwidth fraction");
    }

    @Test
    void cdna2sBandwidthFractionIsWhatStreamingBenchmarksReachOnAnMi210() {
        double derived = Calibrator.geometricMean(DoubleStream.of(
                Calibrator.bandwidthFraction(Fixtures.MI210, Fixtures.CDNA2, StreamKernel.TRIAD, 1L << 28, 8, 1272.501462e9),
                Calibrator.bandwidthFraction(Fixtures.MI210, Fixtures.CDNA2, StreamKernel.SCHOENAUER_TRIAD, GPU_STREAM_ELEMENTS, 8, 1232e9)));
        System.out.printf("CDNA 2 bandwidth fraction from two streaming runs on an MI210: %.4f%n", derived);
        assertEquals(Fixtures.CDNA2.bandwidthFraction(), derived, 0.0005, "costing V20 stores CDNA 2's bandwidth fraction");
    }

    @Test
    void withItTheModelReproducesTheRunsItCameFrom() {
        OpCost triad = Streaming.stream(Fixtures.MI300X, Fixtures.CDNA3, StreamKernel.TRIAD, StreamKernel.DEFAULT_ELEMENTS, 8);
        // 3 arrays × 2^25 × 8 bytes moved by one triad.
        assertEquals(805_306_368.0, triad.bytes());
        assertEquals(4.09e12, triad.bytes() / triad.timeSeconds(), 4.09e12 * 0.05);
        OpCost big = Streaming.stream(Fixtures.MI300X, Fixtures.CDNA3, StreamKernel.TRIAD, 1L << 28, 8);
        assertEquals(3.948e12, big.bytes() / big.timeSeconds(), 3.948e12 * 0.05);
        OpCost mi210 = Streaming.stream(Fixtures.MI210, Fixtures.CDNA2, StreamKernel.TRIAD, 1L << 28, 8);
        assertEquals(1272.5e9, mi210.bytes() / mi210.timeSeconds(), 1272.5e9 * 0.05);
    }

    @Test
    void aTimeInsideTheKernelLatencyHasNoBandwidthToDerive() {
        // 16 KiB copied "at" 5 TB/s would take 3 ns, far inside the 4 µs launch: nothing left to attribute to memory.
        assertThrows(IllegalArgumentException.class,
                () -> Calibrator.bandwidthFraction(Fixtures.MI300X, Fixtures.CDNA3, StreamKernel.COPY, 1024, 8, 5e12));
    }
}
