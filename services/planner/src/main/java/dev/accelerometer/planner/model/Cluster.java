package dev.accelerometer.planner.model;

/**
 * The hardware a plan runs on: N devices in nodes of g, each device with a peak for the training format, memory and
 * bandwidth; the link inside a node (NVLink/NVSwitch/PCIe, per device per direction) and between nodes (per device:
 * the node's NIC bandwidth divided over its devices), each with a per-step latency.
 */
public record Cluster(String acceleratorId, int devices, int devicesPerNode, double peakFlopsPerSecond, long memoryBytes,
        double memoryBandwidthBytesPerSecond, double intraBandwidth, double intraLatency, double interBandwidth, double interLatency,
        Double tdpWatts, Double cloudPriceUsdPerHour, Torus torus) {

    /** A switched cluster (NVLink/NVSwitch in a node, a NIC fabric between nodes). */
    public Cluster(String acceleratorId, int devices, int devicesPerNode, double peakFlopsPerSecond, long memoryBytes,
            double memoryBandwidthBytesPerSecond, double intraBandwidth, double intraLatency, double interBandwidth, double interLatency,
            Double tdpWatts, Double cloudPriceUsdPerHour) {
        this(acceleratorId, devices, devicesPerNode, peakFlopsPerSecond, memoryBytes, memoryBandwidthBytesPerSecond, intraBandwidth,
                intraLatency, interBandwidth, interLatency, tdpWatts, cloudPriceUsdPerHour, null);
    }

    /**
     * A TPU slice wired as a torus: {@code axes} chips along each dimension (e.g. 4×4×4), every chip linked to its two
     * neighbours on each axis by links of {@code linkBandwidth} bytes/s per direction.
     */
    public record Torus(int[] axes, double linkBandwidth, double latency) {
    }
}
