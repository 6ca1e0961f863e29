package dev.accelerometer.model.collective;

import dev.accelerometer.model.hardware.LinkKind;

/**
 * What fraction of a link's per-direction bandwidth NCCL's collectives reach at large messages (bus bandwidth ÷ link
 * bandwidth), and the per-step latency at small ones, derived from published nccl-tests runs (catalog measurement
 * ledger, category communication_scaling, all read 2026-11-29). Each constant is the mean over several systems; the
 * spread between them is the stated error band.
 */
public final class CollectiveEfficiency {
    /**
     * Ring all-reduce over NVLink/NVSwitch: mean of 234.89/300 (8×A100, NVLink 3, 16 GiB, ledger comm-11),
     * 367.61/450 (8×H200, NVLink 4, ring, 16 GiB, comm-12) and 682.2/900 (8×B200, NVLink 5, NVLS off, 8 GiB, comm-13):
     * 0.783, 0.817, 0.758 → 0.786 (±4 %).
     */
    public static final double NVLINK_RING = (234.89 / 300 + 367.61 / 450 + 682.2 / 900) / 3;
    /**
     * NVLink SHARP (NVLS) all-reduce on a third-generation or later NVSwitch: the switch reduces, so each GPU sends and
     * receives the message once; bus bandwidth ÷ (2(n−1)/n × link bandwidth): mean of 478.87/787.5 (8×H100, comm-14),
     * 482.26/787.5 (8×H200, 16 GiB, comm-15) and 838.0/1575 (8×B200, 8 GiB, comm-16): 0.608, 0.612, 0.532 → 0.584 (±9 %).
     */
    public static final double NVLS = (478.87 / 787.5 + 482.26 / 787.5 + 838.0 / 1575) / 3;
    /**
     * NCCL picks NVLS at 8 GPUs per node but not at 4: on 4×H200 and 4×B200 the default run equals the NVLS-off run
     * (363.3 vs 363.3 and 673.2 vs 673.8 GB/s, comm-17, comm-18), on 8 GPUs it does not (473.1 vs 365.6).
     */
    public static final int NVLS_MIN_DEVICES = 8;
    /**
     * Ring all-reduce over PCIe without NVLink, per GPU's x16 link per direction (pcie-5: 63.0 GB/s): mean of 41.1
     * (8×RTX PRO 6000 behind PCIe 5 switches, comm-19), 37.6 (same cards in a dual-socket host, comm-20), 28.0 (8×RTX
     * 5090, comm-21) and 35.0 (4×RTX 5090, comm-22): 0.652, 0.597, 0.444, 0.556 → 0.562 (±21 %).
     */
    public static final double PCIE_RING = (41.1 + 37.6 + 28.0 + 35.0) / 4 / 63.0;
    /**
     * Rings that cross nodes are bounded by the node's NICs: bus bandwidth ÷ the node's NIC bandwidth per direction,
     * mean of 95.74/100 (3 nodes of 8×A100, 4×HDR 200 Gb/s, comm-23), 330/400 (2 nodes of 8×H100, 8×400 Gb/s RoCE,
     * NVLS off, comm-24), 320/400 (4 such nodes, comm-25), 381.8/400 (4 nodes of 8×B200, EFA, 16 GiB, comm-26) and
     * 364.87/400 (4 nodes of 8×H200 p5en, EFA, 4 GiB, comm-27): 0.957, 0.825, 0.800, 0.955, 0.912 → 0.890 (±10 %).
     */
    public static final double NIC_RING = (95.74 / 100 + 330.0 / 400 + 320.0 / 400 + 381.8 / 400 + 364.87 / 400) / 5;
    /**
     * All-reduce over the MI300X Platform's Infinity Fabric mesh (7 xGMI links per GPU, 448 GB/s per direction): RCCL's bus
     * bandwidth ÷ that aggregate, mean of 317.96/448 (8×MI300X, 8 GiB, RCCL 2.22.3, AMD's RCCL/xGMI blog, comm-47) and
     * 317.29/448 (8 GiB, ROCm docs' validation run, comm-48): 0.7097, 0.7082 → 0.709 (AMD's own realized link rate, 45–48 of
     * 64 GB/s, is the same fraction); comm-46 (1 GiB, 314.72) held out.
     */
    public static final double INFINITY_FABRIC_RING = (317.96 / 448 + 317.29 / 448) / 2;
    /**
     * Per-step latency of a ring inside a node: the small-message time over its steps, mean of 8×A100 1 KiB (44.8 µs /
     * 14, comm-28), 8×H100 1 KiB (25.6 µs / 14, comm-29), 8×H200 1 KiB (29.9 µs / 14, comm-30), 4×GB200 1 KiB (15.4 µs /
     * 6, comm-31) and 8×RTX 4090 over PCIe, 8 B (42.6 µs / 14, comm-32): 3.2, 1.8, 2.1, 2.6, 3.0 µs → 2.5 µs.
     */
    public static final double STEP_LATENCY_SECONDS = (44.8 / 14 + 25.6 / 14 + 29.9 / 14 + 15.4 / 6 + 42.6 / 14) / 5 * 1e-6;
    /**
     * No published collective measurement on TPU ICI was found (searched 2026-11-29): torus collectives run at the links'
     * bandwidth, and the answer says so with a widened band.
     */
    public static final double ICI_ASSUMED = 1.0;

    private CollectiveEfficiency() {
    }

    /** The large-message ring efficiency of a link inside a node, or of a TPU's ICI. */
    public static double ring(LinkKind kind) {
        return switch (kind) {
            case NVLINK, NVSWITCH -> NVLINK_RING;
            case PCIE -> PCIE_RING;
            case ICI -> ICI_ASSUMED;
            case INFINITY_FABRIC -> INFINITY_FABRIC_RING;
            case INFINIBAND, ROCE, ETHERNET -> NIC_RING;
            default -> PCIE_RING;
        };
    }

    /** Whether ring efficiency of {@code kind} is derived from measurements (false: assumed, wider band). */
    public static boolean measured(LinkKind kind) {
        return kind != LinkKind.ICI && kind != LinkKind.OTHER;
    }
}
