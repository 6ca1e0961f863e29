package dev.accelerometer.catalog.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Figures a buyer compares, derived only from the accelerator's own sourced fields (their sources are those fields').
 * Maps are keyed by number format ({@code fp16}, {@code bf16}, ...) and hold only formats the device has.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AcceleratorFigures", description = "Derived figures: ridge point, efficiency and price-performance per number format.")
public record AcceleratorFigures(
        @Schema(description = "Peak FLOP/s ÷ memory bandwidth: below this arithmetic intensity (FLOP/byte) a kernel is memory-bound.")
        Map<String, Double> ridgePointFlopsPerByte,
        @Schema(description = "Peak FLOP/s ÷ TDP watts.") Map<String, Double> flopsPerSecondPerWatt,
        @Schema(description = "Peak FLOP/s ÷ list price in USD.") Map<String, Double> flopsPerSecondPerListPriceUsd,
        @Schema(description = "Peak FLOP/s ÷ cloud USD per device-hour.") Map<String, Double> flopsPerSecondPerCloudUsdPerHour,
        @Schema(description = "Memory bytes ÷ list price in USD.") Double memoryBytesPerListPriceUsd,
        @Schema(description = "Memory bytes ÷ cloud USD per device-hour.") Double memoryBytesPerCloudUsdPerHour) {

    public static AcceleratorFigures of(Accelerator a) {
        Map<String, Double> ridge = new LinkedHashMap<>();
        Map<String, Double> perWatt = new LinkedHashMap<>();
        Map<String, Double> perListUsd = new LinkedHashMap<>();
        Map<String, Double> perCloudUsdHour = new LinkedHashMap<>();
        for (NumberFormat format : NumberFormat.values()) {
            Double peak = a.peak(format);
            if (peak == null) {
                continue;
            }
            ridge.put(format.slug(), ratio(peak, a.memoryBandwidthBytesPerSecond()));
            putRatio(perWatt, format, peak, a.tdpWatts());
            putRatio(perListUsd, format, peak, a.listPriceUsd());
            putRatio(perCloudUsdHour, format, peak, a.cloudPriceUsdPerHour());
        }
        return new AcceleratorFigures(ridge, perWatt, perListUsd, perCloudUsdHour,
                ratio(toDouble(a.memoryBytes()), a.listPriceUsd()), ratio(toDouble(a.memoryBytes()), a.cloudPriceUsdPerHour()));
    }

    /** SQL over the stored JSON document that computes a derived figure, for sorting: {@code null} for unknown keys. */
    public static String sqlExpression(String sortKey) {
        if (sortKey.equals("derived.memoryBytesPerListPriceUsd")) {
            return quotient("memoryBytes", "listPriceUsd");
        }
        if (sortKey.equals("derived.memoryBytesPerCloudUsdPerHour")) {
            return quotient("memoryBytes", "cloudPriceUsdPerHour");
        }
        String[] parts = sortKey.split("\\.");
        if (parts.length != 3 || !parts[0].equals("derived")) {
            return null;
        }
        var format = NumberFormat.fromSlug(parts[2]);
        if (format.isEmpty()) {
            return null;
        }
        String peak = Accelerator.peakField(format.get());
        return switch (parts[1]) {
            case "ridgePointFlopsPerByte" -> quotient(peak, "memoryBandwidthBytesPerSecond");
            case "flopsPerSecondPerWatt" -> quotient(peak, "tdpWatts");
            case "flopsPerSecondPerListPriceUsd" -> quotient(peak, "listPriceUsd");
            case "flopsPerSecondPerCloudUsdPerHour" -> quotient(peak, "cloudPriceUsdPerHour");
            default -> null;
        };
    }

    private static String quotient(String numerator, String denominator) {
        return "((doc->>'" + numerator + "')::float8 / nullif((doc->>'" + denominator + "')::float8, 0))";
    }

    private static void putRatio(Map<String, Double> into, NumberFormat format, double numerator, Double denominator) {
        Double value = ratio(numerator, denominator);
        if (value != null) {
            into.put(format.slug(), value);
        }
    }

    private static Double ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || denominator == 0) {
            return null;
        }
        return numerator / denominator;
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }
}
