package dev.accelerometer.model.hardware;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The facts about an accelerator the models use, as read from the catalog. Absent facts are null and the model says
 * which refinement it had to skip.
 */
public record Device(
        String id, String name, Kind kind, Architecture architecture, String architectureName,
        long memoryBytes, double memoryBandwidthBytesPerSecond, Map<Format, Double> peakPerSecond,
        Integer computeUnits, Double boostClockHertz, Long l2CacheBytes,
        Integer systolicArrayRows, Integer systolicArrayColumns, Integer systolicArrayCount,
        Double tdpWatts, Double listPriceUsd, Double cloudPriceUsdPerHour,
        LinkKind scaleUpLinkKind, Double scaleUpBandwidthPerDirectionBytesPerSecond, Integer hostLinkPcieGeneration,
        Integer hostLinkPcieLanes, boolean consumerBoard) {

    public enum Kind { GPU, TPU, OTHER }

    public Device {
        peakPerSecond = peakPerSecond.isEmpty() ? Map.of() : new EnumMap<>(peakPerSecond);
    }

    /** A device that is not a consumer board (the catalog's formFactor pcie-consumer: GeForce, TITAN). */
    public Device(String id, String name, Kind kind, Architecture architecture, String architectureName, long memoryBytes,
            double memoryBandwidthBytesPerSecond, Map<Format, Double> peakPerSecond, Integer computeUnits, Double boostClockHertz,
            Long l2CacheBytes, Integer systolicArrayRows, Integer systolicArrayColumns, Integer systolicArrayCount, Double tdpWatts,
            Double listPriceUsd, Double cloudPriceUsdPerHour, LinkKind scaleUpLinkKind, Double scaleUpBandwidthPerDirectionBytesPerSecond,
            Integer hostLinkPcieGeneration, Integer hostLinkPcieLanes) {
        this(id, name, kind, architecture, architectureName, memoryBytes, memoryBandwidthBytesPerSecond, peakPerSecond, computeUnits,
                boostClockHertz, l2CacheBytes, systolicArrayRows, systolicArrayColumns, systolicArrayCount, tdpWatts, listPriceUsd,
                cloudPriceUsdPerHour, scaleUpLinkKind, scaleUpBandwidthPerDirectionBytesPerSecond, hostLinkPcieGeneration, hostLinkPcieLanes,
                false);
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

    /** Upper bound on the energy of {@code devices} such devices for {@code seconds}: all at TDP; null without a TDP. */
    public Double energyJoules(double seconds, int devices) {
        return tdpWatts == null ? null : tdpWatts * seconds * devices;
    }

    /** Dollars for {@code devices} such devices for {@code seconds} at the cloud price per device-hour; null without one. */
    public Double costUsd(double seconds, int devices) {
        return cloudPriceUsdPerHour == null ? null : cloudPriceUsdPerHour * seconds / 3600 * devices;
    }

    /** The same device at another cloud price per device-hour (e.g. derived from the cheapest instance holding it). */
    public Device withCloudPriceUsdPerHour(Double usdPerHour) {
        return new Device(id, name, kind, architecture, architectureName, memoryBytes, memoryBandwidthBytesPerSecond, peakPerSecond,
                computeUnits, boostClockHertz, l2CacheBytes, systolicArrayRows, systolicArrayColumns, systolicArrayCount, tdpWatts,
                listPriceUsd, usdPerHour, scaleUpLinkKind, scaleUpBandwidthPerDirectionBytesPerSecond, hostLinkPcieGeneration,
                hostLinkPcieLanes, consumerBoard);
    }

    /**
     * The same device at another clock: every compute peak scaled by {@code clockHertz} over the boost clock, the clock itself
     * replaced (a power-capped board under sustained load); memory bandwidth unchanged. Unchanged without a boost clock.
     */
    public Device atClock(double clockHertz) {
        if (boostClockHertz == null) {
            return this;
        }
        double share = clockHertz / boostClockHertz;
        Map<Format, Double> peaks = new EnumMap<>(Format.class);
        peakPerSecond.forEach((f, p) -> peaks.put(f, p * share));
        return new Device(id, name, kind, architecture, architectureName, memoryBytes, memoryBandwidthBytesPerSecond, peaks, computeUnits,
                clockHertz, l2CacheBytes, systolicArrayRows, systolicArrayColumns, systolicArrayCount, tdpWatts, listPriceUsd,
                cloudPriceUsdPerHour, scaleUpLinkKind, scaleUpBandwidthPerDirectionBytesPerSecond, hostLinkPcieGeneration, hostLinkPcieLanes,
                consumerBoard);
    }

    /** Thrown when a workload asks for a number format the device has no mode for (fp8 on V100, int4 on H100). */
    public static final class UnsupportedFormatException extends RuntimeException {
        public final transient Device device;
        public final Format format;

        public UnsupportedFormatException(Device device, Format format) {
            super(device.name() + " has no " + format.slug() + " mode; it supports " + device.supportedFormats());
            this.device = device;
            this.format = format;
        }
    }
}
