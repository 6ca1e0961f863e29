package dev.accelerometer.costing.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.accelerometer.costing.model.Device;
import dev.accelerometer.costing.model.Format;
import java.util.EnumMap;
import java.util.Map;

/** The fields of the catalog's Accelerator schema the cost model reads (the rest is ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogAccelerator(String id, String vendor, String name, String kind, String architecture, Long memoryBytes,
        Double memoryBandwidthBytesPerSecond, Double peakFp64FlopsPerSecond, Double peakFp32FlopsPerSecond,
        Double peakTf32FlopsPerSecond, Double peakFp16FlopsPerSecond, Double peakBf16FlopsPerSecond,
        Double peakFp8FlopsPerSecond, Double peakInt8OpsPerSecond, Double peakInt4OpsPerSecond, Integer computeUnits,
        Long l2CacheBytes, Integer systolicArrayRows, Integer systolicArrayColumns, Integer systolicArrayCount,
        Double tdpWatts, Double listPriceUsd, Double cloudPriceUsdPerHour, Double scaleUpBandwidthPerDirectionBytesPerSecond,
        Integer hostLinkPcieGeneration, Integer hostLinkPcieLanes, Long version) {

    public Device toDevice() {
        Map<Format, Double> peaks = new EnumMap<>(Format.class);
        put(peaks, Format.FP64, peakFp64FlopsPerSecond);
        put(peaks, Format.FP32, peakFp32FlopsPerSecond);
        put(peaks, Format.TF32, peakTf32FlopsPerSecond);
        put(peaks, Format.FP16, peakFp16FlopsPerSecond);
        put(peaks, Format.BF16, peakBf16FlopsPerSecond);
        put(peaks, Format.FP8, peakFp8FlopsPerSecond);
        put(peaks, Format.INT8, peakInt8OpsPerSecond);
        put(peaks, Format.INT4, peakInt4OpsPerSecond);
        Device.Kind deviceKind = "tpu".equals(kind) ? Device.Kind.TPU : "gpu".equals(kind) ? Device.Kind.GPU : Device.Kind.OTHER;
        return new Device(id, name, deviceKind, architecture, memoryBytes, memoryBandwidthBytesPerSecond, peaks, computeUnits,
                l2CacheBytes, systolicArrayRows, systolicArrayColumns, systolicArrayCount, tdpWatts, listPriceUsd,
                cloudPriceUsdPerHour, scaleUpBandwidthPerDirectionBytesPerSecond, hostLinkPcieGeneration, hostLinkPcieLanes);
    }

    private static void put(Map<Format, Double> peaks, Format format, Double value) {
        if (value != null) {
            peaks.put(format, value);
        }
    }
}
