package dev.accelerometer.model.hardware;

/**
 * A link as the catalog describes it: bandwidth per device and direction (over all its lanes or links), per-hop latency
 * where known, how many physical links a device has of it (torus links per TPU chip), and whether it wires a node's devices
 * as a full mesh (a direct link to each peer: MI300X's xGMI, Gaudi's scale-up RoCE), where the bandwidth is the aggregate over
 * all peers and a group of fewer devices reaches only its share of it.
 */
public record Link(String id, String name, LinkKind kind, double bandwidthPerDirectionBytesPerSecond, Double latencySeconds,
        Integer linksPerDevice, boolean fullMesh) {

    /** A link that is not a full mesh (a switch, a bus, a torus, a NIC). */
    public Link(String id, String name, LinkKind kind, double bandwidthPerDirectionBytesPerSecond, Double latencySeconds, Integer linksPerDevice) {
        this(id, name, kind, bandwidthPerDirectionBytesPerSecond, latencySeconds, linksPerDevice, false);
    }
}
