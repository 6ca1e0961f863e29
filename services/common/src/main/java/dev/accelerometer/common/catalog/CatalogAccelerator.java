package dev.accelerometer.common.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The fields of the catalog's Accelerator schema the cost model reads (the rest is ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogAccelerator(String id, String vendor, String name, String kind, String architecture, Long memoryBytes,
        Double memoryBandwidthBytesPerSecond, Double peakFp64FlopsPerSecond, Double peakFp32FlopsPerSecond,
        Double peakTf32FlopsPerSecond, Double peakFp16FlopsPerSecond, Double peakBf16FlopsPerSecond,
        Double peakFp8FlopsPerSecond, Double peakInt8OpsPerSecond, Double peakInt4OpsPerSecond, Integer computeUnits,
        Long l2CacheBytes, Integer systolicArrayRows, Integer systolicArrayColumns, Integer systolicArrayCount,
        Double tdpWatts, Double listPriceUsd, Double cloudPriceUsdPerHour, String scaleUpLinkKind, Double scaleUpBandwidthPerDirectionBytesPerSecond,
        Integer hostLinkPcieGeneration, Integer hostLinkPcieLanes, Long version) {
}
