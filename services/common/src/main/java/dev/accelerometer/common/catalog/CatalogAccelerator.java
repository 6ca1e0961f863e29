package dev.accelerometer.common.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The fields of the catalog's Accelerator schema the cost model reads (the rest is ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogAccelerator(String id, String vendor, String name, String kind, String architecture, Long memoryBytes,
        Double memoryBandwidthBytesPerSecond, Double peakFp64FlopsPerSecond, Double peakFp32FlopsPerSecond,
        Double peakTf32FlopsPerSecond, Double peakFp16FlopsPerSecond, Double peakBf16FlopsPerSecond,
        Double peakFp8FlopsPerSecond, Double peakInt8OpsPerSecond, Double peakInt4OpsPerSecond, Integer computeUnits,
        Double boostClockHertz, Long l2CacheBytes, Integer systolicArrayRows, Integer systolicArrayColumns, Integer systolicArrayCount,
        Double tdpWatts, Double listPriceUsd, Double cloudPriceUsdPerHour, String scaleUpLinkKind, Double scaleUpBandwidthPerDirectionBytesPerSecond,
        Integer hostLinkPcieGeneration, Integer hostLinkPcieLanes, Long version, String cloudPriceProvider, String cloudPriceDate,
        String listPriceDate, Double structuredSparsityFactor, String formFactor, Double sustainedClockHertz, Double peakFp4FlopsPerSecond) {

    /** The same accelerator with a cloud price per device-hour (derived elsewhere, e.g. from a cloud instance). */
    public CatalogAccelerator withCloudPriceUsdPerHour(double usdPerHour) {
        return new CatalogAccelerator(id, vendor, name, kind, architecture, memoryBytes, memoryBandwidthBytesPerSecond, peakFp64FlopsPerSecond,
                peakFp32FlopsPerSecond, peakTf32FlopsPerSecond, peakFp16FlopsPerSecond, peakBf16FlopsPerSecond, peakFp8FlopsPerSecond,
                peakInt8OpsPerSecond, peakInt4OpsPerSecond, computeUnits, boostClockHertz, l2CacheBytes, systolicArrayRows, systolicArrayColumns,
                systolicArrayCount, tdpWatts, listPriceUsd, usdPerHour, scaleUpLinkKind, scaleUpBandwidthPerDirectionBytesPerSecond,
                hostLinkPcieGeneration, hostLinkPcieLanes, version, cloudPriceProvider, cloudPriceDate, listPriceDate, structuredSparsityFactor,
                formFactor, sustainedClockHertz, peakFp4FlopsPerSecond);
    }

    /**
     * The share of its peaks the board keeps under sustained load: sustainedClockHertz over boostClockHertz where the catalog has
     * both and the sustained clock is the lower, else 1.
     */
    public double sustainedClockShare() {
        return sustainedClockHertz == null || boostClockHertz == null || sustainedClockHertz >= boostClockHertz ? 1
                : sustainedClockHertz / boostClockHertz;
    }

    /** The dense peak for a number format (fp64, fp32, tf32, fp16, bf16, fp8, fp4, int8, int4); null where the device has no such mode. */
    public Double peak(String format) {
        return switch (format) {
            case "fp64" -> peakFp64FlopsPerSecond;
            case "fp32" -> peakFp32FlopsPerSecond;
            case "tf32" -> peakTf32FlopsPerSecond;
            case "fp16" -> peakFp16FlopsPerSecond;
            case "bf16" -> peakBf16FlopsPerSecond;
            case "fp8" -> peakFp8FlopsPerSecond;
            case "fp4" -> peakFp4FlopsPerSecond;
            case "int8" -> peakInt8OpsPerSecond;
            case "int4" -> peakInt4OpsPerSecond;
            default -> null;
        };
    }
}
