package dev.accelerometer.model.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.accelerometer.model.Fixtures;
import dev.accelerometer.model.hardware.Device;
import dev.accelerometer.model.hardware.Link;
import dev.accelerometer.model.hardware.LinkKind;
import dev.accelerometer.model.parallel.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The collective model against published nccl-tests bus bandwidths (catalog ledger comm-01 and comm-11 … comm-51, all read
 * 2026-11-29; sources in the ledger and in each case's note). Cases marked {@code derived} were used to derive a
 * {@link CollectiveEfficiency} constant; the others were not. Bands by regime: large messages (≥ 1 GiB) within 15 %
 * (the bar), 100 MiB–1 GiB within 25 %, latency-bound small messages (≤ 32 KiB) within 60 %; PCIe rings within
 * 30 % (the spread of their own derivation set, ±21 %, plus host topology). Prints the report per category.
 */
class CollectiveValidationTest {
    private static final Link NVSWITCH_2 = new Link("nvswitch-gen2", "NVSwitch gen2", LinkKind.NVSWITCH, 300e9, null, 12);
    private static final Link NVSWITCH_3 = new Link("nvswitch-gen3", "NVSwitch gen3", LinkKind.NVSWITCH, 450e9, 3.7e-6, 18);
    private static final Link NVSWITCH_4 = new Link("nvswitch-gen4", "NVSwitch gen4", LinkKind.NVSWITCH, 900e9, null, 18);
    private static final Link NVLINK_3 = new Link("nvlink-3", "NVLink 3 (NV12 pair)", LinkKind.NVLINK, 300e9, null, 12);
    private static final Link PCIE_5 = new Link("pcie-5", "PCIe 5.0 x16", LinkKind.PCIE, 63.015e9, null, null);
    private static final Link HDR = new Link("infiniband-hdr", "InfiniBand HDR", LinkKind.INFINIBAND, 25e9, 0.6e-6, null);
    private static final Link ROCE_400 = new Link("roce-400g", "RoCE 400G", LinkKind.ROCE, 50e9, null, null);
    private static final Link EFA_400 = new Link("efa-400g", "EFA 400G", LinkKind.ETHERNET, 50e9, null, null);
    /** The MI300X Platform's xGMI mesh: 7 links × 64 GB/s per direction (catalog amd-infinity-fabric-mi300x, AMD's RCCL/xGMI blog). */
    private static final Link XGMI_MI300X = new Link("amd-infinity-fabric-mi300x", "Infinity Fabric mesh (MI300X)", LinkKind.INFINITY_FABRIC, 448e9,
            null, 7);

    /** Gaudi 3's scale-up mesh: 21 on-chip 200 GbE ports per card, 3 to each of 7 peers, 525 GB/s per direction (catalog intel-gaudi3-scale-up). */
    private static final Link GAUDI3_MESH = new Link("intel-gaudi3-scale-up", "Gaudi 3 scale-up RoCE mesh", LinkKind.ROCE, 525e9, null, 21, true);

    record Case(String id, String category, String system, Device device, int devices, int perNode, Link intra, Link inter,
            Integer ports, Collective collective, double bytes, double measuredBusGbps, boolean derived, double band) {
    }

    private static final double GIB = 1L << 30;

    static final List<Case> CASES = List.of(
            // NVLink rings and NVLS inside one node.
            new Case("comm-11", "nvlink", "8×A100 SXM, NVSwitch gen2 (ml-engineering network/README.md @744d01e)", Fixtures.A100_SXM_80GB,
                    8, 8, NVSWITCH_2, null, null, Collective.ALL_REDUCE, 16 * GIB, 234.89, true, 0.15),
            new Case("comm-33", "nvlink", "8×A100 80GB, Azure ND A100 v4 (Azure/AI-benchmarking-guide)", Fixtures.A100_SXM_80GB, 8, 8,
                    NVSWITCH_2, null, null, Collective.ALL_REDUCE, 8 * GIB, 231.58, false, 0.15),
            new Case("comm-34", "nvlink", "8×A100, AWS p4dn (NVIDIA/nccl#527)", Fixtures.A100_SXM_80GB, 8, 8, NVSWITCH_2, null, null,
                    Collective.ALL_REDUCE, 1 * GIB, 230.77, false, 0.15),
            new Case("comm-01", "nvlink", "2×A100 NV12 pair (NVIDIA/nccl-tests#178)", Fixtures.A100_SXM_80GB, 2, 2, NVLINK_3, null, null,
                    Collective.ALL_REDUCE, 12 * GIB, 208.0, false, 0.15),
            new Case("comm-14", "nvlink", "8×H100, Azure ND H100 v5, NVLS (Azure/AI-benchmarking-guide)", Fixtures.H100_SXM, 8, 8,
                    NVSWITCH_3, null, null, Collective.ALL_REDUCE, 8 * GIB, 478.87, true, 0.15),
            new Case("comm-35", "nvlink", "8×H100, Azure ND H100 v5, NVLS, 4 GiB", Fixtures.H100_SXM, 8, 8, NVSWITCH_3, null, null,
                    Collective.ALL_REDUCE, 4 * GIB, 475.54, false, 0.15),
            new Case("comm-36", "nvlink", "8×H200, Azure ND H200 v5, NVLS", Fixtures.H100_SXM, 8, 8, NVSWITCH_3, null, null,
                    Collective.ALL_REDUCE, 8 * GIB, 479.98, false, 0.15),
            new Case("comm-17", "nvlink", "4×H200, default = NVLS off (ml-engineering)", Fixtures.H100_SXM, 4, 4, NVSWITCH_3, null, null,
                    Collective.ALL_REDUCE, 8 * GIB, 363.3, false, 0.15),
            new Case("comm-37", "nvlink", "8×H200 all_gather, ring (ml-engineering)", Fixtures.H100_SXM, 8, 8, NVSWITCH_3, null, null,
                    Collective.ALL_GATHER, 16 * GIB, 361.4, false, 0.15),
            new Case("comm-38", "nvlink", "8×H200 reduce_scatter, ring (ml-engineering)", Fixtures.H100_SXM, 8, 8, NVSWITCH_3, null, null,
                    Collective.REDUCE_SCATTER, 16 * GIB, 362.9, false, 0.15),
            new Case("comm-16", "nvlink", "8×B200, AWS p6-b200, NVLS (ml-engineering)", b200(), 8, 8, NVSWITCH_4, null, null,
                    Collective.ALL_REDUCE, 8 * GIB, 838.0, true, 0.15),
            new Case("comm-39", "nvlink", "8×B200, NVLS, 16 GiB (ml-engineering)", b200(), 8, 8, NVSWITCH_4, null, null,
                    Collective.ALL_REDUCE, 16 * GIB, 845.67, false, 0.15),
            new Case("comm-18", "nvlink", "4×B200, default = NVLS off (ml-engineering)", b200(), 4, 4, NVSWITCH_4, null, null,
                    Collective.ALL_REDUCE, 8 * GIB, 673.2, false, 0.15),
            new Case("comm-40", "nvlink", "4×GB200, Azure ND GB200 v6", b200(), 4, 4, NVSWITCH_4, null, null, Collective.ALL_REDUCE,
                    8 * GIB, 679.61, false, 0.15),
            // Mid-size and latency-bound messages inside a node.
            new Case("comm-41", "nvlink-mid", "8×A100 256 MiB (ml-engineering)", Fixtures.A100_SXM_80GB, 8, 8, NVSWITCH_2, null, null,
                    Collective.ALL_REDUCE, 256.0 * (1 << 20), 194.07, false, 0.25),
            new Case("comm-42", "nvlink-mid", "8×A100 256 MiB, Azure ND A100 v4", Fixtures.A100_SXM_80GB, 8, 8, NVSWITCH_2, null, null,
                    Collective.ALL_REDUCE, 268435456, 213.87, false, 0.25),
            new Case("comm-43", "nvlink-mid", "8×H100 256 MiB, Azure ND H100 v5", Fixtures.H100_SXM, 8, 8, NVSWITCH_3, null, null,
                    Collective.ALL_REDUCE, 268435456, 423.38, false, 0.25),
            new Case("comm-44", "nvlink-small", "8×A100 32 KiB (ml-engineering)", Fixtures.A100_SXM_80GB, 8, 8, NVSWITCH_2, null, null,
                    Collective.ALL_REDUCE, 32768, 1.31, false, 0.60),
            new Case("comm-45", "nvlink-small", "8×H200 32 KiB, NVLS (ml-engineering)", Fixtures.H100_SXM, 8, 8, NVSWITCH_3, null, null,
                    Collective.ALL_REDUCE, 32768, 1.44, false, 0.60),
            new Case("comm-28", "nvlink-small", "8×A100 1 KiB, Azure ND A100 v4", Fixtures.A100_SXM_80GB, 8, 8, NVSWITCH_2, null, null,
                    Collective.ALL_REDUCE, 1024, 0.04, true, 0.60),
            // The MI300X Platform's Infinity Fabric mesh (RCCL 2.22.3, AMD's RCCL/xGMI blog, and the ROCm docs' validation run).
            new Case("comm-47", "infinity-fabric", "8×MI300X, xGMI mesh, 8 GiB (AMD ROCm blog, RCCL 2.22.3)", Fixtures.MI300X, 8, 8, XGMI_MI300X,
                    null, null, Collective.ALL_REDUCE, 8 * GIB, 317.96, true, 0.15),
            new Case("comm-48", "infinity-fabric", "8×MI300X, xGMI mesh, 8 GiB (ROCm docs rccl-tests screenshot)", Fixtures.MI300X, 8, 8,
                    XGMI_MI300X, null, null, Collective.ALL_REDUCE, 8 * GIB, 317.29, true, 0.15),
            new Case("comm-46", "infinity-fabric", "8×MI300X, xGMI mesh, 1 GiB (AMD ROCm blog, RCCL 2.22.3)", Fixtures.MI300X, 8, 8, XGMI_MI300X,
                    null, null, Collective.ALL_REDUCE, 1 * GIB, 314.72, false, 0.15),
            // Gaudi 3's full RoCE mesh (Intel's hccl_demo outputs in the Gaudi docs, one HLS-3 box): held out — the NIC-ring efficiency
            // on the mesh's aggregate; all_gather's 16 MiB per rank is 128 MiB in nccl-tests' count; mid-size messages, so the 25 % band.
            // HCCL reaches 97-98 % of the mesh's 525 GB/s here; the model's 0.890 (NVIDIA NIC rings) gives 12-14 % less.
            new Case("comm-49", "gaudi-mesh", "8×Gaudi 3, HLS-3 RoCE mesh, all_reduce 256 MiB (Intel Gaudi docs, hccl_demo)", Fixtures.GAUDI_3, 8, 8,
                    GAUDI3_MESH, null, null, Collective.ALL_REDUCE, 268435456, 512.957, false, 0.25),
            new Case("comm-51", "gaudi-mesh", "8×Gaudi 3, HLS-3 RoCE mesh, all_gather 8 × 16 MiB (Intel Gaudi docs, hccl_demo)", Fixtures.GAUDI_3, 8,
                    8, GAUDI3_MESH, null, null, Collective.ALL_GATHER, 8 * 16777216.0, 509.189, false, 0.25),
            // PCIe without NVLink.
            new Case("comm-19", "pcie", "8×RTX PRO 6000 behind PCIe 5 switches (voipmonitor/rtx6kpro)", rtx(), 8, 8, PCIE_5, null, null,
                    Collective.ALL_REDUCE, 8 * GIB, 41.1, true, 0.30),
            new Case("comm-21", "pcie", "8×RTX 5090, PCIe 5 (NVIDIA/nccl#1639)", rtx(), 8, 8, PCIE_5, null, null, Collective.ALL_REDUCE,
                    8 * GIB, 28.0, true, 0.30),
            // Rings across nodes.
            new Case("comm-23", "multi-node", "3 nodes of 8×A100, 4×HDR 200G (NVIDIA/nccl-tests#119)", Fixtures.A100_SXM_80GB, 24, 8,
                    NVSWITCH_2, HDR, 4, Collective.ALL_REDUCE, 133169160, 95.74, true, 0.15),
            new Case("comm-24", "multi-node", "2 nodes of 8×H100, 8×RoCE 400G, NVLS off (NVIDIA/nccl#1221)", Fixtures.H100_SXM, 16, 8,
                    NVSWITCH_3, ROCE_400, 8, Collective.ALL_REDUCE, 8 * GIB, 330.0, true, 0.15),
            new Case("comm-26", "multi-node", "4 nodes of 8×B200, EFA 8×400G (ml-engineering)", b200(), 32, 8, NVSWITCH_4, EFA_400, 8,
                    Collective.ALL_REDUCE, 16 * GIB, 381.8, true, 0.15));

    @Test
    void publishedBusBandwidthsAreWithinTheirBands() {
        List<String> report = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        for (Case c : CASES) {
            Cluster cluster = Cluster.of(c.device(), c.devices(), c.perNode(), c.intra(), c.inter(), c.ports(), null, null, new ArrayList<>());
            CollectiveModel.Estimate e = CollectiveModel.estimate(cluster, c.collective(), c.bytes());
            double predicted = e.busBandwidth() / 1e9;
            double error = predicted / c.measuredBusGbps() - 1;
            String line = String.format(Locale.ROOT, "%-12s %-8s %-70s %-13s %8.2f GB/s measured %8.2f predicted %+6.1f %% (band %.0f %%) %s%s",
                    c.category(), c.id(), c.system(), e.algorithm(), c.measuredBusGbps(), predicted, error * 100, c.band() * 100,
                    c.derived() ? "derived" : "held out", Math.abs(error) > c.band() ? "  OUT" : "");
            report.add(line);
            if (Math.abs(error) > c.band()) {
                misses.add(line);
            }
        }
        System.out.println("Collective validation (nccl-tests bus bandwidth):\n" + String.join("\n", report));
        assertEquals(List.of(), misses);
    }

    @Test
    void aGroupOnAFullMeshUsesOnlyItsOwnPeerLinks() {
        // MI300X Platform: 7 xGMI links of 64 GB/s per direction per GPU, 448 GB/s in all (catalog amd-infinity-fabric-mi300x).
        dev.accelerometer.model.hardware.Link mesh = new dev.accelerometer.model.hardware.Link("amd-infinity-fabric-mi300x", "xGMI mesh",
                dev.accelerometer.model.hardware.LinkKind.INFINITY_FABRIC, 448e9, null, 7, true);
        Cluster eight = Cluster.of(Fixtures.MI300X, 8, 8, mesh, null, null, null, null, new ArrayList<>());
        List<String> said = new ArrayList<>();
        Cluster two = Cluster.of(Fixtures.MI300X, 2, 8, mesh, null, null, null, null, said);
        assertEquals(1.0 / 7, two.intraBandwidth() / eight.intraBandwidth(), 1e-12);
        assertEquals(two.intraBandwidth(), eight.group(2).intraBandwidth(), 1e-3);
        assertEquals(3.0 / 7, eight.group(4).intraBandwidth() / eight.intraBandwidth(), 1e-12);
        assertEquals(eight.intraBandwidth(), two.group(8).intraBandwidth(), 1e-3);
        assertTrue(said.stream().anyMatch(a -> a.contains("full mesh")), said.toString());
        // The same numbers on a switch: every group reaches the whole per-GPU bandwidth.
        Cluster switched = Cluster.of(Fixtures.H100_SXM, 8, 8, NVSWITCH_3, null, null, null, null, new ArrayList<>());
        assertEquals(switched.intraBandwidth(), switched.group(2).intraBandwidth(), 1e-3);
    }

    @Test
    void oneDeviceNeedsNoLinkAndItsCollectivesCostNothing() {
        // An RTX 4090 has no scale-up link in the catalog: two of them reach each other over their PCIe 4.0 x16 host links
        // (31.5 GB/s per direction at 128b/130b), and the answer says so; a device the catalog gives neither link needs a named
        // one; one device needs none.
        List<String> assumptions = new ArrayList<>();
        Cluster pair = Cluster.of(Fixtures.RTX_4090, 2, 2, null, null, null, null, null, assumptions);
        assertEquals(CollectiveEfficiency.ring(dev.accelerometer.model.hardware.LinkKind.PCIE) * 16 * 1.969e9, pair.intraBandwidth(), 1e3);
        assertTrue(assumptions.stream().anyMatch(a -> a.contains("PCIe 4.0 x16 host link")), assumptions.toString());
        assertThrows(dev.accelerometer.model.hardware.MissingFactException.class,
                () -> Cluster.of(withoutLinks(Fixtures.H100_SXM), 2, 2, null, null, null, null, null, new ArrayList<>()));
        Cluster one = Cluster.of(Fixtures.RTX_4090, 1, 1, null, null, null, null, null, new ArrayList<>());
        for (Collective c : List.of(Collective.ALL_REDUCE, Collective.ALL_GATHER, Collective.REDUCE_SCATTER, Collective.BROADCAST)) {
            assertEquals(0.0, CollectiveModel.estimate(one, c, 1e9).seconds(), c.name());
        }
    }

    @Test
    void nvlsIsChosenOnEightGpusOfAThirdGenerationNvswitchOnly() {
        Cluster eight = Cluster.of(Fixtures.H100_SXM, 8, 8, NVSWITCH_3, null, null, null, null, new ArrayList<>());
        Cluster four = Cluster.of(Fixtures.H100_SXM, 4, 4, NVSWITCH_3, null, null, null, null, new ArrayList<>());
        Cluster a100 = Cluster.of(Fixtures.A100_SXM_80GB, 8, 8, NVSWITCH_2, null, null, null, null, new ArrayList<>());
        assertEquals(CollectiveModel.Algorithm.NVLS, CollectiveModel.algorithm(eight, Collective.ALL_REDUCE));
        assertEquals(CollectiveModel.Algorithm.RING, CollectiveModel.algorithm(eight, Collective.ALL_GATHER));
        assertEquals(CollectiveModel.Algorithm.RING, CollectiveModel.algorithm(four, Collective.ALL_REDUCE));
        assertEquals(CollectiveModel.Algorithm.RING, CollectiveModel.algorithm(a100, Collective.ALL_REDUCE));
    }

    @Test
    void busBandwidthFollowsTheNcclTestsFactors() {
        Cluster cluster = Cluster.of(Fixtures.A100_SXM_80GB, 8, 8, NVSWITCH_2, null, null, null, null, new ArrayList<>());
        for (Collective c : List.of(Collective.ALL_REDUCE, Collective.ALL_GATHER, Collective.REDUCE_SCATTER, Collective.BROADCAST)) {
            CollectiveModel.Estimate e = CollectiveModel.estimate(cluster, c, 16 * GIB);
            assertEquals(e.algorithmBandwidth() * c.busFactor(8), e.busBandwidth(), 1e-6 * e.busBandwidth());
            // At 16 GiB every ring collective's bus bandwidth is the ring efficiency × the link, within the latency term.
            assertEquals(CollectiveEfficiency.NVLINK_RING * 300e9, e.busBandwidth(), 0.001 * e.busBandwidth(), c.toString());
        }
        assertTrue(CollectiveModel.estimate(cluster, Collective.ALL_REDUCE, 1024).latencyBound());
    }

    /** B200 as the collective model needs it: NVLink 5, 900 GB/s per direction (NVIDIA DGX B200 datasheet, 1.8 TB/s per GPU). */
    private static Device b200() {
        return withLink(Fixtures.H100_SXM, "nvidia-b200", 9.0e11);
    }

    /** A PCIe-only GPU: no scale-up link, so the collective runs at the PCIe link's rate. */
    private static Device rtx() {
        return withLink(Fixtures.H100_SXM, "pcie-gpu", null);
    }

    /** {@code d} as a catalog entry with neither a scale-up link nor a PCIe host link. */
    private static Device withoutLinks(Device d) {
        return new Device("no-links", "no links", d.kind(), d.architecture(), d.architectureName(), d.memoryBytes(),
                d.memoryBandwidthBytesPerSecond(), d.peakPerSecond(), d.computeUnits(), d.boostClockHertz(), d.l2CacheBytes(), null, null, null,
                d.tdpWatts(), null, null, null, null, null, null);
    }

    private static Device withLink(Device d, String id, Double scaleUp) {
        return new Device(id, id, d.kind(), d.architecture(), d.architectureName(), d.memoryBytes(), d.memoryBandwidthBytesPerSecond(),
                d.peakPerSecond(), d.computeUnits(), d.boostClockHertz(), d.l2CacheBytes(), d.systolicArrayRows(), d.systolicArrayColumns(),
                d.systolicArrayCount(), d.tdpWatts(), d.listPriceUsd(), d.cloudPriceUsdPerHour(), scaleUp == null ? null : LinkKind.NVLINK,
                scaleUp, d.hostLinkPcieGeneration(), d.hostLinkPcieLanes());
    }
}
