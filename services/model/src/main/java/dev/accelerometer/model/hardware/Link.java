package dev.accelerometer.model.hardware;

/**
 * A link as the catalog describes it: bandwidth per device and direction (over all its lanes or links), per-hop latency
 * where known, and how many physical links a device has of it (torus links per TPU chip).
 */
public record Link(String id, String name, LinkKind kind, double bandwidthPerDirectionBytesPerSecond, Double latencySeconds,
        Integer linksPerDevice) {
}
