package dev.accelerometer.model.hardware;

import java.util.OptionalDouble;

/** PCI Express throughput. */
public final class Pcie {
    /** Per-lane throughput per direction after 128b/130b encoding (PCI-SIG base specifications 3.0/4.0/5.0/6.0), bytes/s. */
    private static final double[] LANE_BYTES_PER_SECOND = {0, 0.25e9, 0.5e9, 0.985e9, 1.969e9, 3.938e9, 7.877e9};

    private Pcie() {
    }

    /** Per-direction bandwidth of a generation × lanes host link; empty for an unknown generation. */
    public static OptionalDouble bandwidthPerDirection(int generation, int lanes) {
        if (generation < 1 || generation >= LANE_BYTES_PER_SECOND.length || lanes < 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(LANE_BYTES_PER_SECOND[generation] * lanes);
    }

    /** Per-direction bandwidth of {@code device}'s host link; empty when the catalog lacks its generation or lanes, or knows neither. */
    public static OptionalDouble hostLink(Device device) {
        return device.hostLinkPcieGeneration() == null || device.hostLinkPcieLanes() == null ? OptionalDouble.empty()
                : bandwidthPerDirection(device.hostLinkPcieGeneration(), device.hostLinkPcieLanes());
    }

    /** How answers name {@code device}'s host link: "PCIe 4.0 x16". */
    public static String hostLinkName(Device device) {
        return "PCIe " + device.hostLinkPcieGeneration() + ".0 x" + device.hostLinkPcieLanes();
    }
}
