package dev.accelerometer.model.parallel;

import dev.accelerometer.model.collective.CollectiveEfficiency;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Link;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.hardware.MissingFactException;
import dev.accelerometer.model.hardware.Pcie;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The hardware a plan runs on: N devices in nodes of g; the link inside a node (NVLink/NVSwitch/PCIe, per device per
 * direction, at the bandwidth collectives reach on it, {@link CollectiveEfficiency}) and between nodes (the node's NIC
 * ports shared by its devices, at the bandwidth rings crossing nodes reach), each with a per-step latency; or a TPU
 * slice's torus. {@code intraKind} and {@code nvls} (a third-generation or later NVSwitch, which reduces in the switch)
 * say which collective algorithms the node offers.
 */
public record Cluster(Device device, int devices, int devicesPerNode, double intraBandwidth, double intraLatency, double interBandwidth,
        double interLatency, Torus torus, LinkKind intraKind, boolean nvls, int meshDevices) {

    /** A cluster whose node link is not a full mesh. */
    public Cluster(Device device, int devices, int devicesPerNode, double intraBandwidth, double intraLatency, double interBandwidth,
            double interLatency, Torus torus, LinkKind intraKind, boolean nvls) {
        this(device, devices, devicesPerNode, intraBandwidth, intraLatency, interBandwidth, interLatency, torus, intraKind, nvls, 0);
    }

    /**
     * The share of a full mesh's aggregate bandwidth {@code n} of its {@code meshDevices} devices reach: each has a direct link to
     * every peer, so a group of n uses n − 1 of its m − 1 peer links (a pair of MI300X shares one 64 GB/s xGMI link of the
     * seven; Intel's network page: "3 scale-up ports for each connection inside the box" of the 21). One device keeps one link
     * (it runs no collective). 1 for a link that is not a mesh, and for groups spanning the whole node.
     */
    public static double meshShare(int meshDevices, int n) {
        if (meshDevices <= 1 || n >= meshDevices) {
            return 1;
        }
        return Math.max(1, n - 1) / (double) (meshDevices - 1);
    }

    /**
     * NVLink SHARP needs the third-generation NVSwitch (H100 and later: NVIDIA H100 Tensor Core GPU Architecture
     * whitepaper, 2022, 'NVLink SHARP'), whose GPUs have NVLink 4 at 450 GB/s per direction or more.
     */
    static final double NVLS_MIN_LINK_BANDWIDTH = 450e9;

    /**
     * A TPU slice wired as a torus: {@code axes} chips along each dimension (e.g. 4×4×4), every chip linked to its two
     * neighbours on each axis by links of {@code linkBandwidth} bytes/s per direction.
     */
    public record Torus(int[] axes, double linkBandwidth, double latency) {
    }

    /**
     * The cluster of {@code devices} devices in nodes of {@code devicesPerNode}: inside a node over {@code intra} (or the
     * device's own scale-up link when null), between nodes over {@code interLinksPerNode} ports of {@code inter} (null: one
     * per device, as on DGX A100/H100: 8 compute ports per 8 GPUs); on a torus when {@code torusShape} covers exactly the
     * devices and {@code intra} gives its links per chip. {@code assumptions} collects what the answer should say about
     * the links.
     *
     * @throws MissingFactException when neither the link nor the device gives the bandwidth inside a node
     */
    public static Cluster of(Device device, int devices, int devicesPerNode, Link intra, Link inter, Integer interLinksPerNode,
            List<Integer> torusShape, String systemId, List<String> assumptions) {
        double lineRate;
        LinkKind kind;
        String name;
        double intraLatency = CollectiveEfficiency.STEP_LATENCY_SECONDS;
        OptionalDouble pcie = Pcie.hostLink(device);
        if (intra != null) {
            lineRate = intra.bandwidthPerDirectionBytesPerSecond();
            kind = intra.kind();
            name = intra.name();
            // NCCL's per-step latency (measured, CollectiveEfficiency) includes the software around a hop; a catalog hop
            // latency stands for the step only on a TPU torus, where XLA's collectives are hardware-driven.
            if (intra.latencySeconds() != null && kind == LinkKind.ICI) {
                intraLatency = intra.latencySeconds();
            }
            // NVSwitch figures in the catalog are per switch; a GPU's own NVLink bandwidth bounds what it can send.
            if (device.scaleUpBandwidthPerDirectionBytesPerSecond() != null) {
                lineRate = Math.min(lineRate, device.scaleUpBandwidthPerDirectionBytesPerSecond());
            }
        } else if (device.scaleUpBandwidthPerDirectionBytesPerSecond() != null) {
            lineRate = device.scaleUpBandwidthPerDirectionBytesPerSecond();
            kind = device.scaleUpLinkKind() == null ? LinkKind.OTHER : device.scaleUpLinkKind();
            name = device.name() + "'s scale-up link";
        } else if (devices == 1) {
            // One device runs no collective (every collective over one device costs nothing, Collectives): no link to ask for.
            lineRate = 0;
            kind = LinkKind.OTHER;
            name = "no link (one device)";
        } else if (pcie.isPresent()) {
            // No scale-up fabric (NVLink, Infinity Fabric): the devices of a node reach each other over their PCIe host links,
            // peer to peer through the host's switches, as GPUs without NVLink run tensor parallelism (NCCL's P2P/SHM paths).
            lineRate = pcie.getAsDouble();
            kind = LinkKind.PCIE;
            name = "its " + Pcie.hostLinkName(device) + " host link (" + device.id() + " has no scale-up link in the catalog)";
        } else {
            throw new MissingFactException("scaleUpBandwidthPerDirectionBytesPerSecond",
                    "the catalog has no scale-up bandwidth for " + device.id() + ", nor its PCIe host link; name the link inside a node");
        }
        double efficiency = CollectiveEfficiency.ring(kind);
        int mesh = intra != null && intra.fullMesh() ? devicesPerNode : 0;
        double intraBandwidth = lineRate * efficiency * meshShare(mesh, devices);
        if (mesh > 1 && devices > 1 && devices < mesh) {
            assumptions.add(String.format(Locale.ROOT, "%s wires the node's %d devices as a full mesh: %d of them use %d of each device's %d peer "
                    + "links, %.0f GB/s of its %.0f GB/s per direction", name, mesh, devices, devices - 1, mesh - 1,
                    lineRate * meshShare(mesh, devices) / 1e9, lineRate / 1e9));
        }
        if (devices > 1) {
            assumptions.add(String.format(Locale.ROOT, "collectives over %s reach %.0f %% of its %.0f GB/s per direction (%s)", name,
                    efficiency * 100, lineRate / 1e9, CollectiveEfficiency.measured(kind)
                            ? (kind == LinkKind.INFINITY_FABRIC ? "RCCL" : "NCCL") + " ring bus bandwidth on published systems, CollectiveEfficiency"
                            : "no published collective measurement for this link: assumed, wider error band"));
        }
        double interBandwidth = intraBandwidth;
        double interLatency = intraLatency;
        if (devices > devicesPerNode) {
            if (inter == null) {
                throw new MissingFactException("interNodeLinkId", "a cluster of more than one node needs the link between nodes");
            }
            int ports = interLinksPerNode == null ? devicesPerNode : interLinksPerNode;
            interBandwidth = inter.bandwidthPerDirectionBytesPerSecond() * ports / devicesPerNode * CollectiveEfficiency.NIC_RING;
            interLatency = Math.max(CollectiveEfficiency.STEP_LATENCY_SECONDS, inter.latencySeconds() == null ? 0 : inter.latencySeconds());
            assumptions.add(String.format(Locale.ROOT, "%d %s port%s per node of %d devices between nodes, rings crossing nodes reach "
                    + "%.0f %% of them (NCCL bus bandwidth on multi-node systems, CollectiveEfficiency): %.0f GB/s per device and direction",
                    ports, inter.name(), ports == 1 ? "" : "s", devicesPerNode, CollectiveEfficiency.NIC_RING * 100, interBandwidth / 1e9));
        }
        boolean nvls = kind == LinkKind.NVSWITCH && lineRate >= NVLS_MIN_LINK_BANDWIDTH;
        return new Cluster(device, devices, devicesPerNode, intraBandwidth, intraLatency, interBandwidth, interLatency,
                torus(torusShape, systemId, intra, devices, intraLatency, assumptions), kind, nvls, mesh);
    }

    /**
     * The first {@code n} devices of this cluster as a cluster of their own — inside one node when n fits one (a serving
     * replica's tensor-parallel group), on no torus.
     */
    public Cluster group(int n) {
        double intra = intraBandwidth / meshShare(meshDevices, devices) * meshShare(meshDevices, n);
        return new Cluster(device, n, devicesPerNode, intra, intraLatency, interBandwidth, interLatency, null, intraKind, nvls, meshDevices);
    }

    /**
     * The same cluster with its collectives' bandwidth inside a node (the torus links too) and between nodes × the
     * calibration's collective scales: a calibration profile fitted to the user's own nccl-tests runs (1 in the table).
     */
    public Cluster withCollectiveScale(dev.accelerometer.model.calibration.Calibration cal) {
        double intra = cal.intraNodeCollectiveScale();
        double inter = cal.interNodeCollectiveScale();
        if (intra == 1.0 && inter == 1.0) {
            return this;
        }
        Torus scaled = torus == null ? null : new Torus(torus.axes(), torus.linkBandwidth() * intra, torus.latency());
        return new Cluster(device, devices, devicesPerNode, intraBandwidth * intra, intraLatency,
                devices <= devicesPerNode ? interBandwidth * intra : interBandwidth * inter, interLatency, scaled, intraKind, nvls, meshDevices);
    }

    /** Number of nodes the devices fill. */
    public int nodes() {
        return (devices + devicesPerNode - 1) / devicesPerNode;
    }

    /** Bandwidth of one hop between two devices: a torus link, the network between nodes, or the link inside a node. */
    public double hopBandwidth(boolean crossNode) {
        return torus != null ? torus.linkBandwidth() : crossNode ? interBandwidth : intraBandwidth;
    }

    /** Latency of that hop. */
    public double hopLatency(boolean crossNode) {
        return torus != null ? torus.latency() : crossNode ? interLatency : intraLatency;
    }

    /** The per-direction bandwidth of the link inside a node, before the collective efficiency. */
    public double intraLineRate() {
        return intraBandwidth / CollectiveEfficiency.ring(intraKind);
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
