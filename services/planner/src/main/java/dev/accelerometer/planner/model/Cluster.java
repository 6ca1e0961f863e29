package dev.accelerometer.planner.model;

/**
 * The hardware a plan runs on: N devices in nodes of g, each device with a peak for the training format, memory and
 * bandwidth; the link inside a node (NVLink/NVSwitch/PCIe, per device per direction) and between nodes (per device:
 * the node's NIC bandwidth divided over its devices), each with a per-step latency.
 */
public record Cluster(String acceleratorId, int devices, int devicesPerNode, double peakFlopsPerSecond, long memoryBytes,
        double memoryBandwidthBytesPerSecond, double intraBandwidth, double intraLatency, double interBandwidth, double interLatency,
        Double tdpWatts, Double cloudPriceUsdPerHour) {
}
