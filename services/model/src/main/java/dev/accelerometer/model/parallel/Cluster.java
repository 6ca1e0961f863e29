package dev.accelerometer.model.parallel;

import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Link;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.hardware.MissingFactException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hardware a plan runs on: N devices in nodes of g; the link inside a node (NVLink/NVSwitch/PCIe, per device per
 * direction, at the bandwidth collectives reach on it) and between nodes (one NIC port per device), each with a per-step
 * latency; or a TPU slice's torus.
 */
public record Cluster(Device device, int devices, int devicesPerNode, double intraBandwidth, double intraLatency, double interBandwidth,
        double interLatency, Torus torus) {

    /**
     * NCCL ring all-reduce bus bandwidth over NVLink as a fraction of the link's per-direction bandwidth: 208 GB/s busbw
     * measured on an A100 NVLink pair (NV12: 12 × 25 GB/s = 300 GB/s per direction), ledger comm-01 (nccl-tests
     * all_reduce_perf). Applied to NVLink/NVSwitch links; other links are used at their line rate (no measurement yet).
     */
    public static final double NVLINK_COLLECTIVE_EFFICIENCY = 208.0 / 300.0;
    /** Per-step latency of a collective when the catalog gives none: a few microseconds (NCCL small-message latency). */
    public static final double DEFAULT_LATENCY_SECONDS = 5e-6;

    /**
     * A TPU slice wired as a torus: {@code axes} chips along each dimension (e.g. 4×4×4), every chip linked to its two
     * neighbours on each axis by links of {@code linkBandwidth} bytes/s per direction.
     */
    public record Torus(int[] axes, double linkBandwidth, double latency) {
    }

    /**
     * The cluster of {@code devices} devices in nodes of {@code devicesPerNode}: inside a node over {@code intra} (or the
     * device's own scale-up link when null), between nodes over {@code inter} (one port per device, as on DGX A100/H100: 8
     * compute ports per 8 GPUs); on a torus when {@code torusShape} covers exactly the devices and {@code intra} gives its
     * links per chip. {@code assumptions} collects what the answer should say about the links.
     *
     * @throws MissingFactException when neither the link nor the device gives the bandwidth inside a node
     */
    public static Cluster of(Device device, int devices, int devicesPerNode, Link intra, Link inter, List<Integer> torusShape,
            String systemId, List<String> assumptions) {
        double intraBandwidth;
        double intraLatency = DEFAULT_LATENCY_SECONDS;
        if (intra != null) {
            intraBandwidth = intra.bandwidthPerDirectionBytesPerSecond();
            if (intra.latencySeconds() != null) {
                intraLatency = intra.latencySeconds();
            }
            // NVSwitch figures in the catalog are per switch; a GPU's own NVLink bandwidth bounds what it can send.
            if (device.scaleUpBandwidthPerDirectionBytesPerSecond() != null) {
                intraBandwidth = Math.min(intraBandwidth, device.scaleUpBandwidthPerDirectionBytesPerSecond());
            }
            if (intra.kind().isNvlink()) {
                intraBandwidth *= NVLINK_COLLECTIVE_EFFICIENCY;
                assumptions.add("collectives over " + intra.name() + " reach " + Math.round(NVLINK_COLLECTIVE_EFFICIENCY * 100)
                        + " % of its bandwidth (NCCL busbw on an A100 NVLink pair, ledger comm-01)");
            }
        } else if (device.scaleUpBandwidthPerDirectionBytesPerSecond() != null) {
            intraBandwidth = device.scaleUpBandwidthPerDirectionBytesPerSecond();
            if (device.scaleUpLinkKind() == LinkKind.NVLINK || device.scaleUpLinkKind() == LinkKind.NVSWITCH) {
                intraBandwidth *= NVLINK_COLLECTIVE_EFFICIENCY;
            }
        } else {
            throw new MissingFactException("scaleUpBandwidthPerDirectionBytesPerSecond",
                    "the catalog has no scale-up bandwidth for " + device.id() + "; name the link inside a node");
        }
        double interBandwidth = intraBandwidth;
        double interLatency = intraLatency;
        if (devices > devicesPerNode) {
            if (inter == null) {
                throw new MissingFactException("interNodeLinkId", "a cluster of more than one node needs the link between nodes");
            }
            interBandwidth = inter.bandwidthPerDirectionBytesPerSecond();
            interLatency = inter.latencySeconds() != null ? inter.latencySeconds() : DEFAULT_LATENCY_SECONDS;
            assumptions.add("one " + inter.name() + " port per device between nodes (" + Math.round(interBandwidth / 1e9) + " GB/s per direction)");
        }
        return new Cluster(device, devices, devicesPerNode, intraBandwidth, intraLatency, interBandwidth, interLatency,
                torus(torusShape, systemId, intra, devices, intraLatency, assumptions));
    }

    /**
     * A TPU slice's torus, when the system has a torus shape covering exactly the cluster's devices and its link gives the
     * chips' ICI: the catalog gives the ICI bandwidth per chip and direction over all its links, so one link carries that
     * ÷ links per chip. Collectives then run per torus axis instead of in a node and across a NIC fabric.
     */
    private static Torus torus(List<Integer> shape, String systemId, Link link, int devices, double latency, List<String> assumptions) {
        if (shape == null || shape.isEmpty() || link == null || link.linksPerDevice() == null) {
            return null;
        }
        int[] axes = shape.stream().mapToInt(Integer::intValue).toArray();
        if (Arrays.stream(axes).reduce(1, (x, y) -> x * y) != devices) {
            assumptions.add("the cluster uses " + devices + " of " + systemId + "'s torus " + shape
                    + ": collectives modelled as rings over its links, not per torus axis");
            return null;
        }
        double perLink = link.bandwidthPerDirectionBytesPerSecond() / link.linksPerDevice();
        assumptions.add(String.format(Locale.ROOT, "torus %s of %s: collectives run per axis on bidirectional rings of %s links at %.0f GB/s "
                + "per direction (%s per chip over %d links); tensor-parallel groups take the leading axes, data-parallel groups the next",
                shape, systemId, link.name(), perLink / 1e9, link.id(), link.linksPerDevice()));
        return new Torus(axes, perLink, latency);
    }
}
