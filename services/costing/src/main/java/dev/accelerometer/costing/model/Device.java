package dev.accelerometer.costing.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The facts about an accelerator the cost model uses, as read from the catalog. Absent facts are null and the model
 * says which refinement it had to skip.
 */
public record Device(
        String id, String name, Kind kind, String architecture,
        long memoryBytes, double memoryBandwidthBytesPerSecond, Map<Format, Double> peakPerSecond,
        Integer computeUnits, Double boostClockHertz, Long l2CacheBytes,
        Integer systolicArrayRows, Integer systolicArrayColumns, Integer systolicArrayCount,
        Double tdpWatts, Double listPriceUsd, Double cloudPriceUsdPerHour,
        Double scaleUpBandwidthPerDirectionBytesPerSecond, Integer hostLinkPcieGeneration, Integer hostLinkPcieLanes) {

    public enum Kind { GPU, TPU, OTHER }

    public Device {
        peakPerSecond = peakPerSecond.isEmpty() ? Map.of() : new EnumMap<>(peakPerSecond);
    }

    public boolean supports(Format format) {
        return peakPerSecond.containsKey(format);
    }

    /** The peak for a format; the caller has checked {@link #supports}. */
    public double peak(Format format) {
        Double peak = peakPerSecond.get(format);
        if (peak == null) {
            throw new UnsupportedFormatException(this, format);
        }
        return peak;
    }

    public String supportedFormats() {
        return peakPerSecond.keySet().stream().map(Format::slug).collect(Collectors.joining(", "));
    }

    public boolean hasSystolicArrays() {
        return systolicArrayRows != null && systolicArrayColumns != null && systolicArrayCount != null;
    }

    /** Thrown when a workload asks for a number format the device has no mode for (fp8 on V100, int4 on H100). */
    public static final class UnsupportedFormatException extends RuntimeException {
        public final Device device;
        public final Format format;

        public UnsupportedFormatException(Device device, Format format) {
            super(device.name() + " has no " + format.slug() + " mode; it supports " + device.supportedFormats());
            this.device = device;
            this.format = format;
        }
    }
}
